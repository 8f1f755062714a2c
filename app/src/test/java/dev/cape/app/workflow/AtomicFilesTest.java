package dev.cape.app.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cape.inference.safetensors.SafetensorsWriter;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void aFailedWriteKeepsTheOldFileAndLeavesNoTemporaryFile() throws IOException {
        Path f = Files.writeString(dir.resolve("report.md"), "old");
        assertThrows(IOException.class, () -> AtomicFiles.write(f, tmp -> {
            Files.writeString(tmp, "half");
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(f));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(f), files.toList());
        }
    }

    @Test
    void writtenFilesGetTheUmasksPermissionsNotOwnerOnly() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        var plain = Files.getPosixFilePermissions(Files.createFile(dir.resolve("plain")));
        Path f = dir.resolve("sub").resolve("chart.svg");
        AtomicFiles.write(f, tmp -> Files.writeString(tmp, "<svg/>"));
        assertEquals("<svg/>", Files.readString(f));
        assertEquals(plain, Files.getPosixFilePermissions(f));
        Path v = dir.resolve("v.safetensors");
        new SafetensorsWriter().add("x", new long[] {1}, new float[] {1}).write(v);
        assertEquals(plain, Files.getPosixFilePermissions(v), "vector files too");
    }

    @Test
    void aLongButValidFileNameIsStillWritable() throws IOException {
        Path f = dir.resolve("r".repeat(240) + ".md");
        AtomicFiles.write(f, tmp -> Files.writeString(tmp, "long"));
        assertEquals("long", Files.readString(f));
    }

    @Test
    void aFailureNamesTheReasonNotTheTemporaryFile() throws IOException {
        java.nio.file.FileSystemException e = new java.nio.file.FileSystemException(dir.resolve(".x.tmp").toString(),
                null, "Read-only file system");
        assertEquals("Read-only file system", AtomicFiles.reason(e));
        assertEquals("permission denied", AtomicFiles.reason(new java.nio.file.AccessDeniedException("/d/.x.tmp")));
        assertEquals("no such folder", AtomicFiles.reason(new java.nio.file.NoSuchFileException("/d/.x.tmp")));
    }

    @Test
    void aTemporaryFolderGetsTheUmasksPermissions() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        var plain = Files.getPosixFilePermissions(Files.createDirectory(dir.resolve("plain")));
        Path t = AtomicFiles.tempFolderBeside(dir.resolve("out").resolve("figures"));
        assertTrue(t.getFileName().toString().startsWith(".figures."), t.toString());
        assertEquals(plain, Files.getPosixFilePermissions(t));
    }
}
