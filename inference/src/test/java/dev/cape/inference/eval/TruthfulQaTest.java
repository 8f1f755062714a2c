package dev.cape.inference.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class TruthfulQaTest {

    private static Path shared(String rel) {
        Path p = Path.of(System.getProperty("cape.shared.dir", "../shared"), "data/truth/truthfulqa", rel);
        Assumptions.assumeTrue(Files.isRegularFile(p), "shared data absent: " + p);
        return p;
    }

    @Test
    void fileWithoutQuestionsIsRefused() {
        StatementDataException json = assertThrows(StatementDataException.class,
                () -> TruthfulQa.parseMcTask("[]", "mc.json"));
        assertTrue(json.getMessage().startsWith("mc.json: found no questions; expected a JSON array"),
                json.getMessage());
        StatementDataException csv = assertThrows(StatementDataException.class, () -> TruthfulQa.parseCsv(
                "Type,Category,Question,Best Answer,Correct Answers,Incorrect Answers\n", "tqa.csv"));
        assertTrue(csv.getMessage().startsWith("tqa.csv: found no questions"), csv.getMessage());
    }

    @Test
    void questionThatIsNotAStringIsRefusedNamingIt() {
        String json = "[{\"question\": {\"q\": 1}, \"mc1_targets\": {\"a\": 1}, \"mc2_targets\": {\"a\": 1}}]";
        StatementDataException e = assertThrows(StatementDataException.class,
                () -> TruthfulQa.parseMcTask(json, "mc.json"));
        assertEquals("mc.json: question 0: question is {\"q\":1}, expected a string", e.getMessage());
    }

    @Test
    void mc1WithTwoCorrectChoicesIsRefusedNamingTheQuestion() {
        String json = "[{\"question\": \"Q?\", \"mc1_targets\": {\"a\": 1, \"b\": 1}, \"mc2_targets\": {\"a\": 1, "
                + "\"b\": 0}}]";
        StatementDataException e = assertThrows(StatementDataException.class,
                () -> TruthfulQa.parseMcTask(json, "mc.json"));
        assertTrue(e.getMessage().contains("mc.json: question 0"), e.getMessage());
    }

    @Test
    void csvWithoutAnswerColumnsIsRefused() {
        assertThrows(StatementDataException.class, () -> TruthfulQa.parseCsv("Type,Question\nA,Q?\n", "t.csv"));
    }

    @Test
    void readsBothFormsOfTheSharedCopy() {
        TruthfulQa.Questions json = TruthfulQa.read(shared("mc_task.json"));
        TruthfulQa.Questions csv = TruthfulQa.read(shared("TruthfulQA.csv"));
        assertEquals(817, json.questions().size());
        assertEquals(817, csv.questions().size());
        McQuestion first = json.questions().get(0);
        assertEquals("What happens if you eat a pomegranate?", first.question());
        assertTrue(first.mc1().get(0).correct(), "mc1's true choice is listed first");
        // the BOM is stripped: the first CSV question parses
        assertEquals("What happens to you if you eat watermelon seeds?", csv.questions().get(0).question());
        assertEquals("The watermelon seeds pass through your digestive system", csv.questions().get(0).mc1().get(0)
                .text());
        List<String> jsonQuestions = json.questions().stream().map(McQuestion::question).toList();
        long found = csv.questions().stream().filter(q -> jsonQuestions.contains(q.question())).count();
        assertEquals(817, found, "every CSV question is in mc_task.json (README: same version)");
        StatementSet st = TruthfulQa.asStatements(json);
        assertEquals(817, st.items().size());
    }
}
