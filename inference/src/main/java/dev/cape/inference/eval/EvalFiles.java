package dev.cape.inference.eval;

import dev.cape.inference.model.FileErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a statement or question file whole, after refusing what cannot be one: a missing path, a directory, or a file
 * larger than {@link #MAX_BYTES} (which would otherwise be read into memory in full).
 */
final class EvalFiles {

    /** 64 MiB: twenty times the largest set shipped in {@code shared/data/truth} (3 MB). */
    static final long MAX_BYTES = 64L * 1024 * 1024;

    private EvalFiles() {
    }

    /** The file's bytes; {@code expected} says what it should be, e.g. "a statement CSV file". */
    static byte[] read(Path file, String expected) {
        if (Files.isDirectory(file)) {
            throw new StatementDataException(file + ": found a directory; expected " + expected);
        }
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new StatementDataException(file + ": found " + size + " bytes; expected " + expected
                        + " of at most " + MAX_BYTES + " bytes (64 MiB)");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new StatementDataException(file + ": no such file; expected " + expected, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + FileErrors.reason(e), e);
        }
    }
}
