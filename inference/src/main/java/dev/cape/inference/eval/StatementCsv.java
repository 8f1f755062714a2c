package dev.cape.inference.eval;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads labelled statements from CSV: a header with {@code statement} and {@code label} columns (any order, any other
 * columns kept as extras), labels {@code 1}/{@code 0}/{@code true}/{@code false} (case-insensitive). The item of a
 * row, which splits keep together, is the {@code item} column when there is one; otherwise, when the file has
 * numeric {@code n1} and {@code n2} columns (Geometry of Truth comparisons, where "x is larger than y" and "y is
 * larger than x" form one item), the unordered pair {@code {n1, n2}}; otherwise the row itself.
 */
public final class StatementCsv {

    private StatementCsv() {
    }

    /** Reads a statement file. */
    public static StatementSet read(Path file) {
        byte[] bytes = EvalFiles.read(file, "a statement CSV file (statement,label)");
        return parse(decode(bytes, file.toString()), file.getFileName().toString(), Hashing.sha256(bytes));
    }

    static String decode(byte[] bytes, String source) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new StatementDataException(source + ": not UTF-8 text", e);
        }
    }

    /** Parses CSV text; {@code name} names the source in errors and in the set. */
    public static StatementSet parse(String text, String name, String sha256) {
        List<CsvRecords.Row> rows = CsvRecords.parse(text, name);
        if (rows.isEmpty()) {
            throw new StatementDataException(name + ": empty file, expected a header with statement,label");
        }
        List<String> header = rows.get(0).fields().stream().map(String::trim).toList();
        int s = header.indexOf("statement");
        int l = header.indexOf("label");
        if (s < 0 || l < 0) {
            throw new StatementDataException(name + ": line 1: header " + header + " lacks "
                    + (s < 0 ? "'statement'" : "'label'") + " (expected columns statement,label)");
        }
        int itemCol = header.indexOf("item");
        boolean pairs = itemCol < 0 && header.contains("n1") && header.contains("n2");
        List<Statement> out = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            CsvRecords.Row row = rows.get(r);
            List<String> f = row.fields();
            if (f.size() != header.size()) {
                throw new StatementDataException(name + ": line " + row.line() + ": " + f.size() + " fields, header has "
                        + header.size());
            }
            String text0 = f.get(s).trim();
            if (text0.isEmpty()) {
                throw new StatementDataException(name + ": line " + row.line() + ": empty statement");
            }
            boolean label = parseLabel(f.get(l), name, row.line());
            Map<String, String> extras = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                if (c != s && c != l) {
                    extras.put(header.get(c), f.get(c));
                }
            }
            String item;
            if (itemCol >= 0) {
                item = f.get(itemCol);
            } else if (pairs) {
                item = pairKey(extras.get("n1"), extras.get("n2"), name, row.line());
            } else {
                item = "row " + row.line();
            }
            out.add(new Statement(text0, label, item, extras));
        }
        if (out.isEmpty()) {
            throw new StatementDataException(name + ": no statements after the header");
        }
        return new StatementSet(name, sha256, out);
    }

    static boolean parseLabel(String raw, String name, int line) {
        String v = raw.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw new StatementDataException(name + ": line " + line + ": label must be 1, 0, true or false: '"
                    + raw + "'");
        };
    }

    private static String pairKey(String n1, String n2, String name, int line) {
        try {
            double a = Double.parseDouble(n1.trim());
            double b = Double.parseDouble(n2.trim());
            return "pair " + formatNumber(Math.min(a, b)) + "," + formatNumber(Math.max(a, b));
        } catch (NumberFormatException e) {
            throw new StatementDataException(name + ": line " + line + ": n1/n2 must be numbers: '" + n1 + "', '" + n2
                    + "'", e);
        }
    }

    private static String formatNumber(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
