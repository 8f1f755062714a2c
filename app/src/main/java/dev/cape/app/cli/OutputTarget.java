package dev.cape.app.cli;

import dev.cape.app.workflow.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a command's output to stdout, or to a file atomically (temp file + rename) so no partial file remains. */
final class OutputTarget {

    private OutputTarget() {
    }

    /**
     * Refuses, before any long work starts, an output file that could not be written at the end: a path that is a
     * directory ({@link IllegalArgumentException}), or a folder in which no file can be created ({@link
     * UncheckedIOException} naming the folder and why). Creates missing folders, as writing would. Null: stdout.
     */
    static void checkFile(Path out, String option) {
        if (out == null) {
            return;
        }
        Path target = out.toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new IllegalArgumentException(option + " " + out + " is a directory; expected a file path");
        }
        probe(target.getParent(), option + " " + out);
    }

    /** As {@link #checkFile} for an output folder: refuses an existing file, or a folder that cannot be written. */
    static void checkDirectory(Path dir, String option) {
        Path target = dir.toAbsolutePath();
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new IllegalArgumentException(option + " " + dir + " is a file; expected a folder (created when "
                    + "missing)");
        }
        probe(target, option + " " + dir);
    }

    private static void probe(Path dir, String what) {
        try {
            Files.createDirectories(dir);
            Files.delete(Files.createTempFile(dir, ".cape-probe", ".tmp"));
        } catch (IOException e) {
            String why = e instanceof java.nio.file.NoSuchFileException && Files.isDirectory(dir)
                    ? "the folder does not accept new files" : reason(e);
            throw new UncheckedIOException(what + ": cannot create a file in " + dir + " (" + why + ")", e);
        }
    }

    /** Why a file operation failed, in words, without the temporary file's name. */
    static String reason(IOException e) {
        return AtomicFiles.reason(e);
    }

    /**
     * Writes several files so that either all of them are replaced or none: every text goes to a hidden temp file
     * first, and the temp files are renamed only when all were written.
     */
    static void writeAll(java.util.Map<Path, String> files) {
        java.util.Map<Path, Path> temps = new java.util.LinkedHashMap<>();
        try {
            for (java.util.Map.Entry<Path, String> e : files.entrySet()) {
                Path target = e.getKey().toAbsolutePath();
                Path tmp = AtomicFiles.tempBeside(target);
                temps.put(target, tmp);
                Files.writeString(tmp, e.getValue(), StandardCharsets.UTF_8);
            }
            for (java.util.Map.Entry<Path, Path> e : temps.entrySet()) {
                AtomicFiles.replace(e.getValue(), e.getKey());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + files.keySet() + ": " + reason(e), e);
        } finally {
            for (Path tmp : temps.values()) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temp file is hidden and named after the target
                }
            }
        }
    }

    static void write(String text, Path out, PrintWriter stdout) {
        if (out == null) {
            stdout.print(text);
            stdout.flush();
            return;
        }
        try {
            AtomicFiles.write(out, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + reason(e), e);
        }
    }
}
