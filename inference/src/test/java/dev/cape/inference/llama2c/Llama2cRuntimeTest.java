package dev.cape.inference.llama2c;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.inference.model.LanguageModel;
import dev.cape.inference.model.Logits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small random llama2.c checkpoints (GQA, tied and separate classifier) loaded by the product runtime through
 * {@link LanguageModel#load(Path)}, against the transcription of run.c's interleaved forward on the raw file.
 */
class Llama2cRuntimeTest {

    private static final int[] TOKENS = {1, 5, 9, 33, 2, 60, 17, 17, 40, 3, 8, 12};

    @Test
    void runtimeOnModelBinEqualsRunCForward(@TempDir Path dir) throws IOException {
        for (int vocabField : new int[] {300, -300}) {
            Path f = TinyLlama2cFile.write(dir.resolve("m" + vocabField + ".bin"), 16, 40, 2, 4, 2, vocabField, 32, 7);
            InterleavedRopeForward reference = new InterleavedRopeForward(new RawLlama2cModel(f));
            try (LanguageModel m = LanguageModel.load(f)) {
                assertFalse(m.tokenizer().isPresent(), "no tokenizer.bin beside the file");
                Logits logits = m.forward(TOKENS);
                double max = 0;
                for (int p = 0; p < TOKENS.length; p++) {
                    float[] want = reference.next(TOKENS[p]);
                    float[] got = logits.row(0, p);
                    for (int i = 0; i < want.length; i++) {
                        max = Math.max(max, Math.abs(want[i] - got[i]));
                    }
                }
                // float32 noise of two summation orders; logits here are O(1)
                assertTrue(max < 1e-5, "vocab field " + vocabField + ": max |logit difference| " + max);
            }
        }
    }

    @Test
    void folderHoldingModelBinLoadsIt(@TempDir Path dir) throws IOException {
        Path f = TinyLlama2cFile.write(dir.resolve("model.bin"), 16, 40, 2, 4, 4, 300, 32, 3);
        try (LanguageModel byFile = LanguageModel.load(f); LanguageModel byFolder = LanguageModel.load(dir)) {
            assertTrue(java.util.Arrays.equals(byFile.forward(TOKENS).last(0), byFolder.forward(TOKENS).last(0)));
        }
        assertTrue(Files.isRegularFile(f));
    }

    @Test
    void positionalReadGivesTheBytesGetGives(@TempDir Path dir) throws IOException {
        Path f = TinyLlama2cFile.write(dir.resolve("model.bin"), 16, 40, 2, 4, 2, -300, 32, 5);
        try (Llama2cCheckpoint c = Llama2cCheckpoint.open(f)) {
            for (String n : c.names()) {
                java.nio.ByteBuffer want = c.get(n).data();
                java.nio.ByteBuffer got = java.nio.ByteBuffer.allocateDirect(want.remaining());
                c.read(n, got);
                assertFalse(got.hasRemaining(), n);
                assertTrue(want.equals(got.flip()), n);  // q/k rows permuted alike
            }
        }
    }
}
