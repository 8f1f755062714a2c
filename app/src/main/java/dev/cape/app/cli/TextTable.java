package dev.cape.app.cli;

import java.util.ArrayList;
import java.util.List;

/** A small table rendered as aligned plain text or as a Markdown table. */
final class TextTable {

    private final String[] header;
    private final boolean[] rightAligned;
    private final List<String[]> rows = new ArrayList<>();

    TextTable(String... header) {
        this.header = header;
        this.rightAligned = new boolean[header.length];
    }

    /** Right-aligns the given columns (numbers). */
    TextTable right(int... columns) {
        for (int c : columns) {
            rightAligned[c] = true;
        }
        return this;
    }

    TextTable row(String... cells) {
        if (cells.length != header.length) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, header " + header.length);
        }
        rows.add(cells);
        return this;
    }

    String text(String indent) {
        int[] width = new int[header.length];
        for (int c = 0; c < header.length; c++) {
            width[c] = header[c].length();
            for (String[] r : rows) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, indent, header, width);
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < header.length; c++) {
            rule.append(c == 0 ? "" : "  ").append("-".repeat(width[c]));
        }
        sb.append(indent).append(rule).append('\n');
        for (String[] r : rows) {
            line(sb, indent, r, width);
        }
        return sb.toString();
    }

    private void line(StringBuilder sb, String indent, String[] cells, int[] width) {
        StringBuilder l = new StringBuilder(indent);
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                l.append("  ");
            }
            String pad = " ".repeat(width[c] - cells[c].length());
            l.append(rightAligned[c] ? pad + cells[c] : cells[c] + pad);
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }

    String markdown() {
        StringBuilder sb = new StringBuilder("| ");
        sb.append(String.join(" | ", escape(header))).append(" |\n|");
        for (int c = 0; c < header.length; c++) {
            sb.append(rightAligned[c] ? " ---: |" : " --- |");
        }
        sb.append('\n');
        for (String[] r : rows) {
            sb.append("| ").append(String.join(" | ", escape(r))).append(" |\n");
        }
        return sb.toString();
    }

    private static String[] escape(String[] cells) {
        String[] out = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            out[i] = cells[i].replace("|", "\\|");
        }
        return out;
    }
}
