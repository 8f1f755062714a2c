package dev.cape.inference.llama2c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;

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
 * The real stories15M checkpoint through {@link Llama2cCheckpoint} and {@link Llama2cTokenizer}, run by the plain
 * rotate-half (HF) reference forward of the tests: it must agree with run.c's interleaved forward on the raw file and
 * tell stories. Skipped when scripts/fetch-stories15m.sh has not been run.
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

    /** Opens the files once, on the first test; every test is skipped (with the reason) when they are absent. */
    @BeforeEach
    void open() {
        if (checkpoint == null) {
            Path modelBin = Stories15M.modelBin();
            Path tokenizerBin = Stories15M.tokenizerBin();
            checkpoint = Llama2cCheckpoint.open(modelBin);
            tokenizer = Llama2cTokenizer.load(tokenizerBin, checkpoint.header().vocabSize());
        }
    }

    @AfterAll
    void close() {
        if (checkpoint != null) {
            checkpoint.close();
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
    void greedyContinuationOfOnceUponATimeIsAStory() {
        RotateHalfLlamaForward model = new RotateHalfLlamaForward(checkpoint, checkpoint.hfConfig());
        int[] prompt = tokenizer.encode("Once upon a time", true);
        List<Integer> ids = new ArrayList<>();
        float[] logits = null;
        for (int id : prompt) {
            ids.add(id);
            logits = model.next(id);
        }
        for (int step = 0; step < 48; step++) {
            int next = argmax(logits);
            if (next == Llama2cTokenizer.BOS_ID || next == Llama2cTokenizer.EOS_ID) {
                break;
            }
            ids.add(next);
            logits = model.next(next);
        }
        String text = tokenizer.decode(ids.stream().mapToInt(Integer::intValue).toArray());
        System.out.println("stories15M greedy: " + text);
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
        System.out.printf("stories15M on a %d-token story: mean next-token loss %.3f nats; shuffled (seed 20261124)"
                + " %.3f nats%n", tokens.length, loss, shuffledLoss);
        assertTrue(tokens.length >= 60 && tokens.length <= 100, "story length " + tokens.length);
        assertTrue(loss < 2.0, "loss " + loss);
        assertTrue(shuffledLoss > loss + 3.0, "shuffled " + shuffledLoss + " vs " + loss);
    }

    private double meanNextTokenLoss(int[] tokens) {
        RotateHalfLlamaForward model = new RotateHalfLlamaForward(checkpoint, checkpoint.hfConfig());
        double sum = 0;
        for (int i = 0; i + 1 < tokens.length; i++) {
            float[] logits = model.next(tokens[i]);
            double max = Double.NEGATIVE_INFINITY;
            for (float l : logits) {
                max = Math.max(max, l);
            }
            double z = 0;
            for (float l : logits) {
                z += Math.exp(l - max);
            }
            sum += max + Math.log(z) - logits[tokens[i + 1]];
        }
        return sum / (tokens.length - 1);
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
