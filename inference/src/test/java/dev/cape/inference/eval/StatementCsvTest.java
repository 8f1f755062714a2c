package dev.cape.inference.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StatementCsvTest {

    @org.junit.jupiter.api.io.TempDir
    Path dir;

    @Test
    void directoryIsRefusedAsNotAFile() {
        StatementDataException e = assertThrows(StatementDataException.class, () -> StatementCsv.read(dir));
        assertTrue(e.getMessage().equals(dir + ": found a directory; expected a statement CSV file "
                + "(statement,label)"), e.getMessage());
    }

    @Test
    void fileLargerThanTheLimitIsRefusedWithoutReadingIt() throws java.io.IOException {
        Path big = dir.resolve("big.csv");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(EvalFiles.MAX_BYTES + 1);  // sparse: nothing is written
        }
        StatementDataException e = assertThrows(StatementDataException.class, () -> StatementCsv.read(big));
        assertTrue(e.getMessage().startsWith(big + ": found 67108865 bytes; expected a statement CSV file"),
                e.getMessage());
        StatementDataException q = assertThrows(StatementDataException.class, () -> TruthfulQa.read(big));
        assertTrue(q.getMessage().contains("expected a TruthfulQA CSV or mc_task.json file"), q.getMessage());
    }

    @Test
    void setWithOneClassIsRefusedForFittingNamingTheCounts() {
        StatementSet set = StatementCsv.parse("statement,label\na,1\nb,1\n", "all-true.csv", "0");
        StatementDataException e = assertThrows(StatementDataException.class, set::requireBothClasses);
        assertEquals("all-true.csv: found 2 true and 0 false statements; expected both classes (labels 1 and 0) to "
                + "fit a direction", e.getMessage());
    }

    @Test
    void badLabelNamesFileAndLine() {
        StatementDataException e = assertThrows(StatementDataException.class,
                () -> StatementCsv.parse("statement,label\nA.,1\nB.,yes\n", "x.csv", "h"));
        assertTrue(e.getMessage().contains("x.csv: line 3"), e.getMessage());
        assertTrue(e.getMessage().contains("'yes'"), e.getMessage());
    }

    @Test
    void missingLabelColumnIsNamed() {
        StatementDataException e = assertThrows(StatementDataException.class,
                () -> StatementCsv.parse("statement,truth\nA.,1\n", "x.csv", "h"));
        assertTrue(e.getMessage().contains("'label'"), e.getMessage());
    }

    @Test
    void wrongFieldCountNamesLine() {
        StatementDataException e = assertThrows(StatementDataException.class,
                () -> StatementCsv.parse("statement,label\nA.,1,extra\n", "x.csv", "h"));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void unclosedQuoteIsRefused() {
        assertThrows(StatementDataException.class,
                () -> StatementCsv.parse("statement,label\n\"A.,1\n", "x.csv", "h"));
    }

    @Test
    void readsQuotesNewlinesBomExtrasAndWordLabels() {
        StatementSet s = StatementCsv.parse("\uFEFFlabel,statement,source\r\nTRUE,\"Say \"\"hi\"\", then\nleave.\",a\r\n"
                + "0,B.,b\r\nfalse,C.,c", "x.csv", "h");
        assertEquals(3, s.size());
        assertEquals("Say \"hi\", then\nleave.", s.statements().get(0).text());
        assertTrue(s.statements().get(0).label());
        assertFalse(s.statements().get(1).label());
        assertFalse(s.statements().get(2).label());
        assertEquals("c", s.statements().get(2).extras().get("source"));
        assertEquals(3, s.items().size(), "every row its own item");
    }

    @Test
    void comparisonPairsShareAnItemAndItemColumnWins() {
        StatementSet pairs = StatementCsv.parse("statement,label,n1,n2\nA.,0,51,52\nB.,1,52,51\nC.,1,60,51\n", "p.csv",
                "h");
        assertEquals(pairs.statements().get(0).item(), pairs.statements().get(1).item());
        assertEquals(2, pairs.items().size());
        StatementSet items = StatementCsv.parse("statement,label,item\nA.,0,q1\nB.,1,q1\nC.,1,q2\n", "i.csv", "h");
        assertEquals(2, items.items().size());
    }

    @Test
    void readsTheGeometryOfTruthFile() {
        Path file = Path.of(System.getProperty("cape.shared.dir", "../shared"),
                "data/truth/geometry_of_truth/larger_than.csv");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(file), "shared data absent: " + file);
        StatementSet s = StatementCsv.read(file);
        assertEquals(1980, s.size());
        assertEquals(990, s.trueCount());
        assertEquals(990, s.items().size(), "each unordered pair {n1, n2} is one item of two statements");
        assertEquals("406d6872e97910f3af5a031600d4932b5a567b8666e7545c8b446057471ad723", s.sha256());
    }
}
