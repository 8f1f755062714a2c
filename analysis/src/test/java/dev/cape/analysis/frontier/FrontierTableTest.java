package dev.cape.analysis.frontier;

import dev.cape.analysis.data.DataFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrontierTableTest {

    @TempDir
    Path dir;

    private static FrontierTable read(String csv) {
        return FrontierTable.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "user.csv");
    }

    private DataFormatException fileError(byte[] content) throws IOException {
        Path f = Files.write(dir.resolve("frontier.csv"), content);
        return assertThrows(DataFormatException.class, () -> FrontierTable.read(f));
    }

    private static final String HEADER = "model,lab,reasoning_score,truth_score\n";

    @Test
    void missingFileAndDirectoryAreNamed() {
        DataFormatException missing = assertThrows(DataFormatException.class,
                () -> FrontierTable.read(dir.resolve("nope.csv")));
        assertEquals(dir.resolve("nope.csv") + ": no such file; expected a CSV file", missing.getMessage());
        DataFormatException folder = assertThrows(DataFormatException.class, () -> FrontierTable.read(dir));
        assertTrue(folder.getMessage().endsWith("found a directory; expected a CSV file"), folder.getMessage());
    }

    @Test
    void binaryFileIsNotText() throws IOException {
        byte[] garbage = {(byte) 0xff, (byte) 0xfe, (byte) 0xc3, 0x28, 'a', ',', 'b'};
        assertTrue(fileError(garbage).getMessage().contains("not a text CSV file"));
    }

    @Test
    void emptyFileAndHeaderOnlyAreRefused() throws IOException {
        assertTrue(fileError(new byte[0]).getMessage().contains("file is empty; expected a header line "
                + "(e.g. 'model,lab,reasoning_score,truth_score')"));
        DataFormatException header = fileError(HEADER.getBytes(StandardCharsets.UTF_8));
        assertEquals(1, header.line());
        assertTrue(header.getMessage().contains("found a header but no data rows"), header.getMessage());
    }

    @Test
    void unterminatedQuoteNamesItsLine() throws IOException {
        DataFormatException e = fileError((HEADER + "A,L,0.5,0.2\n\"B,L,0.6,0.3\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("unterminated quoted field"), e.getMessage());
    }

    @Test
    void duplicateRequiredColumnIsNamed() {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> read("model,lab,reasoning_score,truth_score,truth_score\nA,L,0.5,0.2,0.2\n"));
        assertEquals("truth_score", e.column());
        assertTrue(e.getMessage().contains("found the column twice (columns 4 and 5)"), e.getMessage());
    }

    @Test
    void hugeLineFailsFastInsteadOfBeingBuffered() throws IOException {
        byte[] big = new byte[20_000_000];
        java.util.Arrays.fill(big, (byte) 'a');
        byte[] head = HEADER.getBytes(StandardCharsets.UTF_8);
        byte[] all = java.util.Arrays.copyOf(head, head.length + big.length);
        System.arraycopy(big, 0, all, head.length, big.length);
        DataFormatException e = fileError(all);
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("longer than the import limit"), e.getMessage());
    }

    @Test
    void byteOrderMarkIsDropped() {
        FrontierTable t = read("\uFEFF" + HEADER + "A,L,0.5,0.2\n");
        assertEquals(1, t.models().size());
    }

    @Test
    void missingColumnIsNamedWithTheHeader() {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> read("model,lab,reasoning_score\nA,L,0.5\n"));
        assertEquals("user.csv", e.file());
        assertEquals("truth_score", e.column());
        assertTrue(e.getMessage().startsWith("user.csv, line 1, column 'truth_score': required column missing"),
                e.getMessage());
    }

    @Test
    void nonNumericScoreNamesFileLineAndColumn() {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> read("model,lab,reasoning_score,truth_score\nA,L,0.5,0.2\nB,L,high,0.3\n"));
        assertTrue(e.getMessage().startsWith("user.csv, line 3, column 'reasoning_score': not a number: 'high'; "
                + "expected a fraction in [0, 1]"), e.getMessage());
    }

    @Test
    void negativeScoreDuplicateModelAndBlankLabAreRefused() {
        DataFormatException neg = assertThrows(DataFormatException.class,
                () -> read("model,lab,reasoning_score,truth_score\nA,L,0.5,-0.2\n"));
        assertEquals(2, neg.line());
        assertEquals("truth_score", neg.column());
        DataFormatException dup = assertThrows(DataFormatException.class,
                () -> read("model,lab,reasoning_score,truth_score\nA,L,0.5,0.2\nA,M,0.6,0.3\n"));
        assertTrue(dup.getMessage().contains("line 3") && dup.getMessage().contains("duplicate model A"),
                dup.getMessage());
        DataFormatException lab = assertThrows(DataFormatException.class,
                () -> read("model,lab,reasoning_score,truth_score\nA,,0.5,0.2\n"));
        assertEquals("lab", lab.column());
    }

    @Test
    void emptyScoreExcludesTheRowWithTheReason() {
        FrontierTable t = read("model,lab,reasoning_score,truth_score,notes\nA,L,0.5,0.2,x\nB,L,0.6,,y\nC,M,0.7,0.4,\n");
        assertEquals(2, t.models().size());
        assertEquals("line 3 (B): empty truth_score", t.excluded().get(0));
        assertEquals("user.csv:4", t.models().get(1).origin());
    }

    @Test
    void percentageColumnsAreDividedBy100AndSaidSo() {
        FrontierTable t = read("model,lab,reasoning_score,truth_score\nA,L,50,0.2\nB,L,71.5,0.3\n");
        assertEquals(0.715, t.models().get(1).reasoning(), 1e-15);
        assertEquals(0.2, t.models().get(0).truth(), 0);
        assertEquals(1, t.notes().size());
        assertTrue(t.notes().get(0).startsWith("column reasoning_score: values read as percentages"));
    }

    @Test
    void bundledTableHasFortyModelsFromTenLabs() {
        FrontierTable t = FrontierTable.readBundled();
        assertEquals("frontier_models.csv", t.source());
        assertEquals(40, t.models().size());
        assertEquals(10, t.models().stream().map(FrontierModel::lab).collect(Collectors.toSet()).size());
        assertTrue(t.excluded().isEmpty() && t.notes().isEmpty());
        assertEquals("Qwen2.5-14B-Instruct", t.models().get(0).model());
        assertEquals(0.429, t.models().get(0).reasoning(), 0);
        assertEquals(0.054, t.models().get(0).truth(), 0);
        assertEquals("frontier_models.csv:2", t.models().get(0).origin());
    }
}
