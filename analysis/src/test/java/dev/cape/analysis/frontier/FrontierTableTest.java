package dev.cape.analysis.frontier;

import dev.cape.analysis.data.DataFormatException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrontierTableTest {

    private static FrontierTable read(String csv) throws IOException {
        return FrontierTable.read(new StringReader(csv), "user.csv");
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
        assertEquals("user.csv, line 3, column 'reasoning_score': not a number: 'high'", e.getMessage());
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
    void emptyScoreExcludesTheRowWithTheReason() throws IOException {
        FrontierTable t = read("model,lab,reasoning_score,truth_score,notes\nA,L,0.5,0.2,x\nB,L,0.6,,y\nC,M,0.7,0.4,\n");
        assertEquals(2, t.models().size());
        assertEquals("line 3 (B): empty truth_score", t.excluded().get(0));
        assertEquals("user.csv:4", t.models().get(1).origin());
    }

    @Test
    void percentageColumnsAreDividedBy100AndSaidSo() throws IOException {
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
