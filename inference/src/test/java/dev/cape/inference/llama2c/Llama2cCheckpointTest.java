package dev.cape.inference.llama2c;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.cape.inference.model.DType;
import dev.cape.inference.model.ModelLoadException;
import dev.cape.inference.model.TensorData;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Llama2cCheckpointTest {

    // a tiny GQA model: dim 32, hidden 48, 2 layers, 4 query heads, 2 kv heads (head size 8), vocab 64, seq 16
    private static final int DIM = 32;
    private static final int HIDDEN = 48;
    private static final int LAYERS = 2;
    private static final int HEADS = 4;
    private static final int KV_HEADS = 2;
    private static final int VOCAB = 64;
    private static final int SEQ = 16;
    private static final int HS = DIM / HEADS;
    private static final int KV_DIM = HS * KV_HEADS;

    @TempDir
    Path dir;

    private Path tiny(String name, int vocabField) throws IOException {
        return TinyLlama2cFile.write(dir.resolve(name), DIM, HIDDEN, LAYERS, HEADS, KV_HEADS, vocabField, SEQ, 7);
    }

    private ModelLoadException openFails(Path file) {
        return assertThrows(ModelLoadException.class, () -> Llama2cCheckpoint.open(file).close());
    }

    // ---- invalid input

    @Test
    void missingFileIsRefusedWithItsName() {
        Path missing = dir.resolve("absent.bin");
        ModelLoadException e = openFails(missing);
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("no such"), e.getMessage());
    }

    @Test
    void fileShorterThanTheHeaderIsTruncated() throws IOException {
        Path f = TinyLlama2cFile.bytes(dir.resolve("short.bin"), new byte[10]);
        ModelLoadException e = openFails(f);
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("truncated")
                && e.getMessage().contains("10 bytes"), e.getMessage());
    }

    @Test
    void nonPositiveDimensionsNameTheField() throws IOException {
        String[] fields = {"dim", "hidden_dim", "n_layers", "n_heads", "n_kv_heads", "vocab_size", "seq_len"};
        int[] valid = {DIM, HIDDEN, LAYERS, HEADS, KV_HEADS, VOCAB, SEQ};
        for (int i = 0; i < fields.length; i++) {
            int[] header = valid.clone();
            header[i] = i == 5 ? 0 : -3; // vocab_size may be negative (separate classifier), never 0
            Path f = TinyLlama2cFile.header(dir.resolve("bad-" + fields[i] + ".bin"), header);
            ModelLoadException e = openFails(f);
            assertTrue(e.getMessage().contains("header field " + fields[i] + " must be")
                    && e.getMessage().contains(f.toString()), e.getMessage());
        }
    }

    @Test
    void inconsistentHeadCountsAreRefused() throws IOException {
        ModelLoadException notMultiple = openFails(
                TinyLlama2cFile.header(dir.resolve("a.bin"), 30, HIDDEN, LAYERS, 4, 4, VOCAB, SEQ));
        assertTrue(notMultiple.getMessage().contains("dim (30) must be a multiple of n_heads (4)"),
                notMultiple.getMessage());
        ModelLoadException kv = openFails(
                TinyLlama2cFile.header(dir.resolve("b.bin"), DIM, HIDDEN, LAYERS, 4, 3, VOCAB, SEQ));
        assertTrue(kv.getMessage().contains("n_heads (4) must be a multiple of n_kv_heads (3)"), kv.getMessage());
        ModelLoadException odd = openFails(
                TinyLlama2cFile.header(dir.resolve("c.bin"), 28, HIDDEN, LAYERS, 4, 4, VOCAB, SEQ));
        assertTrue(odd.getMessage().contains("head size dim/n_heads = 7 must be even"), odd.getMessage());
    }

    @Test
    void truncatedWeightsAreRefusedWithTheExpectedSize() throws IOException {
        Path f = tiny("model.bin", VOCAB);
        long full = Files.size(f);
        byte[] cut = Arrays.copyOf(Files.readAllBytes(f), (int) full - 4);
        Files.write(f, cut);
        ModelLoadException e = openFails(f);
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("expected " + full)
                && e.getMessage().contains(f.toString()), e.getMessage());
    }

    @Test
    void trailingBytesAreRefused() throws IOException {
        Path f = tiny("model.bin", VOCAB);
        Files.write(f, new byte[12], java.nio.file.StandardOpenOption.APPEND);
        ModelLoadException e = openFails(f);
        assertTrue(e.getMessage().contains("12 unexplained trailing bytes"), e.getMessage());
    }

    @Test
    void sharedSizedFileWithSeparateClassifierHeaderIsTruncated() throws IOException {
        Path f = tiny("model.bin", VOCAB);
        byte[] bytes = Files.readAllBytes(f);
        // vocab_size -64 says a separate wcls[64, 32] follows, which this file lacks
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(20, -VOCAB);
        Files.write(f, bytes);
        ModelLoadException e = openFails(f);
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("separate classifier"),
                e.getMessage());
    }

    @Test
    void newerExportVersionIsNamed() throws IOException {
        Path f = TinyLlama2cFile.header(dir.resolve("v1.bin"), 0x616b3432, 1, DIM, HIDDEN, LAYERS, HEADS, KV_HEADS);
        assertTrue(openFails(f).getMessage().contains("version 1/2"));
    }

    @Test
    void unknownTensorNameIsRefusedWithFileAndName() throws IOException {
        try (Llama2cCheckpoint c = Llama2cCheckpoint.open(tiny("model.bin", VOCAB))) {
            ModelLoadException e = assertThrows(ModelLoadException.class, () -> c.get("lm_head.weight"));
            assertTrue(e.getMessage().contains("'lm_head.weight'") && e.getMessage().contains("model.bin")
                    && e.getMessage().contains("tied"), e.getMessage());
        }
    }

    @Test
    void getAfterCloseFails() throws IOException {
        Llama2cCheckpoint c = Llama2cCheckpoint.open(tiny("model.bin", VOCAB));
        c.close();
        assertThrows(IllegalStateException.class, () -> c.get("model.norm.weight"));
    }

    // ---- format detection

    @Test
    void looksLikeLlama2cOnlyForConsistentCheckpoints() throws IOException {
        assertTrue(Llama2cCheckpoint.looksLikeLlama2c(tiny("model.bin", VOCAB)));
        assertTrue(Llama2cCheckpoint.looksLikeLlama2c(tiny("sep.bin", -VOCAB)));
        byte[] pickle = new byte[4096];
        pickle[0] = (byte) 0x80;
        pickle[1] = 0x02;
        assertFalse(Llama2cCheckpoint.looksLikeLlama2c(TinyLlama2cFile.bytes(dir.resolve("p.bin"), pickle)));
        byte[] zip = new byte[4096];
        zip[0] = 'P';
        zip[1] = 'K';
        zip[2] = 3;
        zip[3] = 4;
        assertFalse(Llama2cCheckpoint.looksLikeLlama2c(TinyLlama2cFile.bytes(dir.resolve("z.bin"), zip)));
        assertFalse(Llama2cCheckpoint.looksLikeLlama2c(TinyLlama2cFile.bytes(dir.resolve("e.bin"))));
        assertFalse(Llama2cCheckpoint.looksLikeLlama2c(dir.resolve("missing.bin")));
        assertFalse(Llama2cCheckpoint.looksLikeLlama2c(dir));
    }

    // ---- layout

    @Test
    void exposesHfNamesAndShapes() throws IOException {
        try (Llama2cCheckpoint shared = Llama2cCheckpoint.open(tiny("model.bin", VOCAB));
             Llama2cCheckpoint separate = Llama2cCheckpoint.open(tiny("sep.bin", -VOCAB))) {
            assertEquals(2 + 9 * LAYERS, shared.names().size());
            assertFalse(shared.has("lm_head.weight"));
            assertEquals(3 + 9 * LAYERS, separate.names().size());
            assertTrue(separate.has("lm_head.weight"));
            assertArrayEquals(new long[] {VOCAB, DIM}, shared.get("model.embed_tokens.weight").shape());
            assertArrayEquals(new long[] {DIM, DIM}, shared.get("model.layers.1.self_attn.q_proj.weight").shape());
            assertArrayEquals(new long[] {KV_DIM, DIM}, shared.get("model.layers.1.self_attn.k_proj.weight").shape());
            assertArrayEquals(new long[] {KV_DIM, DIM}, shared.get("model.layers.0.self_attn.v_proj.weight").shape());
            assertArrayEquals(new long[] {HIDDEN, DIM}, shared.get("model.layers.0.mlp.gate_proj.weight").shape());
            assertArrayEquals(new long[] {DIM, HIDDEN}, shared.get("model.layers.0.mlp.down_proj.weight").shape());
            assertArrayEquals(new long[] {DIM}, shared.get("model.norm.weight").shape());
            for (String name : separate.names()) {
                TensorData t = separate.get(name);
                assertEquals(DType.F32, t.dtype());
                assertEquals(t.elementCount() * 4, t.data().remaining(), name);
                assertEquals(0, t.data().position(), name);
                assertEquals(ByteOrder.LITTLE_ENDIAN, t.data().order(), name);
                assertTrue(t.data().isReadOnly(), name);
            }
        }
    }

    @Test
    void unpermutedTensorsAreTheRawArrays() throws IOException {
        Path f = tiny("sep.bin", -VOCAB);
        RawLlama2cModel raw = new RawLlama2cModel(f);
        try (Llama2cCheckpoint c = Llama2cCheckpoint.open(f)) {
            assertArrayEquals(raw.tokEmb, floats(c.get("model.embed_tokens.weight")));
            assertArrayEquals(raw.wcls, floats(c.get("lm_head.weight")));
            assertArrayEquals(raw.rmsFinal, floats(c.get("model.norm.weight")));
            for (int l = 0; l < LAYERS; l++) {
                String p = "model.layers." + l + ".";
                assertArrayEquals(slice(raw.rmsAtt, l, DIM), floats(c.get(p + "input_layernorm.weight")));
                assertArrayEquals(slice(raw.rmsFfn, l, DIM), floats(c.get(p + "post_attention_layernorm.weight")));
                assertArrayEquals(slice(raw.wv, l, KV_DIM * DIM), floats(c.get(p + "self_attn.v_proj.weight")));
                assertArrayEquals(slice(raw.wo, l, DIM * DIM), floats(c.get(p + "self_attn.o_proj.weight")));
                assertArrayEquals(slice(raw.w1, l, HIDDEN * DIM), floats(c.get(p + "mlp.gate_proj.weight")));
                assertArrayEquals(slice(raw.w3, l, HIDDEN * DIM), floats(c.get(p + "mlp.up_proj.weight")));
                assertArrayEquals(slice(raw.w2, l, DIM * HIDDEN), floats(c.get(p + "mlp.down_proj.weight")));
            }
        }
    }

    @Test
    void queryAndKeyRowsArePermutedPerHeadToRotateHalfOrder() throws IOException {
        Path f = tiny("model.bin", VOCAB);
        RawLlama2cModel raw = new RawLlama2cModel(f);
        try (Llama2cCheckpoint c = Llama2cCheckpoint.open(f)) {
            for (int l = 0; l < LAYERS; l++) {
                checkPermuted(slice(raw.wq, l, DIM * DIM), floats(c.get("model.layers." + l
                        + ".self_attn.q_proj.weight")), HEADS);
                checkPermuted(slice(raw.wk, l, KV_DIM * DIM), floats(c.get("model.layers." + l
                        + ".self_attn.k_proj.weight")), KV_HEADS);
            }
        }
    }

    /** HF row h*hs + j is llama2.c row h*hs + 2j; HF row h*hs + hs/2 + j is llama2.c row h*hs + 2j + 1. */
    private static void checkPermuted(float[] raw, float[] hf, int heads) {
        for (int h = 0; h < heads; h++) {
            for (int j = 0; j < HS / 2; j++) {
                assertArrayEquals(row(raw, h * HS + 2 * j), row(hf, h * HS + j));
                assertArrayEquals(row(raw, h * HS + 2 * j + 1), row(hf, h * HS + HS / 2 + j));
            }
        }
    }

    @Test
    void rowPermutationMatchesHfConvertScriptOnNumberedRows() {
        // torch.arange(16).view(2, 4, 2, 1).transpose(1, 2).reshape(16) (2 heads, head size 8), evaluated by hand:
        int[] expected = {0, 2, 4, 6, 1, 3, 5, 7, 8, 10, 12, 14, 9, 11, 13, 15};
        ByteBuffer src = ByteBuffer.allocate(16 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < 16; r++) {
            src.putInt(r);
        }
        ByteBuffer dst = ByteBuffer.allocate(16 * 4).order(ByteOrder.LITTLE_ENDIAN);
        Llama2cCheckpoint.interleavedToHalfRows(src, dst, 2, 8, 4);
        int[] actual = new int[16];
        for (int r = 0; r < 16; r++) {
            actual[r] = dst.getInt(r * 4);
        }
        assertArrayEquals(expected, actual);
    }

    @Test
    void hfConfigDescribesTheHeader() throws IOException {
        try (Llama2cCheckpoint c = Llama2cCheckpoint.open(tiny("sep.bin", -VOCAB))) {
            JsonObject cfg = c.hfConfig();
            assertEquals("llama", cfg.get("model_type").getAsString());
            assertEquals(DIM, cfg.get("hidden_size").getAsInt());
            assertEquals(HIDDEN, cfg.get("intermediate_size").getAsInt());
            assertEquals(LAYERS, cfg.get("num_hidden_layers").getAsInt());
            assertEquals(HEADS, cfg.get("num_attention_heads").getAsInt());
            assertEquals(KV_HEADS, cfg.get("num_key_value_heads").getAsInt());
            assertEquals(VOCAB, cfg.get("vocab_size").getAsInt());
            assertEquals(SEQ, cfg.get("max_position_embeddings").getAsInt());
            assertEquals(1e-5, cfg.get("rms_norm_eps").getAsDouble());
            assertEquals(10000.0, cfg.get("rope_theta").getAsDouble());
            assertFalse(cfg.get("tie_word_embeddings").getAsBoolean());
            assertEquals(1, cfg.get("bos_token_id").getAsInt());
            assertEquals(2, cfg.get("eos_token_id").getAsInt());
            assertEquals(new Llama2cCheckpoint.Header(DIM, HIDDEN, LAYERS, HEADS, KV_HEADS, VOCAB, SEQ, false),
                    c.header());
        }
    }

    // ---- the permutation makes a rotate-half (HF) forward equal run.c's interleaved forward

    @Test
    void rotateHalfForwardOnStoreEqualsInterleavedForwardOnRawWeights() throws IOException {
        for (int vocabField : new int[] {VOCAB, -VOCAB}) {
            Path f = tiny("m" + vocabField + ".bin", vocabField);
            RawLlama2cModel raw = new RawLlama2cModel(f);
            int[] tokens = {1, 5, 9, 33, 2, 60, 17, 17, 40, 3, 8, 12};
            try (Llama2cCheckpoint c = Llama2cCheckpoint.open(f)) {
                double permuted = maxLogitDifference(new RotateHalfLlamaForward(c, c.hfConfig()),
                        new InterleavedRopeForward(raw), tokens);
                // float32 noise of two summation orders (measured <= 1e-6; logits here are O(1))
                assertTrue(permuted < 1e-5, "max |logit difference| " + permuted);
                double unpermuted = maxLogitDifference(new RotateHalfLlamaForward(new RawQkStore(c, raw),
                        c.hfConfig()), new InterleavedRopeForward(raw), tokens);
                // measured 1.1 to 1.3 with seed 7
                assertTrue(unpermuted > 0.5, "without the permutation the outputs must differ: " + unpermuted);
            }
        }
    }

    static double maxLogitDifference(RotateHalfLlamaForward hf, InterleavedRopeForward ref, int[] tokens) {
        double max = 0;
        for (int token : tokens) {
            float[] a = hf.next(token);
            float[] b = ref.next(token);
            for (int i = 0; i < a.length; i++) {
                max = Math.max(max, Math.abs(a[i] - b[i]));
            }
        }
        return max;
    }

    static float[] floats(TensorData t) {
        FloatBuffer fb = t.data().duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] out = new float[fb.remaining()];
        fb.get(out);
        return out;
    }

    private static float[] slice(float[] all, int layer, int size) {
        return Arrays.copyOfRange(all, layer * size, (layer + 1) * size);
    }

    private static float[] row(float[] matrix, int r) {
        return Arrays.copyOfRange(matrix, r * DIM, (r + 1) * DIM);
    }
}
