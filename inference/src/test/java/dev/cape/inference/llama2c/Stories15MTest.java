package dev.cape.inference.llama2c;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.cape.inference.generate.Generation;
import dev.cape.inference.generate.GenerationOptions;
import dev.cape.inference.generate.Generator;
import dev.cape.inference.model.KvCache;
import dev.cape.inference.model.LanguageModel;
import dev.cape.inference.model.Logits;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The real stories15M checkpoint, loaded by the product runtime ({@link LanguageModel#load(Path)} on its model.bin) and
 * checked against two independent test-only forwards: the plain rotate-half (HF) reference on the permuted store,
 * which must itself agree with a transcription of run.c's interleaved forward on the raw file. The runtime must tell
 * stories (greedy continuation, loss on a story written for this test). Skipped when scripts/fetch-stories15m.sh has
 * not been run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Stories15MTest {

    /** A short children's story written for this test (not from TinyStories). */
    private static final String STORY = "Once upon a time, there was a little girl named Mia. She had a red ball."
            + " Every day she played with the ball in the park. One day, the ball rolled away into the water."
            + " Mia was sad and started to cry. Her dad saw her and said, \"Don't worry, I will help you.\""
            + " He got the ball out of the water and gave it back to Mia. She smiled and hugged her dad.";

    private Llama2cCheckpoint checkpoint;
    private Llama2cTokenizer tokenizer;
    /** The product runtime, loaded through the one entry point from the model.bin path. */
    private LanguageModel model;

    /** Opens the files once, on the first test; every test is skipped (with the reason) when they are absent. */
    @BeforeEach
    void open() {
        if (checkpoint == null) {
            Path modelBin = Stories15M.modelBin();
            Path tokenizerBin = Stories15M.tokenizerBin();
            checkpoint = Llama2cCheckpoint.open(modelBin);
            tokenizer = Llama2cTokenizer.load(tokenizerBin, checkpoint.header().vocabSize());
            model = LanguageModel.load(modelBin);
        }
    }

    @AfterAll
    void close() {
        if (checkpoint != null) {
            checkpoint.close();
        }
        if (model != null) {
            model.close();
        }
    }

    @Test
    void headerAndConfigAreStories15M() {
        assertEquals(new Llama2cCheckpoint.Header(288, 768, 6, 6, 6, 32000, 256, true), checkpoint.header());
        JsonObject cfg = checkpoint.hfConfig();
        assertEquals(288, cfg.get("hidden_size").getAsInt());
        assertEquals(768, cfg.get("intermediate_size").getAsInt());
        assertEquals(256, cfg.get("max_position_embeddings").getAsInt());
        assertTrue(cfg.get("tie_word_embeddings").getAsBoolean());
        assertEquals(2 + 9 * 6, checkpoint.names().size());
        assertTrue(Llama2cCheckpoint.looksLikeLlama2c(checkpoint.file()));
    }

    @Test
    void rotateHalfForwardOnPermutedStoreEqualsRunCForward() throws IOException {
        RawLlama2cModel raw = new RawLlama2cModel(checkpoint.file());
        int[] tokens = Arrays.copyOf(tokenizer.encode(STORY, true), 24);
        double permuted = Llama2cCheckpointTest.maxLogitDifference(
                new RotateHalfLlamaForward(checkpoint, checkpoint.hfConfig()), new InterleavedRopeForward(raw), tokens);
        double unpermuted = Llama2cCheckpointTest.maxLogitDifference(
                new RotateHalfLlamaForward(new RawQkStore(checkpoint, raw), checkpoint.hfConfig()),
                new InterleavedRopeForward(raw), tokens);
        System.out.printf("stories15M, 24 positions x 32000 logits: max |HF - run.c| = %.3g with the q/k"
                + " permutation, %.3g without%n", permuted, unpermuted);
        // logits are O(10); float32 summation-order noise is ~1e-6 relative
        assertTrue(permuted < 1e-4, "max |logit difference| " + permuted);
        assertTrue(unpermuted > 1.0, "without the permutation the logits must differ: " + unpermuted);
    }

    @Test
    void runtimeLogitsEqualTheReferenceForward() {
        int[] tokens = Arrays.copyOf(tokenizer.encode(STORY, true), 24);
        RotateHalfLlamaForward reference = new RotateHalfLlamaForward(checkpoint, checkpoint.hfConfig());
        Logits logits = model.forward(tokens);
        double max = 0;
        for (int p = 0; p < tokens.length; p++) {
            float[] want = reference.next(tokens[p]);
            float[] got = logits.row(0, p);
            for (int i = 0; i < want.length; i++) {
                max = Math.max(max, Math.abs(want[i] - got[i]));
            }
        }
        System.out.printf("stories15M, 24 positions x 32000 logits: max |runtime - reference| = %.3g%n", max);
        // same float32 model, different summation order (libtorch GEMM vs plain loops): as HF vs run.c above
        assertTrue(max < 1e-4, "max |logit difference| " + max);
    }

    @Test
    void greedyContinuationOfOnceUponATimeIsAStoryAndMatchesTheReference() {
        int[] prompt = model.tokenizer().orElseThrow().encode("Once upon a time", true);
        assertArrayEquals(new int[] {1, 9038, 2501, 263, 931}, prompt);
        Generation g = Generator.generate(model, prompt, GenerationOptions.withDefaults().withMaxTokens(48), null);

        // the independent reference: plain-Java forward, one token at a time, argmax, stop at BOS/EOS
        RotateHalfLlamaForward reference = new RotateHalfLlamaForward(checkpoint, checkpoint.hfConfig());
        List<Integer> expected = new ArrayList<>();
        float[] logits = null;
        for (int id : prompt) {
            logits = reference.next(id);
        }
        for (int step = 0; step < 48; step++) {
            int next = argmax(logits);
            expected.add(next);
            if (next == Llama2cTokenizer.EOS_ID) {
                break;
            }
            logits = reference.next(next);
        }
        assertArrayEquals(expected.stream().mapToInt(Integer::intValue).toArray(), g.tokens(),
                "runtime greedy tokens vs the reference forward's");

        int[] all = java.util.stream.IntStream.concat(Arrays.stream(prompt), Arrays.stream(g.tokens())).toArray();
        String text = tokenizer.decode(all);
        System.out.println("stories15M greedy (runtime): " + text);
        assertTrue(text.startsWith("Once upon a time"), text);
        assertTrue(text.chars().allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7f)), "printable ASCII: " + text);
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        long storyWords = java.util.stream.Stream.of(" there ", " was ", " little ", " named ", " she ", " he ",
                " day ", " play", " loved ", " big ", " the ").filter(lower::contains).count();
        assertTrue(storyWords >= 5, storyWords + " common story words in: " + text);
    }

    @Test
    void storyLossIsLowAndFarBelowShuffledTokens() {
        int[] tokens = tokenizer.encode(STORY, true);
        int[] shuffled = tokens.clone();
        Random random = new Random(20261124L);
        for (int i = shuffled.length - 1; i > 1; i--) { // Fisher-Yates over positions 1.., BOS stays first
            int j = 1 + random.nextInt(i);
            int t = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = t;
        }
        double loss = meanNextTokenLoss(tokens);
        double shuffledLoss = meanNextTokenLoss(shuffled);
        System.out.printf("stories15M (runtime) on a %d-token story: mean next-token loss %.3f nats; shuffled"
                + " (seed 20261124) %.3f nats%n", tokens.length, loss, shuffledLoss);
        assertTrue(tokens.length >= 60 && tokens.length <= 100, "story length " + tokens.length);
        assertTrue(loss < 2.0, "loss " + loss);
        assertTrue(shuffledLoss > loss + 3.0, "shuffled " + shuffledLoss + " vs " + loss);
    }

    @Test
    void kvCacheDecodingEqualsFullRecomputation() {
        int[] tokens = Arrays.copyOf(tokenizer.encode(STORY, true), 40);
        Logits full = model.forward(tokens);
        double max = 0;
        try (KvCache cache = model.newCache(1)) {
            Logits prompt = model.forward(new int[][] {Arrays.copyOf(tokens, 16)}, cache, true);
            for (int p = 0; p < 16; p++) {
                max = Math.max(max, maxAbsDiff(full.row(0, p), prompt.row(0, p)));
            }
            for (int p = 16; p < tokens.length; p++) {
                Logits step = model.forward(new int[][] {{tokens[p]}}, cache, false);
                max = Math.max(max, maxAbsDiff(full.row(0, p), step.last(0)));
            }
            assertEquals(tokens.length, cache.length());
        }
        System.out.printf("stories15M: max |cached - recomputed| logit = %.3g over 40 positions%n", max);
        // logits are O(10); the kernels see other shapes (1 query row vs 40), so only float32 reassociation differs
        assertTrue(max < 1e-4, "max |logit difference| " + max);
    }

    @Test
    void modelBinFileAndItsFolderLoadTheSameModel() {
        int[] ids = {1, 9038, 2501, 263, 931};
        try (LanguageModel fromFolder = LanguageModel.load(Stories15M.dir())) {
            assertEquals(model.spec(), fromFolder.spec());
            assertArrayEquals(model.forward(ids).last(0), fromFolder.forward(ids).last(0));
            assertTrue(fromFolder.tokenizer().orElseThrow().bosByDefault());
        }
    }

    /** Mean cross-entropy of each next token, from one forward pass over the whole sequence. */
    private double meanNextTokenLoss(int[] tokens) {
        Logits logits = model.forward(tokens);
        double sum = 0;
        for (int i = 0; i + 1 < tokens.length; i++) {
            float[] row = logits.row(0, i);
            double max = Double.NEGATIVE_INFINITY;
            for (float l : row) {
                max = Math.max(max, l);
            }
            double z = 0;
            for (float l : row) {
                z += Math.exp(l - max);
            }
            sum += max + Math.log(z) - row[tokens[i + 1]];
        }
        return sum / (tokens.length - 1);
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    private static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
