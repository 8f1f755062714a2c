package dev.cape.inference.llama2c;

import com.google.gson.JsonObject;
import dev.cape.inference.model.DType;
import dev.cape.inference.model.TensorData;
import dev.cape.inference.model.TensorStore;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * A plain float32 Hugging Face llama forward pass on a {@link TensorStore} with HF names and an HF config: RMSNorm,
 * rotate-half RoPE (dimension {@code j} pairs with {@code j + hs/2}, {@code inv_freq[j] = theta^(-2j/hs)}), causal
 * attention with GQA, SwiGLU MLP, tied or separate classifier. One token at a time with a KV cache. Test reference
 * only; the product's transformer is elsewhere.
 */
final class RotateHalfLlamaForward {

    private final int dim;
    private final int hidden;
    private final int layers;
    private final int heads;
    private final int kvHeads;
    private final int headSize;
    private final int kvDim;
    private final int vocab;
    private final float eps;
    private final float[] invFreq;     // [hs/2]
    private final float[] embed;       // [V, d]
    private final float[] lmHead;      // [V, d]
    private final float[] norm;        // [d]
    private final float[][] inputNorm; // [L][d]
    private final float[][] postNorm;  // [L][d]
    private final float[][] wq;        // [L][d * d]
    private final float[][] wk;        // [L][kvDim * d]
    private final float[][] wv;        // [L][kvDim * d]
    private final float[][] wo;        // [L][d * d]
    private final float[][] gate;      // [L][hd * d]
    private final float[][] up;        // [L][hd * d]
    private final float[][] down;      // [L][d * hd]
    private final float[][] keyCache;  // [L][maxPos * kvDim]
    private final float[][] valueCache;
    private int pos;

    RotateHalfLlamaForward(TensorStore store, JsonObject config) {
        dim = config.get("hidden_size").getAsInt();
        hidden = config.get("intermediate_size").getAsInt();
        layers = config.get("num_hidden_layers").getAsInt();
        heads = config.get("num_attention_heads").getAsInt();
        kvHeads = config.get("num_key_value_heads").getAsInt();
        vocab = config.get("vocab_size").getAsInt();
        eps = config.get("rms_norm_eps").getAsFloat();
        float theta = config.get("rope_theta").getAsFloat();
        int maxPos = config.get("max_position_embeddings").getAsInt();
        headSize = dim / heads;
        kvDim = headSize * kvHeads;
        invFreq = new float[headSize / 2];
        for (int j = 0; j < headSize / 2; j++) {
            invFreq[j] = (float) (1.0 / Math.pow(theta, (2.0 * j) / headSize));
        }
        embed = load(store, "model.embed_tokens.weight", (long) vocab * dim);
        boolean tied = config.get("tie_word_embeddings").getAsBoolean();
        lmHead = tied ? embed : load(store, "lm_head.weight", (long) vocab * dim);
        norm = load(store, "model.norm.weight", dim);
        inputNorm = new float[layers][];
        postNorm = new float[layers][];
        wq = new float[layers][];
        wk = new float[layers][];
        wv = new float[layers][];
        wo = new float[layers][];
        gate = new float[layers][];
        up = new float[layers][];
        down = new float[layers][];
        for (int l = 0; l < layers; l++) {
            String p = "model.layers." + l + ".";
            inputNorm[l] = load(store, p + "input_layernorm.weight", dim);
            postNorm[l] = load(store, p + "post_attention_layernorm.weight", dim);
            wq[l] = load(store, p + "self_attn.q_proj.weight", (long) dim * dim);
            wk[l] = load(store, p + "self_attn.k_proj.weight", (long) kvDim * dim);
            wv[l] = load(store, p + "self_attn.v_proj.weight", (long) kvDim * dim);
            wo[l] = load(store, p + "self_attn.o_proj.weight", (long) dim * dim);
            gate[l] = load(store, p + "mlp.gate_proj.weight", (long) hidden * dim);
            up[l] = load(store, p + "mlp.up_proj.weight", (long) hidden * dim);
            down[l] = load(store, p + "mlp.down_proj.weight", (long) dim * hidden);
        }
        keyCache = new float[layers][maxPos * kvDim];
        valueCache = new float[layers][maxPos * kvDim];
    }

    private static float[] load(TensorStore store, String name, long expectedCount) {
        TensorData t = store.get(name);
        if (t.dtype() != DType.F32 || t.elementCount() != expectedCount) {
            throw new IllegalStateException(name + ": " + t.dtype() + " with " + t.elementCount()
                    + " elements, expected F32 with " + expectedCount);
        }
        FloatBuffer fb = t.data().duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] out = new float[fb.remaining()];
        fb.get(out);
        return out;
    }

    /** Logits {@code [V]} after feeding {@code token} at the next position. */
    float[] next(int token) {
        int d = dim;
        int kvMul = heads / kvHeads;
        int half = headSize / 2;
        float[] x = new float[d];                               // [d] residual stream
        System.arraycopy(embed, token * d, x, 0, d);
        float[] xn = new float[d];                              // [d]
        float[] q = new float[d];                               // [heads * hs]
        float[] k = new float[kvDim];                           // [kvHeads * hs]
        float[] v = new float[kvDim];
        float[] scores = new float[pos + 1];                    // [t]
        float[] cos = new float[half];
        float[] sin = new float[half];
        for (int j = 0; j < half; j++) {
            float angle = pos * invFreq[j];
            cos[j] = (float) Math.cos(angle);
            sin[j] = (float) Math.sin(angle);
        }
        for (int l = 0; l < layers; l++) {
            InterleavedRopeForward.rmsnorm(xn, x, inputNorm[l], 0, d, eps);
            InterleavedRopeForward.matmul(q, xn, wq[l], 0, d, d);
            InterleavedRopeForward.matmul(k, xn, wk[l], 0, d, kvDim);
            InterleavedRopeForward.matmul(v, xn, wv[l], 0, d, kvDim);
            for (int h = 0; h < heads; h++) {
                rotateHalf(q, h * headSize, cos, sin);
            }
            for (int h = 0; h < kvHeads; h++) {
                rotateHalf(k, h * headSize, cos, sin);
            }
            System.arraycopy(k, 0, keyCache[l], pos * kvDim, kvDim);
            System.arraycopy(v, 0, valueCache[l], pos * kvDim, kvDim);
            float[] attn = new float[d];                        // [heads * hs]
            for (int h = 0; h < heads; h++) {
                int kvOff = (h / kvMul) * headSize;
                for (int t = 0; t <= pos; t++) {
                    float s = 0f;
                    for (int i = 0; i < headSize; i++) {
                        s += q[h * headSize + i] * keyCache[l][t * kvDim + kvOff + i];
                    }
                    scores[t] = s / (float) Math.sqrt(headSize);
                }
                InterleavedRopeForward.softmax(scores, pos + 1);
                for (int t = 0; t <= pos; t++) {
                    for (int i = 0; i < headSize; i++) {
                        attn[h * headSize + i] += scores[t] * valueCache[l][t * kvDim + kvOff + i];
                    }
                }
            }
            float[] o = new float[d];
            InterleavedRopeForward.matmul(o, attn, wo[l], 0, d, d);
            for (int i = 0; i < d; i++) {
                x[i] += o[i];
            }
            InterleavedRopeForward.rmsnorm(xn, x, postNorm[l], 0, d, eps);
            float[] g = new float[hidden];                      // [hd]
            float[] u = new float[hidden];                      // [hd]
            InterleavedRopeForward.matmul(g, xn, gate[l], 0, d, hidden);
            InterleavedRopeForward.matmul(u, xn, up[l], 0, d, hidden);
            for (int i = 0; i < hidden; i++) {
                g[i] = g[i] / (1.0f + (float) Math.exp(-g[i])) * u[i];
            }
            float[] m = new float[d];
            InterleavedRopeForward.matmul(m, g, down[l], 0, hidden, d);
            for (int i = 0; i < d; i++) {
                x[i] += m[i];
            }
        }
        InterleavedRopeForward.rmsnorm(xn, x, norm, 0, d, eps);
        float[] logits = new float[vocab];                      // [V]
        InterleavedRopeForward.matmul(logits, xn, lmHead, 0, d, vocab);
        pos++;
        return logits;
    }

    /** HF {@code x * cos + rotate_half(x) * sin} on one head: {@code (x1, x2) -> (x1 c - x2 s, x2 c + x1 s)}. */
    private void rotateHalf(float[] vec, int off, float[] cos, float[] sin) {
        int half = headSize / 2;
        for (int j = 0; j < half; j++) {
            float x1 = vec[off + j];
            float x2 = vec[off + half + j];
            vec[off + j] = x1 * cos[j] - x2 * sin[j];
            vec[off + half + j] = x2 * cos[j] + x1 * sin[j];
        }
    }

    int vocabSize() {
        return vocab;
    }
}
