package dev.cape.inference.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class GeneratedStatementsTest {

    @Test
    void numberNamesOutsideTheTableAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> GeneratedStatements.numberName(100));
        assertThrows(IllegalArgumentException.class, () -> GeneratedStatements.generate(
                GeneratedStatements.Kind.LARGER_THAN, 0, 1));
    }

    @Test
    void numberNamesFollowTheGeometryOfTruthSpelling() {
        assertEquals("fifty-one", GeneratedStatements.numberName(51));
        assertEquals("seventy", GeneratedStatements.numberName(70));
        assertEquals("thirteen", GeneratedStatements.numberName(13));
    }

    @Test
    void sameSeedSameStatementsAndLabelsAreTrue() {
        StatementSet a = GeneratedStatements.generate(GeneratedStatements.Kind.ADDITION, 50, 9);
        StatementSet b = GeneratedStatements.generate(GeneratedStatements.Kind.ADDITION, 50, 9);
        assertEquals(a.statements(), b.statements());
        assertEquals(a.sha256(), b.sha256());
        assertEquals(50, a.trueCount());
        Pattern p = Pattern.compile("(\\d+) \\+ (\\d+) = (\\d+)\\.");
        for (Statement s : a.statements()) {
            Matcher m = p.matcher(s.text());
            assertEquals(true, m.matches(), s.text());
            boolean truth = Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2)) == Integer.parseInt(m.group(3));
            assertEquals(truth, s.label(), s.text());
        }
        StatementSet lt = GeneratedStatements.generate(GeneratedStatements.Kind.SMALLER_THAN, 30, 2);
        assertEquals(30, lt.trueCount());
        assertEquals(30, lt.items().size());
    }
}
