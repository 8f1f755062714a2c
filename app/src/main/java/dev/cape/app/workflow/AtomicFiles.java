package dev.cape.app.workflow;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;

/**
 * Files written whole or not at all: the content goes to a hidden temporary file beside the target, which then
 * replaces it by a rename, so a failed or interrupted write never leaves a half-written file or loses the old one.
 * The temporary file is created plainly, so the result has the permissions the user's umask gives a new file
 * ({@link Files#createTempFile} would make it readable by its owner only).
 */
public final class AtomicFiles {

    /** Writes the content into the file it is given. */
    @FunctionalInterface
    public interface Writer {
        void write(Path file) throws IOException;
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    /** Writes {@code target} through {@code writer}; the target's folder is created if needed. */
    public static void write(Path target, Writer writer) throws IOException {
        Path tmp = tempBeside(target);
        try {
            writer.write(tmp);
            replace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A new empty hidden file beside {@code target}, named after it; its folder is created if needed. */
    public static Path tempBeside(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        for (int attempt = 0; ; attempt++) {
            Path tmp = absolute.resolveSibling("." + absolute.getFileName() + "."
                    + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
            try {
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                if (attempt == 100) {
                    throw e;
                }
            }
        }
    }

    /** Moves {@code tmp} over {@code target}: atomically where the file system can. */
    public static void replace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
