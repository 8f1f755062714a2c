package dev.cape.analysis.data;

/**
 * A data file that cannot be read as model scores. The message names the file, the line and column
 * (when known), what was found and what was expected, so it can be shown to a user as is.
 */
public class DataFormatException extends RuntimeException {

    private final String file;
    private final long line;
    private final String column;

    /**
     * @param file   file name as the user gave it
     * @param line   1-based line number, or 0 when the problem is not tied to one line
     * @param column column header, or null
     * @param detail what was found and what was expected
     */
    public DataFormatException(String file, long line, String column, String detail) {
        super(format(file, line, column, detail));
        this.file = file;
        this.line = line;
        this.column = column;
    }

    private static String format(String file, long line, String column, String detail) {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(", line ").append(line);
        }
        if (column != null) {
            sb.append(", column '").append(column).append('\'');
        }
        return sb.append(": ").append(detail).toString();
    }

    public String file() {
        return file;
    }

    public long line() {
        return line;
    }

    public String column() {
        return column;
    }
}
