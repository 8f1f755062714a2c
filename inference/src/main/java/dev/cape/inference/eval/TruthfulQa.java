package dev.cape.inference.eval;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.cape.inference.model.JsonErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * TruthfulQA (Lin, Hilton and Evans 2021) in its two forms: the CSV ({@code Type,Category,Question,Best Answer,
 * Correct Answers,Incorrect Answers,Source}, UTF-8 with a byte-order mark, answer lists separated by {@code ;}) and
 * {@code mc_task.json} ({@code [{"question", "mc1_targets": {choice: 0|1}, "mc2_targets": {...}}]}). From the CSV,
 * MC1 is the best answer against the incorrect answers and MC2 the correct against the incorrect answers, as in
 * upstream's {@code utilities.py}.
 */
public final class TruthfulQa {

    /** A loaded question file and its provenance. */
    public record Questions(String name, String sha256, List<McQuestion> questions) {
        public Questions {
            questions = List.copyOf(questions);
        }
    }

    private TruthfulQa() {
    }

    /** Whether {@code file} looks like TruthfulQA: a {@code .json} file, or a CSV whose header has Question. */
    public static boolean looksLikeTruthfulQa(Path file) {
        String n = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (n.endsWith(".json")) {
            return true;
        }
        try (var r = Files.newBufferedReader(file)) {
            String first = r.readLine();
            return first != null && first.replace("\uFEFF", "").startsWith("Type,Category,Question");
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads either form, by extension ({@code .json} is mc_task, anything else the CSV). */
    public static Questions read(Path file) {
        byte[] bytes = EvalFiles.read(file, "a TruthfulQA CSV or mc_task.json file");
        String text = StatementCsv.decode(bytes, file.toString());
        String name = file.getFileName().toString();
        List<McQuestion> qs = name.toLowerCase(java.util.Locale.ROOT).endsWith(".json") ? parseMcTask(text, name)
                : parseCsv(text, name);
        return new Questions(name, Hashing.sha256(bytes), qs);
    }

    /** Parses {@code mc_task.json}. */
    public static List<McQuestion> parseMcTask(String json, String name) {
        JsonElement root;
        try {
            root = JsonParser.parseString(json);
        } catch (JsonParseException e) {
            throw new StatementDataException(name + ": not valid JSON: " + JsonErrors.describe(e), e);
        }
        if (!root.isJsonArray()) {
            throw new StatementDataException(name + ": expected a JSON array of questions");
        }
        JsonArray arr = root.getAsJsonArray();
        List<McQuestion> out = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            String where = name + ": question " + i;
            if (!arr.get(i).isJsonObject()) {
                throw new StatementDataException(where + ": expected an object");
            }
            JsonObject o = arr.get(i).getAsJsonObject();
            if (!o.has("question") || !o.has("mc1_targets") || !o.has("mc2_targets")) {
                throw new StatementDataException(where + ": needs question, mc1_targets and mc2_targets");
            }
            JsonElement qe = o.get("question");
            if (!qe.isJsonPrimitive() || !qe.getAsJsonPrimitive().isString()) {
                throw new StatementDataException(where + ": question is " + qe + ", expected a string");
            }
            String q = qe.getAsString();
            try {
                out.add(new McQuestion(q, targets(o.get("mc1_targets"), where + " mc1_targets"),
                        targets(o.get("mc2_targets"), where + " mc2_targets")));
            } catch (IllegalArgumentException e) {
                throw new StatementDataException(where + ": " + e.getMessage(), e);
            }
        }
        return nonEmpty(out, name, "a JSON array of {question, mc1_targets, mc2_targets} objects");
    }

    private static List<McQuestion> nonEmpty(List<McQuestion> qs, String name, String expected) {
        if (qs.isEmpty()) {
            throw new StatementDataException(name + ": found no questions; expected " + expected
                    + " with at least one question");
        }
        return qs;
    }

    private static List<McQuestion.Choice> targets(JsonElement e, String where) {
        if (!e.isJsonObject()) {
            throw new StatementDataException(where + ": expected an object {choice: 0|1}");
        }
        List<McQuestion.Choice> out = new ArrayList<>();
        for (Map.Entry<String, JsonElement> c : e.getAsJsonObject().entrySet()) {
            int v;
            try {
                v = c.getValue().getAsInt();
            } catch (RuntimeException ex) {
                throw new StatementDataException(where + ": label of '" + c.getKey() + "' must be 0 or 1", ex);
            }
            if (v != 0 && v != 1) {
                throw new StatementDataException(where + ": label of '" + c.getKey() + "' must be 0 or 1: " + v);
            }
            out.add(new McQuestion.Choice(c.getKey(), v == 1));
        }
        return out;
    }

    /** Parses the CSV form (a byte-order mark is dropped). */
    public static List<McQuestion> parseCsv(String text, String name) {
        List<CsvRecords.Row> rows = CsvRecords.parse(text, name);
        if (rows.isEmpty()) {
            throw new StatementDataException(name + ": empty file");
        }
        List<String> h = rows.get(0).fields().stream().map(String::trim).toList();
        int q = h.indexOf("Question");
        int best = h.indexOf("Best Answer");
        int correct = h.indexOf("Correct Answers");
        int incorrect = h.indexOf("Incorrect Answers");
        if (q < 0 || best < 0 || correct < 0 || incorrect < 0) {
            throw new StatementDataException(name + ": line 1: header " + h
                    + " lacks one of Question, Best Answer, Correct Answers, Incorrect Answers");
        }
        List<McQuestion> out = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            CsvRecords.Row row = rows.get(r);
            List<String> f = row.fields();
            if (f.size() != h.size()) {
                throw new StatementDataException(name + ": line " + row.line() + ": " + f.size() + " fields, header has "
                        + h.size());
            }
            List<String> good = split(f.get(correct));
            List<String> bad = split(f.get(incorrect));
            String b = f.get(best).trim();
            if (b.isEmpty() || bad.isEmpty() || good.isEmpty()) {
                throw new StatementDataException(name + ": line " + row.line()
                        + ": needs a best answer, correct answers and incorrect answers");
            }
            List<McQuestion.Choice> mc1 = new ArrayList<>();
            mc1.add(new McQuestion.Choice(b, true));
            bad.forEach(a -> mc1.add(new McQuestion.Choice(a, false)));
            List<McQuestion.Choice> mc2 = new ArrayList<>();
            good.forEach(a -> mc2.add(new McQuestion.Choice(a, true)));
            bad.forEach(a -> mc2.add(new McQuestion.Choice(a, false)));
            out.add(new McQuestion(f.get(q).trim(), mc1, mc2));
        }
        return nonEmpty(out, name, "a CSV with a row per question after the header");
    }

    private static List<String> split(String list) {
        return Arrays.stream(list.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * The MC2 choices as labelled statements {@code "Q: question A: answer"}, one item per question (so a split by
     * item keeps a question's answers together).
     */
    public static StatementSet asStatements(Questions qs) {
        List<Statement> out = new ArrayList<>();
        for (McQuestion q : qs.questions()) {
            for (McQuestion.Choice c : q.mc2()) {
                out.add(new Statement("Q: " + q.question() + " A: " + c.text(), c.correct(), q.question(), Map.of()));
            }
        }
        return new StatementSet(qs.name(), qs.sha256(), out);
    }
}
