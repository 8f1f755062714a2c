package dev.cape.app.data;

import dev.cape.analysis.data.Dataset;
import java.util.List;

/**
 * Something an import changed or assumed (a unit conversion, a column read under an alias, a column ignored), shown
 * in the data pane with the file it concerns; the CLI prints the same notes.
 *
 * @param file    the data source the note is about (file as given, or the bundled data's name)
 * @param message the note, as the importer wrote it
 */
public record ImportNote(String file, String message) {

    /** The data set's notes under its source name; none for null. */
    public static List<ImportNote> of(Dataset d) {
        return d == null ? List.of() : d.importNotes().stream().map(n -> new ImportNote(d.source(), n)).toList();
    }

    /** "file: message". */
    public String text() {
        return file + ": " + message;
    }
}
