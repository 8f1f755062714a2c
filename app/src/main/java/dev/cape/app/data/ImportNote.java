package dev.cape.app.data;

/**
 * Something an import changed or assumed (a unit conversion, a column read under an alias, a column ignored), shown
 * in the data pane with the file it concerns; the CLI prints the same notes.
 *
 * @param file    the data source the note is about (file as given, or the bundled data's name)
 * @param message the note, as the importer wrote it
 */
public record ImportNote(String file, String message) {

    /** "file: message". */
    public String text() {
        return file + ": " + message;
    }
}
