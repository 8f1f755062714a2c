package dev.cape.inference.llama2c;

/**
 * The forward pass of llama2.c's run.c on the raw checkpoint layout: RoPE rotates interleaved pairs
 * {@code (2j, 2j+1)} of each head by {@code pos * 10000^(-2j/headSize)}. One token at a time with a KV cache, in
 * float32 as run.c. Test reference only.
 */
final class InterleavedRopeForward {

    private final RawLlama2cModel w;
    private final int headSize;
    private final int kvDim;
    private final float[][] keyCache;   // [L][seq * kvDim]
    private final float[][] valueCache; // [L][seq * kvDim]
    private int pos;

    InterleavedRopeForward(RawLlama2cModel weights) {
        this.w = weights;
        this.headSize = w.dim / w.nHeads;
        this.kvDim = headSize * w.nKvHeads;
        this.keyCache = new float[w.nLayers][w.seqLen * kvDim];
        this.valueCache = new float[w.nLayers][w.seqLen * kvDim];
    }

    /** Logits {@code [V]} after feeding {@code token} at the next position. */
    float[] next(int token) {
        int d = w.dim;
        int hd = w.hiddenDim;
        int kvMul = w.nHeads / w.nKvHeads;
        float[] x = new float[d];                           // [d]
        System.arraycopy(w.tokEmb, token * d, x, 0, d);
        float[] xb = new float[d];
        float[] q = new float[d];                           // [h * hs]
        float[] k = new float[kvDim];                       // [kvh * hs]
        float[] v = new float[kvDim];
        float[] att = new float[pos + 1];                   // [t]
        float[] hb = new float[hd];
        float[] hb2 = new float[hd];
        for (int l = 0; l < w.nLayers; l++) {
            rmsnorm(xb, x, w.rmsAtt, l * d, d, 1e-5f);
            matmul(q, xb, w.wq, l * d * d, d, d);
            matmul(k, xb, w.wk, l * kvDim * d, d, kvDim);
            matmul(v, xb, w.wv, l * kvDim * d, d, kvDim);
            for (int i = 0; i < d; i += 2) {
                int headDim = i % headSize;
                float freq = 1.0f / (float) Math.pow(10000.0f, headDim / (float) headSize);
                float val = pos * freq;
                float fcr = (float) Math.cos(val);
                float fci = (float) Math.sin(val);
                rotate(q, i, fcr, fci);
                if (i < kvDim) {
                    rotate(k, i, fcr, fci);
                }
            }
            System.arraycopy(k, 0, keyCache[l], pos * kvDim, kvDim);
            System.arraycopy(v, 0, valueCache[l], pos * kvDim, kvDim);
            float[] out = new float[d];                     // [h * hs]
            for (int h = 0; h < w.nHeads; h++) {
                int kvOff = (h / kvMul) * headSize;
                for (int t = 0; t <= pos; t++) {
                    float score = 0f;
                    for (int i = 0; i < headSize; i++) {
                        score += q[h * headSize + i] * keyCache[l][t * kvDim + kvOff + i];
                    }
                    att[t] = score / (float) Math.sqrt(headSize);
                }
                softmax(att, pos + 1);
                for (int t = 0; t <= pos; t++) {
                    for (int i = 0; i < headSize; i++) {
                        out[h * headSize + i] += att[t] * valueCache[l][t * kvDim + kvOff + i];
                    }
                }
            }
            float[] xb2 = new float[d];
            matmul(xb2, out, w.wo, l * d * d, d, d);
            for (int i = 0; i < d; i++) {
                x[i] += xb2[i];
            }
            rmsnorm(xb, x, w.rmsFfn, l * d, d, 1e-5f);
            matmul(hb, xb, w.w1, l * hd * d, d, hd);
            matmul(hb2, xb, w.w3, l * hd * d, d, hd);
            for (int i = 0; i < hd; i++) {
                hb[i] = hb[i] * (1.0f / (1.0f + (float) Math.exp(-hb[i]))) * hb2[i];
            }
            matmul(xb, hb, w.w2, l * d * hd, hd, d);
            for (int i = 0; i < d; i++) {
                x[i] += xb[i];
            }
        }
        rmsnorm(x, x, w.rmsFinal, 0, d, 1e-5f);
        float[] logits = new float[w.vocabSize];
        matmul(logits, x, w.wcls, 0, d, w.vocabSize);
        pos++;
        return logits;
    }

    private static void rotate(float[] vec, int i, float fcr, float fci) {
        float v0 = vec[i];
        float v1 = vec[i + 1];
        vec[i] = v0 * fcr - v1 * fci;
        vec[i + 1] = v0 * fci + v1 * fcr;
    }

    static void rmsnorm(float[] o, float[] x, float[] weight, int wOff, int size, float eps) {
        float ss = 0f;
        for (int j = 0; j < size; j++) {
            ss += x[j] * x[j];
        }
        ss /= size;
        ss += eps;
        ss = 1.0f / (float) Math.sqrt(ss);
        for (int j = 0; j < size; j++) {
            o[j] = weight[wOff + j] * (ss * x[j]);
        }
    }

    static void softmax(float[] x, int size) {
        float max = x[0];
        for (int i = 1; i < size; i++) {
            max = Math.max(max, x[i]);
        }
        float sum = 0f;
        for (int i = 0; i < size; i++) {
            x[i] = (float) Math.exp(x[i] - max);
            sum += x[i];
        }
        for (int i = 0; i < size; i++) {
            x[i] /= sum;
        }
    }

    /** {@code out[i] = sum_j W[i, j] x[j]} with W {@code [rows, n]} stored row-major from {@code wOff}. */
    static void matmul(float[] out, float[] x, float[] weights, int wOff, int n, int rows) {
        for (int i = 0; i < rows; i++) {
            float val = 0f;
            int base = wOff + i * n;
            for (int j = 0; j < n; j++) {
                val += weights[base + j] * x[j];
            }
            out[i] = val;
        }
    }
}
