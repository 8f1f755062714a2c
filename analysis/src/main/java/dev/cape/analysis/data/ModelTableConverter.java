package dev.cape.analysis.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the cells of a {@link RawTable} into {@link ModelRecord}s: names, sizes in billions, widths, scores as
 * fractions, kept attributes; decides per column whether sizes are raw counts and whether scores are percentages.
 */
final class ModelTableConverter {

    private static final String NUMBER = "[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?";
    private static final Pattern PLAIN_NUMBER = Pattern.compile(NUMBER);
    private static final Pattern SIZE = Pattern.compile("(" + NUMBER + ")\\s*([kKmMbBtT]?)");
    private static final Pattern DECIMAL_COMMA = Pattern.compile("[+-]?\\d+,\\d+");
    /** Sizes without a unit at or above this are raw parameter counts (a 100,000-billion model does not exist). */
    static final double RAW_COUNT_THRESHOLD = 1e5;

    private final String source;
    private final ColumnMapping mapping;

    ModelTableConverter(String source, ColumnMapping mapping) {
        this.source = source;
        this.mapping = mapping;
    }

    Dataset convert(RawTable table) {
        HeaderResolver.Columns cols = new HeaderResolver(source, mapping).resolve(table.headerLine(), table.header());
        List<RawTable.Row> rows = table.rows();
        if (rows.isEmpty()) {
            throw new DataFormatException(source, table.headerLine(), null, "found a header but no data rows; "
                    + "expected one row per model after the header");
        }
        String[] headers = cols.headers();
        List<String> notes = new ArrayList<>(cols.notes());
        if (table.delimiter() != ',') {
            notes.add(0, "fields separated by " + (table.delimiter() == ';' ? "semicolons" : "tabs"));
        }
        int n = rows.size();

        int modelCol = cols.roles().get(ColumnRole.MODEL);
        int familyCol = cols.roles().get(ColumnRole.FAMILY);
        String[] models = new String[n];
        String[] families = new String[n];
        for (int r = 0; r < n; r++) {
            models[r] = requiredText(rows.get(r), modelCol, headers[modelCol], "a model name");
            families[r] = requiredText(rows.get(r), familyCol, headers[familyCol], "a family name");
        }
        requireDistinct(rows, models, headers[modelCol]);
        double[] sizes = sizes(rows, cols.roles().get(ColumnRole.SIZE), headers, notes);
        Integer widthCol = cols.roles().get(ColumnRole.WIDTH);
        OptionalInt[] widths = widthCol == null ? null : widths(rows, widthCol, headers[widthCol]);

        Map<String, Double[]> scores = new LinkedHashMap<>();
        for (Map.Entry<Integer, String> e : cols.benchmarks().entrySet()) {
            ScoreColumn sc = ScoreColumn.parse(rows, e.getKey(), headers[e.getKey()], true, source);
            scores.put(e.getValue(), sc.fractions(notes, e.getValue()));
        }
        List<String> extra = new ArrayList<>();
        for (Map.Entry<Integer, String> e : cols.candidates().entrySet()) {
            ScoreColumn sc = ScoreColumn.parse(rows, e.getKey(), headers[e.getKey()], false, source);
            String why = sc.whyNotScores();
            if (why != null) {
                notes.add("column '" + headers[e.getKey()] + "' ignored: " + why);
            } else {
                scores.put(e.getValue(), sc.fractions(notes, e.getValue()));
                extra.add(e.getValue());
            }
        }
        if (!extra.isEmpty()) {
            notes.add("columns kept as extra benchmarks: " + String.join(", ", extra));
        }

        List<ModelRecord> records = new ArrayList<>(n);
        Set<String> present = new LinkedHashSet<>();
        for (int r = 0; r < n; r++) {
            RawTable.Row row = rows.get(r);
            Map<String, Double> s = new HashMap<>();
            for (Map.Entry<String, Double[]> e : scores.entrySet()) {
                Double v = e.getValue()[r];
                if (v != null) {
                    s.put(e.getKey(), v);
                    present.add(e.getKey());
                }
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            String modelNotes = "";
            for (Map.Entry<Integer, String> e : cols.attributes().entrySet()) {
                String v = row.values()[e.getKey()].strip();
                if (v.isEmpty()) {
                    continue;
                }
                if (e.getValue().equals("notes")) {
                    modelNotes = v;
                } else {
                    attributes.put(e.getValue(), v);
                }
            }
            records.add(new ModelRecord(models[r], families[r], sizes[r],
                    widths == null ? OptionalInt.empty() : widths[r], s, modelNotes,
                    source + ":" + row.line(), attributes));
        }
        List<String> benchmarkOrder = new ArrayList<>();
        for (String id : scores.keySet()) {
            if (present.contains(id)) {
                benchmarkOrder.add(id);
            }
        }
        return new Dataset(source, records, benchmarkOrder, notes);
    }

    /** Refuses a model listed twice: its scores would count twice in every analysis. */
    private void requireDistinct(List<RawTable.Row> rows, String[] models, String header) {
        Map<String, Long> firstLine = new HashMap<>();
        for (int r = 0; r < models.length; r++) {
            Long first = firstLine.putIfAbsent(models[r], rows.get(r).line());
            if (first != null) {
                throw new DataFormatException(source, rows.get(r).line(), header, "found model '" + models[r]
                        + "' again (first at line " + first + "); expected one row per model (a model listed twice "
                        + "would count twice in every analysis)");
            }
        }
    }

    private String requiredText(RawTable.Row row, int col, String header, String expected) {
        String v = row.values()[col].strip();
        if (v.isEmpty()) {
            throw new DataFormatException(source, row.line(), header, "found an empty cell; expected " + expected);
        }
        return v;
    }

    private double[] sizes(List<RawTable.Row> rows, int col, String[] headers, List<String> notes) {
        String header = headers[col];
        String expected = "a parameter count > 0, in billions (7, 0.35), as a raw count (7000000000, 7e9) "
                + "or with a unit (7B, 350M)";
        int n = rows.size();
        double[] out = new double[n];
        boolean[] unitless = new boolean[n];
        int firstRaw = -1;
        int firstBillions = -1;
        boolean anySuffix = false;
        for (int r = 0; r < n; r++) {
            RawTable.Row row = rows.get(r);
            String cell = row.values()[col].strip();
            Matcher m = SIZE.matcher(cell);
            if (!m.matches()) {
                throw new DataFormatException(source, row.line(), header, "found "
                        + (cell.isEmpty() ? "an empty cell" : "'" + cell + "'") + "; expected " + expected);
            }
            double v = Double.parseDouble(m.group(1));
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new DataFormatException(source, row.line(), header, "found '" + cell + "'; expected "
                        + expected);
            }
            String unit = m.group(2).toUpperCase(Locale.ROOT);
            switch (unit) {
                case "K" -> out[r] = v * 1e-6;
                case "M" -> out[r] = v * 1e-3;
                case "B" -> out[r] = v;
                case "T" -> out[r] = v * 1e3;
                default -> {
                    out[r] = v;
                    unitless[r] = true;
                    if (v >= RAW_COUNT_THRESHOLD) {
                        firstRaw = firstRaw < 0 ? r : firstRaw;
                    } else {
                        firstBillions = firstBillions < 0 ? r : firstBillions;
                    }
                }
            }
            if (!(out[r] > 0) || Double.isInfinite(out[r])) {
                throw new DataFormatException(source, row.line(), header, "found '" + cell + "', which is "
                        + out[r] + " billion; expected " + expected);
            }
            anySuffix |= !unit.isEmpty();
        }
        if (firstRaw >= 0 && firstBillions >= 0) {
            int later = Math.max(firstRaw, firstBillions);
            RawTable.Row a = rows.get(Math.min(firstRaw, firstBillions));
            RawTable.Row b = rows.get(later);
            throw new DataFormatException(source, b.line(), header, "found '" + b.values()[col].strip()
                    + "' after '" + a.values()[col].strip() + "' (line " + a.line() + "): the column mixes raw "
                    + "parameter counts (>= 1e5) with counts in billions; expected one unit per column (or a "
                    + "unit suffix such as 7B on every value)");
        }
        if (firstRaw >= 0) {
            for (int r = 0; r < n; r++) {
                if (unitless[r]) {
                    out[r] /= 1e9;
                }
            }
            notes.add("column '" + header + "': raw parameter counts (all >= 1e5), divided by 1e9 to billions");
        }
        if (anySuffix) {
            notes.add("column '" + header + "': unit suffixes (K, M, B, T) converted to billions");
        }
        return out;
    }

    private OptionalInt[] widths(List<RawTable.Row> rows, int col, String header) {
        OptionalInt[] out = new OptionalInt[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            RawTable.Row row = rows.get(r);
            String cell = row.values()[col].strip();
            if (cell.isEmpty()) {
                out[r] = OptionalInt.empty();
                continue;
            }
            double v = PLAIN_NUMBER.matcher(cell).matches() ? Double.parseDouble(cell) : Double.NaN;
            if (!(v >= 1) || v != Math.rint(v) || v > Integer.MAX_VALUE) {
                throw new DataFormatException(source, row.line(), header, "found '" + cell + "'; expected a "
                        + "hidden width: a whole number > 0 (e.g. 4096), or an empty cell when unknown");
            }
            out[r] = OptionalInt.of((int) v);
        }
        return out;
    }

    /** The parsed cells of one score column and what they say about its unit. */
    private static final class ScoreColumn {
        private final String header;
        private final String source;
        private final List<RawTable.Row> rows;
        private final int col;
        private final Double[] values;
        private String nonNumeric;
        private long nonNumericLine;
        private int count;

        private ScoreColumn(List<RawTable.Row> rows, int col, String header, String source) {
            this.rows = rows;
            this.col = col;
            this.header = header;
            this.source = source;
            this.values = new Double[rows.size()];
        }

        /** Parses a column; {@code strict}: a known benchmark, where any bad value is an error. */
        static ScoreColumn parse(List<RawTable.Row> rows, int col, String header, boolean strict, String source) {
            ScoreColumn sc = new ScoreColumn(rows, col, header, source);
            String expected = "a score: a fraction in [0, 1], a percentage in [0, 100], or an empty cell when "
                    + "missing";
            for (int r = 0; r < rows.size(); r++) {
                RawTable.Row row = rows.get(r);
                String cell = row.values()[col].strip();
                if (cell.isEmpty()) {
                    continue;
                }
                if (!PLAIN_NUMBER.matcher(cell).matches()) {
                    if (strict) {
                        String hint = DECIMAL_COMMA.matcher(cell).matches()
                                ? "; write decimals with a point (0.45, not 0,45)" : "";
                        throw new DataFormatException(source, row.line(), header, "found '" + cell + "'; expected "
                                + expected + hint);
                    }
                    if (sc.nonNumeric == null) {
                        sc.nonNumeric = cell;
                        sc.nonNumericLine = row.line();
                    }
                    continue;
                }
                double v = Double.parseDouble(cell);
                if (strict && (v < 0 || v > 100)) {
                    throw new DataFormatException(source, row.line(), header, "found " + cell + ", outside "
                            + "[0, 100]; expected " + expected);
                }
                sc.values[r] = v;
                sc.count++;
            }
            return sc;
        }

        /** Why an unknown column is not a score column, or null when it is. */
        String whyNotScores() {
            if (nonNumeric != null) {
                return "not numeric ('" + nonNumeric + "' at line " + nonNumericLine + ") and not a known text "
                        + "column";
            }
            if (count == 0) {
                return "no values";
            }
            for (int r = 0; r < values.length; r++) {
                Double v = values[r];
                if (v != null && (v < 0 || v > 100)) {
                    return "value " + rows.get(r).values()[col].strip() + " at line " + rows.get(r).line()
                            + " lies outside [0, 100], so the column is not a score";
                }
            }
            return null;
        }

        /** The scores as fractions, dividing a percentage column by 100 (with a note). */
        Double[] fractions(List<String> notes, String id) {
            double max = Double.NEGATIVE_INFINITY;
            int maxAt = -1;
            for (int r = 0; r < values.length; r++) {
                if (values[r] != null && values[r] > max) {
                    max = values[r];
                    maxAt = r;
                }
            }
            if (maxAt < 0 || max <= 1) {
                return values;
            }
            Double[] out = new Double[values.length];
            int small = 0;
            long smallLine = 0;
            for (int r = 0; r < values.length; r++) {
                if (values[r] != null) {
                    out[r] = values[r] / 100;
                    if (values[r] > 0 && values[r] <= 1) {
                        small++;
                        smallLine = smallLine == 0 ? rows.get(r).line() : smallLine;
                    }
                }
            }
            notes.add("column '" + header + "' (" + id + "): percentages (values up to "
                    + rows.get(maxAt).values()[col].strip() + ", line " + rows.get(maxAt).line()
                    + "), divided by 100");
            if (small > 0) {
                notes.add("column '" + header + "' (" + id + "): read as percentages, but " + small + " value"
                        + (small > 1 ? "s lie" : " lies") + " in (0, 1] (first at line " + smallLine + "); check "
                        + "that the column does not mix fractions and percentages");
            }
            return out;
        }

        @Override
        public String toString() {
            return "ScoreColumn[" + source + ", " + header + "]";
        }
    }
}
