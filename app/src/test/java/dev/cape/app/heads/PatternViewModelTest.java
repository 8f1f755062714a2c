package dev.cape.app.heads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.cape.app.common.SameThreadTaskRunner;
import dev.cape.app.model.ModelViewModel;
import dev.cape.app.workflow.AttentionPattern;
import dev.cape.inference.hook.Activation;
import dev.cape.inference.hook.HookPoints;
import dev.cape.inference.hook.HookSession;
import dev.cape.inference.model.LanguageModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The attention-pattern viewer on the tiny GPT-2 fixture (2 layers × 4 heads) with the same-thread runner. */
class PatternViewModelTest {

    final SameThreadTaskRunner runner = new SameThreadTaskRunner();
    final ModelViewModel model = new ModelViewModel(runner);
    final PatternViewModel vm = new PatternViewModel(model, runner);
    final Path gpt2 = Path.of(System.getProperty("cape.shared.dir", "../shared"), "fixtures/tiny-models/gpt2");

    @AfterEach
    void close() {
        model.close();
    }

    @Test
    void emptyPromptIsRefusedBeforeAnyJob() {
        vm.promptProperty().set("   ");
        vm.show();
        assertEquals("type a prompt first", vm.errorProperty().get());
        assertEquals(0, runner.started());
    }

    @Test
    void layerOutOfRangeGivesAnErrorNamingTheValidRange() {
        assumeFixture();
        vm.layerProperty().set(2);
        vm.show();
        assertEquals("layer must be in [0, 1] (the model has 2 layers): 2", vm.errorProperty().get());
        assertNull(vm.patternProperty().get());
        assertNull(vm.figure().chartProperty().get());
    }

    @Test
    void headOutOfRangeGivesAnErrorNamingTheValidRangeAndKeepsTheLastPattern() {
        assumeFixture();
        vm.show();
        AttentionPattern before = vm.patternProperty().get();
        assertNotNull(before);
        vm.headProperty().set(4);
        vm.show();
        assertEquals("head must be in [0, 3] (the model has 4 heads per layer): 4", vm.errorProperty().get());
        assertSame(before, vm.patternProperty().get());
    }

    @Test
    void rowsAreCausalProbabilityDistributionsEqualToADirectCapture() throws Exception {
        assumeFixture();
        vm.select(1, 2);
        vm.show();
        assertEquals("", vm.errorProperty().get());
        AttentionPattern p = vm.patternProperty().get();
        assertEquals("gpt2", p.model());
        assertEquals(6, p.size(), "six words, no BOS: a tokenizer.json adds none by default");
        float[][] direct = direct(p.prompt(), 1, 2);
        for (int q = 0; q < p.size(); q++) {
            double sum = 0;
            for (int k = 0; k < p.size(); k++) {
                sum += p.weight(q, k);
                if (k > q) {
                    assertEquals(0f, p.weight(q, k), "masked cell " + q + ", " + k);
                }
                // same model, same input, same CPU kernels: identical floats
                assertEquals(direct[q][k], p.weight(q, k), 0f, "cell " + q + ", " + k);
            }
            assertEquals(1.0, sum, 1e-5, "row " + q);
        }
        JFreeChart chart = vm.figure().chartProperty().get();
        assertEquals("Attention pattern, layer 1 head 2", chart.getTitle().getText());
    }

    @Test
    void matchesTheFixtureReferencePatternOfLayer0Head0() throws Exception {
        assumeFixture();
        JsonObject expected = JsonParser.parseString(Files.readString(gpt2.resolve("expected.json")))
                .getAsJsonObject();
        vm.promptProperty().set(expected.get("input_text").getAsString());
        vm.select(0, 0);
        vm.show();
        AttentionPattern p = vm.patternProperty().get();
        JsonArray rows = expected.getAsJsonObject("attention_layer0_head0").getAsJsonArray("values");
        assertEquals(rows.size(), p.size());
        for (int q = 0; q < p.size(); q++) {
            JsonArray row = rows.get(q).getAsJsonArray();
            for (int k = 0; k < p.size(); k++) {
                // README recommended_tolerances: attention probabilities 1e-5 absolute
                assertEquals(row.get(k).getAsFloat(), p.weight(q, k), 1e-5, "cell " + q + ", " + k);
            }
        }
        assertEquals("[0]", p.tokens().get(7), "zyzzyva is out of the vocabulary (<unk>, id 0): shown by its id");
        assertEquals(List.of("time", "only", "first", ","), p.tokens().subList(0, 4));
    }

    @Test
    void selectBeforeAnyPatternOnlyMovesTheHead() {
        assumeFixture();
        vm.select(1, 3);
        assertEquals(1, vm.layerProperty().get());
        assertEquals(3, vm.headProperty().get());
        assertEquals(0, runner.started());
    }

    @Test
    void selectAfterAShownPatternCapturesTheNewHead() throws Exception {
        assumeFixture();
        vm.show();
        JFreeChart first = vm.figure().chartProperty().get();
        int jobs = runner.started();
        vm.select(1, 3);
        assertEquals(jobs + 1, runner.started());
        AttentionPattern p = vm.patternProperty().get();
        assertEquals(1, p.layer());
        assertEquals(3, p.head());
        float[][] direct = direct(p.prompt(), 1, 3);
        for (int q = 0; q < p.size(); q++) {
            for (int k = 0; k < p.size(); k++) {
                assertEquals(direct[q][k], p.weight(q, k), 0f, "cell " + q + ", " + k);
            }
        }
        assertNotSame(first, vm.figure().chartProperty().get());
        vm.select(1, 3);
        assertEquals(jobs + 1, runner.started(), "the same head again does not capture again");
    }

    @Test
    void darkThemeRedrawsTheShownPattern() {
        assumeFixture();
        vm.show();
        JFreeChart light = vm.figure().chartProperty().get();
        vm.darkProperty().set(true);
        assertNotSame(light, vm.figure().chartProperty().get());
        assertEquals(light.getTitle().getText(), vm.figure().chartProperty().get().getTitle().getText());
    }

    /** The pattern captured without the view model: its own model, encode without BOS, one hooked forward. */
    private float[][] direct(String prompt, int layer, int head) {
        try (LanguageModel lm = LanguageModel.load(gpt2); HookSession s = lm.hooks()) {
            int[] ids = lm.tokenizer().orElseThrow().encode(prompt, false);
            s.capture(HookPoints.pattern(layer));
            lm.forward(ids);
            Activation a = s.require(HookPoints.pattern(layer));   // [1, H, T, T]
            assertEquals(List.of(1L, 4L, (long) ids.length, (long) ids.length),
                    List.of(a.shape()[0], a.shape()[1], a.shape()[2], a.shape()[3]));
            float[][] out = new float[ids.length][];
            for (int q = 0; q < ids.length; q++) {
                out[q] = a.vector(0, head, q);
            }
            return out;
        }
    }

    private void assumeFixture() {
        Assumptions.assumeTrue(Files.isDirectory(gpt2), "reference fixtures absent: " + gpt2.toAbsolutePath());
        model.pathProperty().set(gpt2.toString());
    }
}
