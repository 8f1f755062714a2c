package dev.cape.analysis.data;

import java.util.List;
import java.util.Objects;

/**
 * A CSV file split into cells by {@link CsvImporter#readCells}, with the importer's encoding checks, quoting rules
 * and limits but before any column is interpreted: for tables that are not base-model tables (the frontier table).
 *
 * @param source     the file name as given, for messages
 * @param headerLine 1-based line of the header
 * @param header     header cells, stripped
 * @param rows       data rows, each as long as the header (blank rows skipped)
 */
public record CsvCells(String source, long headerLine, List<String> header, List<Row> rows) {

    public CsvCells {
        Objects.requireNonNull(source, "source");
        header = List.copyOf(header);
        rows = List.copyOf(rows);
    }

    /**
     * One data row.
     *
     * @param line   1-based line where the row starts
     * @param values its cells, stripped
     */
    public record Row(long line, List<String> values) {

        public Row {
            values = List.copyOf(values);
        }
    }
}
