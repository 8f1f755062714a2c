package dev.cape.app.data;

import dev.cape.analysis.data.DataFormatException;

/**
 * A file that could not be imported, shown in the data pane.
 *
 * @param file    the file as given
 * @param line    1-based line, 0 when not tied to a line
 * @param column  column header, or empty
 * @param message the full message: file, line, column, what was found and what was expected
 */
public record ImportProblem(String file, long line, String column, String message) {

    public static ImportProblem of(DataFormatException e) {
        return new ImportProblem(e.file(), e.line(), e.column() == null ? "" : e.column(), e.getMessage());
    }

    public static ImportProblem of(String file, Throwable e) {
        if (e instanceof DataFormatException d) {
            return of(d);
        }
        return new ImportProblem(file, 0, "", file + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
    }
}
