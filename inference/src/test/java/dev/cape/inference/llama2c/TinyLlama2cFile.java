package dev.cape.inference.llama2c;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Writes small llama2.c v0 checkpoints with seeded Gaussian weights for tests. */
final class TinyLlama2cFile {

    private TinyLlama2cFile() {
    }

    /**
     * Number of float32 values after the header, counted from run.c's {@code checkpoint_init_weights} (independently
     * of {@link Llama2cCheckpoint.Header#expectedFileBytes()}).
     */
    static long floatCount(int dim, int hidden, int layers, int heads, int kvHeads, int vocab, int seqLen) {
        long hs = dim / heads;
        long kv = hs * kvHeads;
        long v = Math.abs(vocab);
        long n = v * dim                                  // tok_emb
                + (long) layers * dim                     // rms_att
                + (long) layers * dim * dim               // wq
                + 2L * layers * kv * dim                  // wk, wv
                + (long) layers * dim * dim               // wo
                + (long) layers * dim                     // rms_ffn
                + 3L * layers * hidden * dim              // w1, w2, w3
                + dim                                     // rms_final
                + seqLen * hs;                            // freq_cis real + imag
        return vocab < 0 ? n + v * dim : n;
    }

    /** Header fields as given, then {@code floatCount} seeded N(0, 0.3^2) floats. */
    static Path write(Path file, int dim, int hidden, int layers, int heads, int kvHeads, int vocab, int seqLen,
                      long seed) throws IOException {
        int floats = (int) floatCount(dim, hidden, layers, heads, kvHeads, vocab, seqLen);
        ByteBuffer buf = ByteBuffer.allocate(Llama2cCheckpoint.HEADER_BYTES + floats * Float.BYTES)
                .order(ByteOrder.LITTLE_ENDIAN);
        buf.putInt(dim).putInt(hidden).putInt(layers).putInt(heads).putInt(kvHeads).putInt(vocab).putInt(seqLen);
        Random random = new Random(seed);
        for (int i = 0; i < floats; i++) {
            buf.putFloat((float) (0.3 * random.nextGaussian()));
        }
        Files.write(file, buf.array());
        return file;
    }

    /** A file that is exactly these bytes. */
    static Path bytes(Path file, byte... content) throws IOException {
        Files.write(file, content);
        return file;
    }

    /** Only a header of seven int32, no weights. */
    static Path header(Path file, int... fields) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(fields.length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int f : fields) {
            buf.putInt(f);
        }
        Files.write(file, buf.array());
        return file;
    }
}
