package dev.cape.analysis.data;

import java.util.List;

/**
 * A CSV file split into cells, before any column is interpreted.
 *
 * @param headerLine 1-based line of the header
 * @param header     header cells as given
 * @param rows       data rows, each as long as the header
 * @param delimiter  the field delimiter used
 */
record RawTable(long headerLine, String[] header, List<Row> rows, char delimiter) {

    /**
     * One data row.
     *
     * @param line   1-based line where the row starts
     * @param values its cells as given
     */
    record Row(long line, String[] values) {
    }
}
