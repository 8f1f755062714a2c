package dev.cape.inference.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC-4180 CSV records: comma-separated fields, fields in double quotes may hold commas, doubled quotes and line
 * breaks; a leading UTF-8 byte-order mark is dropped; CRLF and LF both end a record. Each record keeps the line on
 * which it starts so that errors can name it.
 */
final class CsvRecords {

    /** One record and the 1-based line on which it starts. */
    record Row(int line, List<String> fields) {
    }

    private CsvRecords() {
    }

    static List<Row> parse(String text, String source) {
        int start = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? 1 : 0;
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        boolean quoted = false;
        boolean afterQuote = false;
        boolean any = false;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                        afterQuote = true;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
                continue;
            }
            if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                afterQuote = false;
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any || field.length() > 0 || afterQuote) {
                    fields.add(field.toString());
                    rows.add(new Row(recordLine, List.copyOf(fields)));
                }
                fields.clear();
                field.setLength(0);
                afterQuote = false;
                any = false;
                line++;
                recordLine = line;
            } else if (c == '"' && field.length() == 0 && !afterQuote) {
                quoted = true;
                any = true;
            } else if (afterQuote) {
                throw new StatementDataException(source + ": line " + line + ": text after a closing quote: '" + c
                        + "'");
            } else {
                field.append(c);
                any = true;
            }
        }
        if (quoted) {
            throw new StatementDataException(source + ": line " + recordLine + ": quoted field is never closed");
        }
        if (any || field.length() > 0 || afterQuote) {
            fields.add(field.toString());
            rows.add(new Row(recordLine, List.copyOf(fields)));
        }
        return rows;
    }
}
