package dev.cape.inference.llama2c;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A llama2.c {@code model.bin} read the way run.c's {@code checkpoint_init_weights} reads it, independently of
 * {@link Llama2cCheckpoint}: the raw layout (interleaved RoPE rows, llama2.c names), all in heap arrays. Test use only.
 */
final class RawLlama2cModel {

    final int dim;
    final int hiddenDim;
    final int nLayers;
    final int nHeads;
    final int nKvHeads;
    final int vocabSize;
    final int seqLen;
    final boolean shared;
    final float[] tokEmb;   // [V, d]
    final float[] rmsAtt;   // [L, d]
    final float[] wq;       // [L, d, d]
    final float[] wk;       // [L, kvDim, d]
    final float[] wv;       // [L, kvDim, d]
    final float[] wo;       // [L, d, d]
    final float[] rmsFfn;   // [L, d]
    final float[] w1;       // [L, hd, d]
    final float[] w2;       // [L, d, hd]
    final float[] w3;       // [L, hd, d]
    final float[] rmsFinal; // [d]
    final float[] wcls;     // [V, d]

    private int cursor;

    RawLlama2cModel(Path modelBin) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(modelBin)).order(ByteOrder.LITTLE_ENDIAN);
        dim = bytes.getInt();
        hiddenDim = bytes.getInt();
        nLayers = bytes.getInt();
        nHeads = bytes.getInt();
        nKvHeads = bytes.getInt();
        int v = bytes.getInt();
        seqLen = bytes.getInt();
        shared = v > 0;
        vocabSize = Math.abs(v);
        FloatBuffer fb = bytes.asFloatBuffer();
        float[] all = new float[fb.remaining()];
        fb.get(all);
        int headSize = dim / nHeads;
        int kvDim = headSize * nKvHeads;
        tokEmb = take(all, vocabSize * dim);
        rmsAtt = take(all, nLayers * dim);
        wq = take(all, nLayers * dim * dim);
        wk = take(all, nLayers * kvDim * dim);
        wv = take(all, nLayers * kvDim * dim);
        wo = take(all, nLayers * dim * dim);
        rmsFfn = take(all, nLayers * dim);
        w1 = take(all, nLayers * hiddenDim * dim);
        w2 = take(all, nLayers * dim * hiddenDim);
        w3 = take(all, nLayers * hiddenDim * dim);
        rmsFinal = take(all, dim);
        take(all, seqLen * headSize); // freq_cis_real, freq_cis_imag
        wcls = shared ? tokEmb : take(all, vocabSize * dim);
        if (cursor != all.length) {
            throw new IllegalStateException(modelBin + ": " + (all.length - cursor) + " floats left over");
        }
    }

    private float[] take(float[] all, int n) {
        float[] part = Arrays.copyOfRange(all, cursor, cursor + n);
        cursor += n;
        return part;
    }
}
