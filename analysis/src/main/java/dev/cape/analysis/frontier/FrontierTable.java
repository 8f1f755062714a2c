package dev.cape.analysis.frontier;

import dev.cape.analysis.data.CsvCells;
import dev.cape.analysis.data.CsvImporter;
import dev.cape.analysis.data.DataFormatException;
import dev.cape.resources.BundledResources;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A table of frontier models read from CSV with the columns {@code model, lab, reasoning_score, truth_score}
 * (further columns are ignored), one row per model.
 *
 * <p>Rows with an empty score are excluded and listed; a non-numeric or negative score, a score above 100, a blank
 * model or lab, a duplicate model name or a missing column is a {@link DataFormatException} naming file, line and
 * column. A score column whose values are all in [0, 100] with at least one above 1 is read as percentages and
 * divided by 100, which {@link #notes()} says (method §1).
 *
 * @param source   file name the rows came from
 * @param models   the complete rows, in file order
 * @param excluded rows left out, "line N (model): reason"
 * @param notes    what the reader changed (percentages)
 */
public record FrontierTable(String source, List<FrontierModel> models, List<String> excluded, List<String> notes) {

    /** Required columns. */
    public static final List<String> COLUMNS = List.of("model", "lab", "reasoning_score", "truth_score");

    public FrontierTable {
        Objects.requireNonNull(source, "source");
        models = List.copyOf(models);
        excluded = List.copyOf(excluded);
        notes = List.copyOf(notes);
    }

    /** The bundled {@code frontier_models.csv}. */
    public static FrontierTable readBundled() {
        try (InputStream in = BundledResources.open(BundledResources.FRONTIER_MODELS)) {
            return read(in, "frontier_models.csv");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A user CSV with the same columns, read with the base-model importer's encoding checks, quoting rules and
     * limits (UTF-8 with or without BOM, RFC 4180, bounded record and file size).
     *
     * @throws DataFormatException  naming file, line and column when the file is missing, not text or not such a table
     * @throws UncheckedIOException when the file exists but cannot be read
     */
    public static FrontierTable read(Path file) {
        return of(CsvImporter.withDefaults().readCells(file, String.join(",", COLUMNS)));
    }

    /** Reads CSV text from a stream, which the caller closes; {@code name} is used in messages and as the source. */
    public static FrontierTable read(InputStream in, String name) {
        return of(CsvImporter.withDefaults().readCells(in, name, String.join(",", COLUMNS)));
    }

    private static FrontierTable of(CsvCells csv) {
        String name = csv.source();
        int[] col = new int[COLUMNS.size()];
        for (int c = 0; c < col.length; c++) {
            col[c] = column(csv, COLUMNS.get(c));
        }
        if (csv.rows().isEmpty()) {
            throw new DataFormatException(name, csv.headerLine(), null, "found a header but no data rows; expected "
                    + "one row per model after the header");
        }
        List<Row> rows = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (CsvCells.Row r : csv.rows()) {
            long line = r.line();
            String model = r.values().get(col[0]);
            String lab = r.values().get(col[1]);
            if (model.isEmpty()) {
                throw new DataFormatException(name, line, "model", "empty model name");
            }
            if (lab.isEmpty()) {
                throw new DataFormatException(name, line, "lab", "empty lab for model " + model);
            }
            if (!seen.add(model)) {
                throw new DataFormatException(name, line, "model", "duplicate model " + model
                        + "; the table must have one row per model");
            }
            Double reasoning = score(name, line, "reasoning_score", r.values().get(col[2]));
            Double truth = score(name, line, "truth_score", r.values().get(col[3]));
            if (reasoning == null || truth == null) {
                excluded.add("line " + line + " (" + model + "): empty "
                        + (reasoning == null ? "reasoning_score" : "truth_score"));
                continue;
            }
            rows.add(new Row(model, lab, reasoning, truth, name + ":" + line));
        }
        return scaled(name, rows, excluded);
    }

    /** The index of a required column, which must appear exactly once. */
    private static int column(CsvCells csv, String name) {
        int found = -1;
        for (int i = 0; i < csv.header().size(); i++) {
            if (csv.header().get(i).equalsIgnoreCase(name)) {
                if (found >= 0) {
                    throw new DataFormatException(csv.source(), csv.headerLine(), name, "found the column twice "
                            + "(columns " + (found + 1) + " and " + (i + 1) + "); expected each column once");
                }
                found = i;
            }
        }
        if (found < 0) {
            throw new DataFormatException(csv.source(), csv.headerLine(), name, "required column missing; header is "
                    + csv.header() + ", expected at least " + COLUMNS);
        }
        return found;
    }

    private static FrontierTable scaled(String name, List<Row> rows, List<String> excluded) {
        List<String> notes = new ArrayList<>();
        boolean rPct = percent(rows, true);
        boolean tPct = percent(rows, false);
        if (rPct) {
            notes.add("column reasoning_score: values read as percentages and divided by 100");
        }
        if (tPct) {
            notes.add("column truth_score: values read as percentages and divided by 100");
        }
        List<FrontierModel> models = new ArrayList<>();
        for (Row r : rows) {
            double rs = rPct ? r.reasoning / 100 : r.reasoning;
            double ts = tPct ? r.truth / 100 : r.truth;
            if (rs > 1) {
                throw new DataFormatException(name, lineOf(r), "reasoning_score", "score above 1 ("
                        + r.reasoning + ") in a column that is not all percentages");
            }
            if (ts > 1) {
                throw new DataFormatException(name, lineOf(r), "truth_score", "score above 1 ("
                        + r.truth + ") in a column that is not all percentages");
            }
            models.add(new FrontierModel(r.model, r.lab, rs, ts, r.origin));
        }
        return new FrontierTable(name, models, excluded, notes);
    }

    private record Row(String model, String lab, double reasoning, double truth, String origin) {
    }

    private static long lineOf(Row r) {
        return Long.parseLong(r.origin.substring(r.origin.lastIndexOf(':') + 1));
    }

    private static boolean percent(List<Row> rows, boolean reasoning) {
        boolean above1 = false;
        for (Row r : rows) {
            double v = reasoning ? r.reasoning : r.truth;
            if (v > 100) {
                return false;
            }
            above1 |= v > 1;
        }
        return above1;
    }

    private static Double score(String file, long line, String column, String text) {
        if (text.isEmpty()) {
            return null;
        }
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new DataFormatException(file, line, column, "not a number: '" + text
                    + "'; expected a fraction in [0, 1], a percentage in [0, 100], or an empty cell when missing");
        }
        if (!Double.isFinite(v) || v < 0 || v > 100) {
            throw new DataFormatException(file, line, column, String.format(Locale.ROOT,
                    "score must be a fraction in [0, 1] or a percentage in [0, 100]: %s", text));
        }
        return v;
    }
}
