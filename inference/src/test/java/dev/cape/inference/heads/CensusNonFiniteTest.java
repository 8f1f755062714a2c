package dev.cape.inference.heads;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.inference.Fixtures;
import dev.cape.inference.model.LanguageModel;
import dev.cape.inference.model.ModelLoadException;
import dev.cape.inference.model.Progress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The census refuses non-finite activations naming the hook and statement, not as "identical statements". */
class CensusNonFiniteTest {

    @TempDir
    Path dir;

    @Test
    void aNaNWeightIsNamedAsSuch() {
        Path model = Fixtures.withNaN(dir, "llama", "model.layers.0.input_layernorm.weight");
        try (LanguageModel lm = LanguageModel.load(model)) {
            ModelLoadException e = assertThrows(ModelLoadException.class, () -> CensusActivations.capture(lm,
                    List.of(new int[] {1, 2}, new int[] {3, 4}), 8, false, Progress.NONE));
            assertTrue(e.getMessage().startsWith("blocks.0.hook_resid_post of statement 1 of 2 holds NaN")
                    && e.getMessage().contains("try --dtype float32"), e.getMessage());
        }
    }
}
