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
    /** Characters of the target's name kept in a temporary name: with the suffix, well under 255 bytes. */
    private static final int MAX_STEM = 100;

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
        return createBeside(target, false);
    }

    /**
     * A new empty hidden folder beside {@code target}, named after it, with the umask's permissions (a folder to fill
     * and then rename into place; {@link Files#createTempDirectory} would make it owner-only).
     */
    public static Path tempFolderBeside(Path target) throws IOException {
        return createBeside(target, true);
    }

    private static Path createBeside(Path target, boolean folder) throws IOException {
        Path absolute = target.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        String name = absolute.getFileName().toString();
        String stem = name.length() > MAX_STEM ? name.substring(0, MAX_STEM) : name;   // a long name stays writable
        for (int attempt = 0; ; attempt++) {
            Path tmp = absolute.resolveSibling("." + stem + "." + Long.toUnsignedString(RANDOM.nextLong(), 36)
                    + ".tmp");
            try {
                return folder ? Files.createDirectory(tmp) : Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                if (attempt == 100) {
                    throw e;
                }
            }
        }
    }

    /**
     * Why a write failed, in words for a user: "permission denied", "no such folder", the file system's reason;
     * never the hidden temporary file's path, which is what the exception's message holds.
     */
    public static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such folder";
        }
        if (e instanceof FileAlreadyExistsException x) {
            return x.getFile() + " exists and is not a folder";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return String.valueOf(e.getMessage());
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
