package dev.cape.app.steering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.app.common.SameThreadTaskRunner;
import dev.cape.app.model.ModelViewModel;
import dev.cape.inference.direction.DirectionExtraction;
import dev.cape.inference.direction.DirectionFile;
import dev.cape.inference.direction.DirectionFinder;
import dev.cape.inference.direction.DirectionReport;
import dev.cape.inference.model.Progress;
import dev.cape.inference.direction.StatementBos;
import dev.cape.inference.eval.StatementCsv;
import dev.cape.inference.eval.SteeringEvaluation;
import dev.cape.inference.generate.GenerationOptions;
import dev.cape.inference.model.LanguageModel;
import dev.cape.inference.steer.SteeredGeneration;
import dev.cape.inference.steer.SteeringSession;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The steering console's view models on the tiny GPT-2 fixture: extract, save and open, generate, sweep. */
class SteeringConsoleViewModelTest {

    @TempDir
    Path dir;

    final ModelViewModel model = new ModelViewModel(new SameThreadTaskRunner());
    final SteeringConsoleViewModel vm = new SteeringConsoleViewModel(model, new SameThreadTaskRunner());
    Path gpt2;
    Path data;

    @BeforeEach
    void setUp() throws Exception {
        data = dev.cape.app.TestData.wordStatements(dir);
        vm.direction().sourceProperty().set(data.toString());
    }

    /** Points the model at the GPT-2 fixture; skips the test without it. */
    void useFixture() {
        gpt2 = dev.cape.app.TestData.gpt2();
        model.pathProperty().set(gpt2.toString());
    }

    @AfterEach
    void close() {
        model.close();
    }

    @Test
    void extractWithoutAModelIsRefusedWithAMessage() {
        vm.direction().extract();
        assertEquals("choose a model folder or model.bin first", vm.direction().errorProperty().get());
        assertNull(vm.direction().activeProperty().get());
    }

    @Test
    void anUnknownMethodIsRefusedNamingIt() {
        vm.direction().methodProperty().set("median");
        vm.direction().extract();
        assertTrue(vm.direction().errorProperty().get().contains("median"), vm.direction().errorProperty().get());
    }

    @Test
    void saveBeforeADirectionIsRefused() {
        vm.direction().save(dir.resolve("v.safetensors"));
        assertEquals("nothing to save yet: extract or open a direction first", vm.direction().errorProperty().get());
        assertTrue(Files.notExists(dir.resolve("v.safetensors")));
    }

    @Test
    void generateWithoutADirectionIsRefusedWithAMessage() {
        vm.generation().generate();
        assertEquals("no truth direction yet: extract one or open a vector file first",
                vm.generation().errorProperty().get());
        assertEquals("", vm.generation().steeredProperty().get());
    }

    @Test
    void badAlphasAndAMissingEvalFileAreReportedNamingTheValue() {
        vm.sweep().alphasProperty().set("0, 2, lots");
        vm.sweep().evalFileProperty().set(data.toString());
        vm.sweep().run();
        assertTrue(vm.sweep().errorProperty().get().contains("'lots'"), vm.sweep().errorProperty().get());
        vm.sweep().alphasProperty().set("0,2");
        Path missing = dir.resolve("nowhere.csv");
        vm.sweep().evalFileProperty().set(missing.toString());
        vm.sweep().run();
        assertEquals("evaluation file not found: " + missing, vm.sweep().errorProperty().get());
        assertNull(vm.sweep().resultProperty().get());
    }

    @Test
    void extractionFillsTheReportAndActivatesTheBestLayer() throws Exception {
        useFixture();
        vm.direction().extract();
        assertEquals("", vm.direction().errorProperty().get());
        DirectionReport r = vm.direction().reportProperty().get();
        DirectionReport direct;
        try (LanguageModel lm = LanguageModel.load(gpt2)) {
            assertEquals(lm.spec().nLayers(), r.layers().size(), "one entry per layer");
            direct = DirectionExtraction.run(lm, StatementCsv.read(data), DirectionFinder.withDefaults(), 0.5, 1,
                    32, StatementBos.TOKENIZER_DEFAULT, Progress.NONE).report();
        }
        assertEquals(direct.bestLayer(), r.bestLayer());
        DirectionFile.Stored active = vm.direction().activeProperty().get();
        assertEquals(r.bestLayer(), active.layer());
        assertEquals(r.best().sigma(), active.sigmas().get(active.layer()), 1e-6);
        assertEquals(direct.best().sigma(), r.best().sigma(), 1e-9);
        assertEquals(active.layer(), vm.generation().layerProperty().get(), "generation steers the chosen layer");
        assertNotNull(vm.direction().figure().chartProperty().get());
        java.awt.Paint light = vm.direction().figure().chartProperty().get().getBackgroundPaint();
        vm.darkProperty().set(true);
        assertNotEquals(light, vm.direction().figure().chartProperty().get().getBackgroundPaint(), "redrawn dark");
        assertTrue(vm.direction().summaryProperty().get().startsWith("layer " + r.bestLayer() + ", σ"),
                vm.direction().summaryProperty().get());
    }

    @Test
    void savedDirectionOpensWithTheSameLayerSigmaAndVector() {
        useFixture();
        vm.direction().extract();
        DirectionFile.Stored saved = vm.direction().activeProperty().get();
        DirectionReport extracted = vm.direction().reportProperty().get();
        Path file = dir.resolve("v.safetensors");
        vm.direction().save(file);
        vm.direction().open(file);
        DirectionReport reopened = vm.direction().reportProperty().get();
        assertNotNull(reopened, "the layer curve comes back with the file");
        assertEquals(extracted.bestLayer(), reopened.bestLayer());
        for (int l = 0; l < extracted.layers().size(); l++) {
            assertEquals(extracted.layers().get(l).accuracy(), reopened.layers().get(l).accuracy(), 0.0);
            assertEquals(extracted.layers().get(l).trainAccuracy(), reopened.layers().get(l).trainAccuracy(), 0.0);
        }
        assertNotNull(vm.direction().figure().chartProperty().get());
        DirectionFile.Stored opened = vm.direction().activeProperty().get();
        assertEquals(saved.layer(), opened.layer());
        assertEquals(saved.sigmas().get(saved.layer()), opened.sigmas().get(opened.layer()), 1e-6);
        assertArrayEquals(saved.chosen().unit(), opened.chosen().unit(), 1e-7f);
        assertEquals(gpt2.getFileName().toString(), opened.meta("model_id"));
        assertEquals("words.csv", opened.meta("dataset"));
    }

    @Test
    void alphaZeroChangesNothingAndTheSteeredTextIsTheInferenceLayers() throws Exception {
        useFixture();
        vm.direction().extract();
        SteeringViewModel g = vm.generation();
        g.promptProperty().set("the of and");
        g.maxTokensProperty().set(8);
        g.alphaProperty().set(0.0);
        g.generate();
        assertEquals("", g.errorProperty().get());
        assertTrue(g.unsteeredProperty().get().length() > "the of and".length());
        assertEquals(g.unsteeredProperty().get(), g.steeredProperty().get(), "α = 0 adds nothing");

        g.alphaProperty().set(64.0);
        g.generate();
        String expected;
        try (LanguageModel lm = LanguageModel.load(gpt2)) {
            var tok = lm.tokenizer().orElseThrow();
            int[] ids = tok.encode("the of and", tok.bosByDefault());
            SteeredGeneration.Comparison c = SteeredGeneration.compare(lm, ids, GenerationOptions.withDefaults()
                    .withMaxTokens(8).withTemperature(0).withSeed(0), SteeringSession.on(lm)
                    .add(vm.direction().activeProperty().get().chosen(), 64), false);
            assertFalse(tok.decode(c.steered().tokens()).startsWith(" "), "decoded alone, the space is lost");
            expected = "the of and " + tok.decode(c.steered().tokens());   // the continuation keeps it
        }
        assertEquals(expected, g.steeredProperty().get());
        assertNotEquals(g.unsteeredProperty().get(), g.steeredProperty().get(), "α = 64 changes the continuation");
    }

    @Test
    void sweepOnTheDirectionsDataFillsOneRowPerAlphaFromTheHeldOutSplit() {
        useFixture();
        vm.direction().extract();
        vm.sweep().evalFileProperty().set(data.toString());
        vm.sweep().alphasProperty().set("0, 2,8");
        vm.sweep().run();
        assertEquals("", vm.sweep().errorProperty().get());
        SteeringEvaluation.Result r = vm.sweep().resultProperty().get();
        assertEquals(3, vm.sweep().rows().size());
        assertEquals(r.points(), vm.sweep().rows());
        assertEquals(8, vm.sweep().rows().get(2).alpha());
        assertEquals(0, vm.sweep().rows().get(0).kl(), 1e-12);
        assertEquals(r.baselineAccuracy(), vm.sweep().rows().get(0).accuracy(), 1e-12, "α = 0 is the baseline");
        assertEquals(vm.direction().reportProperty().get().nTest(), r.nItems(), "held-out items only");
        assertTrue(vm.sweep().noteProperty().get().contains("held-out split"), vm.sweep().noteProperty().get());
        assertEquals(r.points().get(1).kl(), vm.sweep().figure().chartProperty().get().getXYPlot().getDataset(1)
                .getYValue(0, 1));
    }
}
