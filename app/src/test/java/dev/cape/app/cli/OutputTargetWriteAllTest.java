package dev.cape.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputTargetWriteAllTest {

    @TempDir
    Path dir;

    @Test
    void whenOneFileCannotBeWrittenNoneIsReplaced() throws IOException {
        Path md = dir.resolve("report.md");
        Files.writeString(md, "old");
        Path blocker = dir.resolve("a-file");
        Files.writeString(blocker, "x");
        Map<Path, String> files = new LinkedHashMap<>();
        files.put(md, "new");
        files.put(blocker.resolve("report.json"), "{}"); // parent is a file
        assertThrows(UncheckedIOException.class, () -> OutputTarget.writeAll(files));
        assertEquals("old", Files.readString(md));
        try (var list = Files.list(dir)) {
            assertEquals(List.of("a-file", "report.md"), list.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void writesEveryFile() throws IOException {
        Map<Path, String> files = new LinkedHashMap<>();
        files.put(dir.resolve("out/report.md"), "# r");
        files.put(dir.resolve("out/report.json"), "{}");
        OutputTarget.writeAll(files);
        assertEquals("# r", Files.readString(dir.resolve("out/report.md")));
        assertEquals("{}", Files.readString(dir.resolve("out/report.json")));
        try (var list = Files.list(dir.resolve("out"))) {
            assertEquals(2, list.count());
        }
    }
}
