package dev.cape.analysis.frontier;

import dev.cape.analysis.data.DataFormatException;
import dev.cape.resources.BundledResources;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
        try (Reader in = new InputStreamReader(BundledResources.open(BundledResources.FRONTIER_MODELS),
                StandardCharsets.UTF_8)) {
            return read(in, "frontier_models.csv");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A user CSV with the same columns. */
    public static FrontierTable read(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, file.toString());
        }
    }

    /** Reads CSV text; {@code name} is used in messages and as the source. */
    public static FrontierTable read(Reader in, String name) throws IOException {
        CSVParser parser;
        try {
            parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                    .setIgnoreEmptyLines(true).get().parse(in);
        } catch (IllegalArgumentException e) {
            throw new DataFormatException(name, 1, null, "cannot read the header: " + e.getMessage());
        }
        try (parser) {
            List<String> header = parser.getHeaderNames();
            for (String c : COLUMNS) {
                if (!header.contains(c)) {
                    throw new DataFormatException(name, 1, c, "required column missing; header is " + header
                            + ", expected at least " + COLUMNS);
                }
            }
            List<Row> rows = new ArrayList<>();
            List<String> excluded = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            try {
                for (CSVRecord r : parser) {
                    long line = parser.getCurrentLineNumber();
                    if (!r.isConsistent()) {
                        throw new DataFormatException(name, line, null, "row has " + r.size()
                                + " fields, header has " + header.size());
                    }
                    String model = r.get("model");
                    String lab = r.get("lab");
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
                    Double reasoning = score(name, line, "reasoning_score", r.get("reasoning_score"));
                    Double truth = score(name, line, "truth_score", r.get("truth_score"));
                    if (reasoning == null || truth == null) {
                        excluded.add("line " + line + " (" + model + "): empty "
                                + (reasoning == null ? "reasoning_score" : "truth_score"));
                        continue;
                    }
                    rows.add(new Row(model, lab, reasoning, truth, name + ":" + line));
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            } catch (IllegalStateException e) {
                throw new DataFormatException(name, parser.getCurrentLineNumber(), null, "malformed CSV: "
                        + e.getMessage());
            }
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
            throw new DataFormatException(file, line, column, "not a number: '" + text + "'");
        }
        if (!Double.isFinite(v) || v < 0 || v > 100) {
            throw new DataFormatException(file, line, column, String.format(Locale.ROOT,
                    "score must be a fraction in [0, 1] or a percentage in [0, 100]: %s", text));
        }
        return v;
    }
}
