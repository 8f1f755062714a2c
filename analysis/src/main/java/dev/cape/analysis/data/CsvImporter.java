package dev.cape.analysis.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a table of base models (one row per model: name, family, size, optional width, benchmark scores) from a
 * CSV file into a {@link Dataset}.
 *
 * <p>Headers are recognised by {@link ColumnAliases} or an explicit {@link ColumnMapping}; sizes may be given in
 * billions, as raw counts or with a unit suffix ({@code 7B}, {@code 350M}); score columns may be fractions or
 * percentages (analysis-methods §1: a column whose values all lie in [0, 100] with any value &gt; 1 is divided by
 * 100). Comma, semicolon and tab delimiters are detected from the header line; the file must be UTF-8 (a
 * byte-order mark is allowed). The input is streamed and limited ({@link #withMaxFileChars(long)},
 * {@link #withMaxRows(int)}, {@link #withMaxColumns(int)}, {@link #withMaxRecordChars(int)},
 * {@link #withMaxCells(long)}), so a huge or
 * malformed file fails fast. Every problem is one {@link DataFormatException} naming the file, line, column, what
 * was found and what was expected. The format is documented in {@code docs/data-format.md}. Immutable.
 */
public final class CsvImporter {

    /** Default limit on data rows. */
    public static final int DEFAULT_MAX_ROWS = 50_000;
    /** Default limit on columns. */
    public static final int DEFAULT_MAX_COLUMNS = 1_000;
    /** Default limit on the characters of one record (one row, including quoted line breaks). */
    public static final int DEFAULT_MAX_RECORD_CHARS = 65_536;
    /** Default limit on the characters of the whole file (16 Mi). */
    public static final long DEFAULT_MAX_FILE_CHARS = 16L * 1024 * 1024;
    /** Default limit on the cells (data rows × columns) held in memory: about 50 MB of objects for short cells. */
    public static final long DEFAULT_MAX_CELLS = 1_000_000;

    /** Field delimiter: detected from the header line, or fixed. */
    public enum Delimiter {
        /** The most frequent of comma, semicolon and tab outside quotes in the header line; comma on a tie. */
        DETECT('\0'),
        COMMA(','),
        SEMICOLON(';'),
        TAB('\t');

        private final char character;

        Delimiter(char character) {
            this.character = character;
        }

        /** The delimiter character; {@code '\0'} for {@link #DETECT}. */
        public char character() {
            return character;
        }
    }

    private static final String MODEL_HEADER = "model,family,params_b,mmlu,...";
    private static final CsvImporter DEFAULTS = new CsvImporter(ColumnMapping.none(), Delimiter.DETECT,
            DEFAULT_MAX_ROWS, DEFAULT_MAX_COLUMNS, DEFAULT_MAX_RECORD_CHARS, DEFAULT_MAX_FILE_CHARS, DEFAULT_MAX_CELLS);

    private final ColumnMapping mapping;
    private final Delimiter delimiter;
    private final int maxRows;
    private final int maxColumns;
    private final int maxRecordChars;
    private final long maxFileChars;
    private final long maxCells;

    private CsvImporter(ColumnMapping mapping, Delimiter delimiter, int maxRows, int maxColumns,
                        int maxRecordChars, long maxFileChars, long maxCells) {
        this.mapping = mapping;
        this.delimiter = delimiter;
        this.maxRows = maxRows;
        this.maxColumns = maxColumns;
        this.maxRecordChars = maxRecordChars;
        this.maxFileChars = maxFileChars;
        this.maxCells = maxCells;
    }

    /** Aliases only, delimiter detected, default limits. */
    public static CsvImporter withDefaults() {
        return DEFAULTS;
    }

    /** This importer with explicit column choices that override the aliases. */
    public CsvImporter withColumnMapping(ColumnMapping columnMapping) {
        Objects.requireNonNull(columnMapping, "columnMapping");
        return new CsvImporter(columnMapping, delimiter, maxRows, maxColumns, maxRecordChars, maxFileChars, maxCells);
    }

    /** This importer with a fixed delimiter, or {@link Delimiter#DETECT}. */
    public CsvImporter with(Delimiter fieldDelimiter) {
        Objects.requireNonNull(fieldDelimiter, "delimiter");
        return new CsvImporter(mapping, fieldDelimiter, maxRows, maxColumns, maxRecordChars, maxFileChars, maxCells);
    }

    /** This importer with at most {@code rows} data rows (&gt; 0). */
    public CsvImporter withMaxRows(int rows) {
        if (rows <= 0) {
            throw new IllegalArgumentException("maxRows must be > 0: " + rows);
        }
        return new CsvImporter(mapping, delimiter, rows, maxColumns, maxRecordChars, maxFileChars, maxCells);
    }

    /** This importer with at most {@code columns} columns (&gt; 0). */
    public CsvImporter withMaxColumns(int columns) {
        if (columns <= 0) {
            throw new IllegalArgumentException("maxColumns must be > 0: " + columns);
        }
        return new CsvImporter(mapping, delimiter, maxRows, columns, maxRecordChars, maxFileChars, maxCells);
    }

    /** This importer with records (rows) of at most {@code chars} characters (&gt; 0). */
    public CsvImporter withMaxRecordChars(int chars) {
        if (chars <= 0) {
            throw new IllegalArgumentException("maxRecordChars must be > 0: " + chars);
        }
        return new CsvImporter(mapping, delimiter, maxRows, maxColumns, chars, maxFileChars, maxCells);
    }

    /** This importer with files of at most {@code chars} characters (&gt; 0). */
    public CsvImporter withMaxFileChars(long chars) {
        if (chars <= 0) {
            throw new IllegalArgumentException("maxFileChars must be > 0: " + chars);
        }
        return new CsvImporter(mapping, delimiter, maxRows, maxColumns, maxRecordChars, chars, maxCells);
    }

    /** This importer holding at most {@code cells} cells (data rows × columns, &gt; 0). */
    public CsvImporter withMaxCells(long cells) {
        if (cells <= 0) {
            throw new IllegalArgumentException("maxCells must be > 0: " + cells);
        }
        return new CsvImporter(mapping, delimiter, maxRows, maxColumns, maxRecordChars, maxFileChars, cells);
    }

    public ColumnMapping columnMapping() {
        return mapping;
    }

    public Delimiter delimiter() {
        return delimiter;
    }

    public int maxRows() {
        return maxRows;
    }

    public int maxColumns() {
        return maxColumns;
    }

    public int maxRecordChars() {
        return maxRecordChars;
    }

    public long maxFileChars() {
        return maxFileChars;
    }

    public long maxCells() {
        return maxCells;
    }

    /**
     * Reads a CSV file; its path as given names it in messages and origins.
     *
     * @throws DataFormatException  when the file is missing or is not a valid model table
     * @throws UncheckedIOException when the file exists but cannot be read
     */
    public Dataset read(Path file) {
        return fromFile(file, this::read);
    }

    /**
     * Reads CSV text from a stream, which the caller closes.
     *
     * @param sourceName names the input in messages and in each model's origin, e.g. {@code "bundled base_models.csv"}
     * @throws DataFormatException  when the input is not a valid model table
     * @throws UncheckedIOException when the stream cannot be read
     */
    public Dataset read(InputStream in, String sourceName) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(sourceName, "sourceName");
        try {
            RawTable table = parse(in, sourceName, false, MODEL_HEADER);
            return new ModelTableConverter(sourceName, mapping).convert(table);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + sourceName + ": " + e.getMessage(), e);
        }
    }

    /**
     * The header cells of a CSV file, trimmed, in file order, read with this importer's delimiter and limits;
     * what a column-mapping dialog offers to choose from. Reads only the header.
     *
     * @throws DataFormatException  when the file is missing, empty or not text
     * @throws UncheckedIOException when the file exists but cannot be read
     */
    public List<String> readHeader(Path file) {
        return fromFile(file, this::readHeader);
    }

    private static <T> T fromFile(Path file, BiFunction<InputStream, String, T> reader) {
        Objects.requireNonNull(file, "file");
        String name = file.toString();
        if (Files.isDirectory(file)) {
            throw new DataFormatException(name, 0, null, "found a directory; expected a CSV file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return reader.apply(in, name);
        } catch (NoSuchFileException e) {
            throw new DataFormatException(name, 0, null, "no such file; expected a CSV file");
        } catch (AccessDeniedException e) {
            throw new DataFormatException(name, 0, null, "permission denied; expected a readable CSV file");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * The cells of a CSV file with this importer's encoding checks, quoting rules and limits, no column interpreted;
     * for tables that are not base-model tables. {@code expectedHeader} (e.g. {@code "model,lab,reasoning_score,
     * truth_score"}) is named in the message for an empty file.
     *
     * @throws DataFormatException  when the file is missing, a directory, empty, not text or malformed CSV
     * @throws UncheckedIOException when the file exists but cannot be read
     */
    public CsvCells readCells(Path file, String expectedHeader) {
        return fromFile(file, (in, name) -> readCells(in, name, expectedHeader));
    }

    /** The cells of CSV text from a stream, which the caller closes; see {@link #readCells(Path, String)}. */
    public CsvCells readCells(InputStream in, String sourceName, String expectedHeader) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(sourceName, "sourceName");
        try {
            RawTable t = parse(in, sourceName, false, expectedHeader);
            List<CsvCells.Row> rows = new ArrayList<>(t.rows().size());
            for (RawTable.Row r : t.rows()) {
                rows.add(new CsvCells.Row(r.line(), Arrays.stream(r.values()).map(String::strip).toList()));
            }
            return new CsvCells(sourceName, t.headerLine(), Arrays.stream(t.header()).map(String::strip).toList(),
                    rows);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + sourceName + ": " + e.getMessage(), e);
        }
    }

    /** The header cells of CSV text from a stream, which the caller closes; see {@link #readHeader(Path)}. */
    public List<String> readHeader(InputStream in, String sourceName) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(sourceName, "sourceName");
        try {
            return Arrays.stream(parse(in, sourceName, true, MODEL_HEADER).header()).map(String::strip).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + sourceName + ": " + e.getMessage(), e);
        }
    }

    private RawTable parse(InputStream in, String source, boolean headerOnly, String expectedHeader)
            throws IOException {
        GuardedReader reader = new GuardedReader(in, source, maxFileChars, maxRecordChars);
        String firstLine = reader.peekFirstLine();
        if (firstLine == null) {
            throw new DataFormatException(source, 0, null, "file is empty; expected a header line (e.g. '"
                    + expectedHeader + "') followed by one row per model");
        }
        char sep = delimiter == Delimiter.DETECT ? detect(firstLine) : delimiter.character();
        CSVFormat format = CSVFormat.RFC4180.builder()
                .setDelimiter(sep)
                .setIgnoreEmptyLines(false)
                .get();
        // The parser wraps the reader in its own BufferedReader and reads only while iterating. It is not closed
        // here: closing it would close the caller's stream.
        CSVParser parser = CSVParser.parse(reader, format);
        Iterator<CSVRecord> it = parser.iterator();
        String[] header = null;
        long headerLine = 0;
        List<RawTable.Row> rows = new ArrayList<>();
        long cells = 0;
        while (true) {
            long start = parser.getCurrentLineNumber() + 1;
            reader.startRecord(start);
            CSVRecord record;
            try {
                if (!it.hasNext()) {
                    break;
                }
                record = it.next();
            } catch (UncheckedIOException e) {
                throw malformed(source, start, e);
            }
            String[] values = record.values();
            if (isBlank(values)) {
                continue;
            }
            checkRecordLength(source, start, values);
            if (header == null) {
                if (values.length > maxColumns) {
                    throw new DataFormatException(source, start, null, "found " + values.length
                            + " columns in the header; expected at most " + maxColumns + " (the import limit)");
                }
                header = values;
                headerLine = start;
                if (headerOnly) {
                    break;
                }
                continue;
            }
            if (values.length != header.length) {
                throw new DataFormatException(source, start, null, "found " + values.length + " fields; expected "
                        + header.length + ", one per header column"
                        + (values.length > header.length ? " (is a value with a '" + printable(sep)
                        + "' missing its quotes?)" : ""));
            }
            if (rows.size() >= maxRows) {
                throw new DataFormatException(source, start, null, "found more than " + maxRows
                        + " data rows; expected at most " + maxRows + " (the import limit)");
            }
            cells += values.length;
            if (cells > maxCells) {
                throw new DataFormatException(source, start, null, "found more than " + maxCells + " cells (rows × "
                        + "columns); expected at most " + maxCells + " (the import limit)");
            }
            rows.add(new RawTable.Row(start, values));
        }
        if (header == null) {
            throw new DataFormatException(source, 0, null, "file is empty; expected a header line");
        }
        return new RawTable(headerLine, header, rows, sep);
    }

    private void checkRecordLength(String source, long line, String[] values) {
        long chars = values.length;
        for (String v : values) {
            chars += v.length();
        }
        if (chars > maxRecordChars) {
            throw new DataFormatException(source, line, null, "found a record of " + chars
                    + " characters; expected at most " + maxRecordChars + " (the import limit)");
        }
    }

    private static boolean isBlank(String[] values) {
        for (String v : values) {
            if (!v.isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** A format error of the parser as a DataFormatException; an I/O failure of the stream stays one. */
    private static RuntimeException malformed(String source, long line, UncheckedIOException e) {
        if (!(e.getCause() instanceof CSVException cause)) {
            return e;
        }
        String msg = String.valueOf(cause.getMessage());
        if (msg.contains("EOF reached before encapsulated token finished")) {
            return new DataFormatException(source, line, null, "unterminated quoted field: found the end of the "
                    + "file inside a quoted value; expected a closing '\"'");
        }
        if (msg.contains("Invalid character between encapsulated token and delimiter")) {
            return new DataFormatException(source, line, null, "found text after the closing quote of a quoted "
                    + "value; expected a delimiter or the end of the line (a '\"' inside a quoted value is "
                    + "written '\"\"')");
        }
        return new DataFormatException(source, line, null, "malformed CSV: " + msg);
    }

    /** The most frequent of comma, semicolon and tab outside double quotes; comma when tied or absent. */
    static char detect(String headerLine) {
        int comma = 0;
        int semicolon = 0;
        int tab = 0;
        boolean quoted = false;
        for (int i = 0; i < headerLine.length(); i++) {
            char c = headerLine.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                switch (c) {
                    case ',' -> comma++;
                    case ';' -> semicolon++;
                    case '\t' -> tab++;
                    default -> {
                    }
                }
            }
        }
        if (semicolon > comma && semicolon >= tab) {
            return ';';
        }
        if (tab > comma && tab > semicolon) {
            return '\t';
        }
        return ',';
    }

    private static String printable(char c) {
        return c == '\t' ? "tab" : String.valueOf(c);
    }

    @Override
    public String toString() {
        return "CsvImporter[delimiter=" + delimiter + ", maxRows=" + maxRows + ", maxColumns=" + maxColumns
                + ", maxRecordChars=" + maxRecordChars + ", maxFileChars=" + maxFileChars + ", maxCells=" + maxCells
                + ", mapping=" + mapping
                + "]";
    }
}
