package dev.cape.app.common;

import java.util.List;
import java.util.Locale;

/**
 * A table as text for a spreadsheet: tab-separated (the clipboard) or CSV (RFC 4180 quoting), one header row, numbers
 * written in full precision with a dot, empty cells for missing values (null, NaN).
 */
public final class TableText {

    /** Output formats. */
    public enum Format { TSV, CSV }

    private TableText() {
    }

    public static String of(List<String> headers, List<List<Object>> rows, Format format) {
        StringBuilder sb = new StringBuilder();
        line(sb, headers.stream().map(h -> (Object) h).toList(), format);
        for (List<Object> row : rows) {
            line(sb, row, format);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<Object> cells, Format format) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(format == Format.TSV ? '\t' : ',');
            }
            sb.append(cell(cells.get(i), format));
        }
        sb.append(format == Format.TSV ? "\n" : "\r\n");
    }

    static String cell(Object v, Format format) {
        String s;
        if (v == null || v instanceof Double d && d.isNaN() || v instanceof Float f && f.isNaN()) {
            s = "";
        } else if (v instanceof Double || v instanceof Float) {
            s = String.format(Locale.ROOT, "%s", v);
        } else {
            s = v.toString();
        }
        if (format == Format.TSV) {
            return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
        }
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
                ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
