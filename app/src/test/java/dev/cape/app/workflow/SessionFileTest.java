package dev.cape.app.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.analysis.data.BundledData;
import dev.cape.analysis.data.DataFormatException;
import dev.cape.app.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionFileTest {

    @TempDir
    Path dir;

    @Test
    void missingFileIsAFormatError() {
        DataFormatException e = assertThrows(DataFormatException.class, () -> SessionFile.read(dir.resolve("x.cape")));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }

    @Test
    void notJsonIsAFormatError() {
        Path f = TestData.write(dir.resolve("a.cape"), "model,family\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> SessionFile.read(f));
        assertTrue(e.getMessage().contains("a.cape"), e.getMessage());
    }

    @Test
    void otherFormatIsRefused() {
        Path f = TestData.write(dir.resolve("b.cape"), "{\"format\": \"something-else\", \"version\": 1}");
        DataFormatException e = assertThrows(DataFormatException.class, () -> SessionFile.read(f));
        assertTrue(e.getMessage().contains("something-else"), e.getMessage());
    }

    @Test
    void newerVersionIsRefusedWithTheReason() {
        Path f = TestData.write(dir.resolve("c.cape"), "{\"format\": \"cape-session\", \"version\": 2}");
        DataFormatException e = assertThrows(DataFormatException.class, () -> SessionFile.read(f));
        assertTrue(e.getMessage().contains("newer release"), e.getMessage());
    }

    @Test
    void invalidSettingsAreAFormatError() throws IOException {
        Path f = dir.resolve("d.cape");
        SessionFile.write(new SessionFile.Session(BundledData.baseModels(), TestData.fastOptions(), Set.of()), f);
        TestData.write(f, Files.readString(f).replace("\"bandwidth\": 0.4", "\"bandwidth\": -1.0"));
        DataFormatException e = assertThrows(DataFormatException.class, () -> SessionFile.read(f));
        assertTrue(e.getMessage().contains("bandwidth"), e.getMessage());
    }

    @Test
    void roundTripKeepsDataSettingsAndLeftOutFamilies() throws IOException {
        SessionFile.Session s = new SessionFile.Session(BundledData.baseModels(),
                TestData.fastOptions().withBandwidth(0.55).withSeed(9), Set.of("Llama-2", "Qwen"));
        Path f = dir.resolve("s.cape");
        SessionFile.write(s, f);
        assertTrue(Files.readString(f).contains("\"version\": 1"));
        SessionFile.Session back = SessionFile.read(f);
        assertEquals(s, back);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void overwritingReplacesTheWholeFile() {
        Path f = TestData.write(dir.resolve("o.cape"), "x".repeat(100_000));
        SessionFile.Session s = new SessionFile.Session(BundledData.baseModels(), TestData.fastOptions(), Set.of());
        SessionFile.write(s, f);
        assertEquals(s, SessionFile.read(f));
    }
}
