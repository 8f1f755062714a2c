package dev.cape.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The set-up of the model-command CLI tests: the tiny GPT-2 fixture (word-level vocabulary), a statement CSV its
 * tokenizer knows, and a vector file fitted on them. The fixture path is not checked here, so tests of refusals
 * that read no model run without the fixtures; tests that need it call {@code TestData.gpt2()} or fit a vector.
 */
abstract class Gpt2CliTest {

    @TempDir
    Path dir;

    Path model;
    Path data;

    @BeforeEach
    void setUpFixture() throws Exception {
        model = Path.of(System.getProperty("cape.shared.dir", "../shared"), "fixtures/tiny-models/gpt2");
        data = dev.cape.app.TestData.wordStatements(dir);
    }

    /** {@code cape direction} on the fixture and the statements, written to {@code dir/v.safetensors}. */
    Path fitVector() {
        dev.cape.app.TestData.gpt2();   // skips the test when the fixtures are absent
        Path vec = dir.resolve("v.safetensors");
        CliRun d = CliRun.of("direction", "--model", model.toString(), "--data", data.toString(), "--out",
                vec.toString());
        assertEquals(0, d.exitCode(), d.err());
        return vec;
    }
}
