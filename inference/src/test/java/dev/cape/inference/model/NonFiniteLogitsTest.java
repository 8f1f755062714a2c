package dev.cape.inference.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.inference.Fixtures;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model whose weights hold NaN is refused at its first logits, not turned into NaN scores or arbitrary tokens. */
class NonFiniteLogitsTest {

    @TempDir
    Path dir;

    @Test
    void logitsHoldingNaNOrPlusInfinityAreRefusedNamingWhere() {
        float[] data = new float[2 * 3 * 4];
        data[1 * 12 + 2 * 4 + 3] = Float.NaN;
        Logits logits = new Logits(2, 3, 4, data);
        logits.row(0, 2);
        logits.row(1, 1);   // rows without it are fine
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> logits.row(1, 2));
        assertTrue(e.getMessage().contains("hold NaN (batch row 1, position 2, token 3)"), e.getMessage());
        float[] inf = new float[4];
        inf[0] = Float.POSITIVE_INFINITY;
        assertThrows(ModelLoadException.class, () -> new Logits(1, 1, 4, inf).last(0));
        float[] masked = {Float.NEGATIVE_INFINITY, 0, 1, 2};
        assertEquals(3, Logits.argmax(new Logits(1, 1, 4, masked).last(0)), "a token ruled out is not an error");
        float[] huge = {3e38f, 3e38f, 1, 2};
        new Logits(1, 1, 4, huge).last(0);   // finite values whose sum overflows are fine
    }

    @Test
    void aNaNWeightIsRefusedAtTheFirstForward() throws IOException {
        try (LanguageModel lm = LanguageModel.load(nanModel())) {
            ModelLoadException e = assertThrows(ModelLoadException.class, () -> lm.forward(new int[] {1, 2, 3})
                    .last(0));
            assertTrue(e.getMessage().contains("logits hold NaN") && e.getMessage().contains("--dtype float32"),
                    e.getMessage());
        }
    }

    /** The llama fixture with NaN in the first layer's attention norm weight. */
    Path nanModel() {
        return Fixtures.withNaN(dir, "llama", "model.layers.0.input_layernorm.weight");
    }

    @Test
    void nonFiniteActivationsAreRefusedNamingTheHookAndStatement() throws IOException {
        Path model = nanModel();
        try (LanguageModel lm = LanguageModel.load(model)) {
            ModelLoadException e = assertThrows(ModelLoadException.class, () -> dev.cape.inference.direction
                    .ActivationCollector.residPostLastToken(lm, java.util.List.of(new int[] {1, 2}, new int[] {3}), 8,
                            Progress.NONE));
            // batches run shortest first, so the one-token statement (the second) is the first to show it
            assertTrue(e.getMessage().startsWith("blocks.0.hook_resid_post of statement 2 of 2 holds NaN"),
                    e.getMessage());
        }
    }
}
