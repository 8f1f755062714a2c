package dev.cape.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputTargetTest {

    @TempDir
    Path dir;

    @Test
    void unwritableTargetFailsWithTheFileNameAndLeavesNoTempFile() throws IOException {
        Path blocker = dir.resolve("a-file");
        Files.writeString(blocker, "x");
        Path target = blocker.resolve("report.json"); // parent is a file
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> OutputTarget.write("{}", target, new PrintWriter(new StringWriter())));
        assertEquals(true, e.getMessage().contains("report.json"), e.getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(blocker), files.toList());
        }
    }

    @Test
    void replacesAnExistingFileWholeAndCreatesFolders() throws IOException {
        Path target = dir.resolve("sub/report.md");
        OutputTarget.write("first", target, new PrintWriter(new StringWriter()));
        OutputTarget.write("second", target, new PrintWriter(new StringWriter()));
        assertEquals("second", Files.readString(target));
        try (var files = Files.list(target.getParent())) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void withoutATargetWritesToStdout() {
        StringWriter out = new StringWriter();
        OutputTarget.write("text", null, new PrintWriter(out));
        assertEquals("text", out.toString());
    }
}
