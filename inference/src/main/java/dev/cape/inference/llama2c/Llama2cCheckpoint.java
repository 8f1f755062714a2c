package dev.cape.inference.llama2c;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.cape.inference.model.FileErrors;
import dev.cape.inference.model.PositionalReads;
import dev.cape.inference.model.DType;
import dev.cape.inference.model.ModelLoadException;
import dev.cape.inference.model.TensorData;
import dev.cape.inference.model.TensorStore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Karpathy llama2.c {@code model.bin} (legacy "version 0" export) exposed as a {@link TensorStore} with Hugging Face
 * llama tensor names, so the unified transformer can load it like an HF checkpoint.
 *
 * <p>File layout (little-endian): a header of seven int32 {@code dim, hidden_dim, n_layers, n_heads, n_kv_heads,
 * vocab_size, seq_len} ({@code vocab_size > 0}: the classifier shares the token embedding; {@code < 0}: a separate
 * classifier follows at the end), then float32 arrays {@code tok_emb[V,d], rms_att[L,d], wq[L,d,d],
 * wk[L,kv_dim,d], wv[L,kv_dim,d], wo[L,d,d], rms_ffn[L,d], w1[L,hd,d], w2[L,d,hd], w3[L,hd,d], rms_final[d]},
 * the RoPE tables {@code freq_cis_real[seq_len, head_size/2], freq_cis_imag[seq_len, head_size/2]} (not exposed:
 * RoPE is recomputed from theta 10000) and, when not shared, {@code wcls[V,d]}. Matrices are {@code [out, in]} as in
 * PyTorch's {@code nn.Linear}, which is also the HF layout.
 *
 * <p>Names: {@code tok_emb → model.embed_tokens.weight};
 * {@code wq/wk/wv/wo → model.layers.{i}.self_attn.{q,k,v,o}_proj.weight};
 * {@code w1/w3/w2 → model.layers.{i}.mlp.{gate,up,down}_proj.weight};
 * {@code rms_att → model.layers.{i}.input_layernorm.weight}; {@code rms_ffn → ….post_attention_layernorm.weight};
 * {@code rms_final → model.norm.weight}; {@code wcls → lm_head.weight}, present only when not shared (then
 * {@code tie_word_embeddings} is false in {@link #hfConfig()}).
 *
 * <p>RoPE layout: llama2.c rotates interleaved pairs {@code (2j, 2j+1)} of each head, HF rotates {@code (j, j + hs/2)}
 * ("rotate half"). {@code q_proj} and {@code k_proj} are therefore returned with their rows permuted per head to
 * {@code [0, 2, 4, ..., hs-2, 1, 3, ..., hs-1]}, exactly what HF's {@code convert_llama_weights_to_hf.py} does with
 * {@code w.view(n_heads, hs/2, 2, d).transpose(1, 2).reshape(n_heads*hs, d)} (k with {@code n_kv_heads}). Those two
 * tensors are copied into a new heap buffer on each {@link #get}; every other tensor is a read-only memory-mapped view.
 */
public final class Llama2cCheckpoint implements TensorStore {

    /** Bytes of the seven int32 header fields. */
    public static final int HEADER_BYTES = 7 * Integer.BYTES;

    /** First int32 of llama2.c's newer "version 1/2" exports ({@code "ak42"} read little-endian). */
    private static final int MAGIC_V1 = 0x616b3432;

    /**
     * The header of a llama2.c checkpoint, with {@code vocabSize} made positive.
     *
     * @param sharedClassifier whether the classifier is the token embedding (header vocab_size was positive)
     */
    public record Header(int dim, int hiddenDim, int nLayers, int nHeads, int nKvHeads, int vocabSize, int seqLen,
                         boolean sharedClassifier) {

        public int headSize() {
            return dim / nHeads;
        }

        public int kvDim() {
            return headSize() * nKvHeads;
        }

        /**
         * Size in bytes of a checkpoint with this header: header, weights, RoPE tables and, if not shared, wcls.
         *
         * @throws ArithmeticException if it does not fit in a long
         */
        public long expectedFileBytes() {
            long d = dim;
            long layers = nLayers;
            long floats = mul(vocabSize, d);                                    // tok_emb
            floats = Math.addExact(floats, mul(layers, d));                     // rms_att
            floats = Math.addExact(floats, mul(layers, d, d));                  // wq
            floats = Math.addExact(floats, mul(2, layers, kvDim(), d));         // wk, wv
            floats = Math.addExact(floats, mul(layers, d, d));                  // wo
            floats = Math.addExact(floats, mul(layers, d));                     // rms_ffn
            floats = Math.addExact(floats, mul(3, layers, hiddenDim, d));       // w1, w2, w3
            floats = Math.addExact(floats, d);                                  // rms_final
            floats = Math.addExact(floats, mul(seqLen, headSize()));            // freq_cis real + imag
            if (!sharedClassifier) {
                floats = Math.addExact(floats, mul(vocabSize, d));              // wcls
            }
            return Math.addExact(HEADER_BYTES, mul(floats, Float.BYTES));
        }

        private static long mul(long... factors) {
            long p = 1;
            for (long f : factors) {
                p = Math.multiplyExact(p, f);
            }
            return p;
        }

        private String describe() {
            return "dim=" + dim + ", hidden_dim=" + hiddenDim + ", n_layers=" + nLayers + ", n_heads=" + nHeads
                    + ", n_kv_heads=" + nKvHeads + ", vocab_size=" + vocabSize + ", seq_len=" + seqLen
                    + (sharedClassifier ? ", shared classifier" : ", separate classifier");
        }
    }

    /** Where one exposed tensor lies in the file and whether its rows need the RoPE permutation. */
    private record Entry(long offset, long[] shape, int ropeHeads) {

        long bytes() {
            long n = Float.BYTES;
            for (long s : shape) {
                n *= s;
            }
            return n;
        }
    }

    private final Path file;
    private final Header header;
    private final FileChannel channel;
    private final Map<String, Entry> entries;
    private volatile boolean closed;

    private Llama2cCheckpoint(Path file, Header header, FileChannel channel) {
        this.file = file;
        this.header = header;
        this.channel = channel;
        this.entries = Collections.unmodifiableMap(layout(header));
    }

    /**
     * Opens and validates a llama2.c {@code model.bin}.
     *
     * @throws ModelLoadException naming the file and the header field when the file is missing, unreadable,
     *                            truncated, longer than its header says, or its header is inconsistent
     */
    public static Llama2cCheckpoint open(Path modelBin) {
        FileChannel channel;
        try {
            channel = FileChannel.open(modelBin, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new ModelLoadException(modelBin + ": no such llama2.c checkpoint file", e);
        } catch (IOException e) {
            throw new ModelLoadException(modelBin + ": cannot open llama2.c checkpoint: " + FileErrors.reason(e), e);
        }
        try {
            Header header = readHeader(modelBin, channel);
            return new Llama2cCheckpoint(modelBin, header, channel);
        } catch (RuntimeException e) {
            closeQuietly(channel, e);
            throw e;
        }
    }

    /**
     * Whether {@code file} is plausibly a llama2.c v0 checkpoint: a readable regular file whose header has positive,
     * consistent dimensions and whose size is exactly what that header implies. A pickled PyTorch
     * {@code pytorch_model.bin} (starts with {@code 0x80 0x02..0x05}) or a zip checkpoint ({@code PK}) never passes.
     */
    public static boolean looksLikeLlama2c(Path file) {
        return problem(file).isEmpty();
    }

    /**
     * Why {@code file} is not a llama2.c v0 checkpoint, e.g. {@code "truncated llama2.c checkpoint: 30408014 bytes,
     * expected 60816028 for its header (dim=288, ...)"}, without the file name; empty when
     * {@link #looksLikeLlama2c} holds.
     */
    public static Optional<String> problem(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.of(Files.isDirectory(file) ? "a directory, not a file" : "no such regular file");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            readHeader(file, channel);
            return Optional.empty();
        } catch (ModelLoadException e) {
            String m = String.valueOf(e.getMessage());
            String prefix = file + ": ";
            return Optional.of(m.startsWith(prefix) ? m.substring(prefix.length()) : m);
        } catch (IOException e) {
            return Optional.of("cannot be read (" + FileErrors.reason(e) + ")");
        }
    }

    /** Reads and validates the header against the file size. */
    static Header readHeader(Path file, FileChannel channel) {
        try {
            long size = channel.size();
            if (size < HEADER_BYTES) {
                throw new ModelLoadException(file + ": truncated llama2.c checkpoint: " + size
                        + " bytes, expected at least " + HEADER_BYTES + " (the header of seven int32)");
            }
            ByteBuffer buf = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            while (buf.hasRemaining()) {
                if (channel.read(buf, buf.position()) < 0) {
                    throw new ModelLoadException(file + ": truncated llama2.c header");
                }
            }
            buf.flip();
            int[] f = new int[7];
            for (int i = 0; i < f.length; i++) {
                f[i] = buf.getInt();
            }
            if (f[0] == MAGIC_V1) {
                throw new ModelLoadException(file + ": llama2.c export version 1/2 (magic \"ak42\") is not supported;"
                        + " export it with llama2.c's export.py --version 0 (the legacy format run.c reads)");
            }
            requirePositive(file, "dim", f[0]);
            requirePositive(file, "hidden_dim", f[1]);
            requirePositive(file, "n_layers", f[2]);
            requirePositive(file, "n_heads", f[3]);
            requirePositive(file, "n_kv_heads", f[4]);
            if (f[5] == 0 || f[5] == Integer.MIN_VALUE) {
                throw new ModelLoadException(file + ": header field vocab_size must be non-zero (positive: shared"
                        + " classifier, negative: separate classifier): " + f[5]);
            }
            requirePositive(file, "seq_len", f[6]);
            if (f[0] % f[3] != 0) {
                throw new ModelLoadException(file + ": header field dim (" + f[0]
                        + ") must be a multiple of n_heads (" + f[3] + ")");
            }
            if (f[3] % f[4] != 0) {
                throw new ModelLoadException(file + ": header field n_heads (" + f[3]
                        + ") must be a multiple of n_kv_heads (" + f[4] + ")");
            }
            if ((f[0] / f[3]) % 2 != 0) {
                throw new ModelLoadException(file + ": head size dim/n_heads = " + (f[0] / f[3])
                        + " must be even (RoPE rotates pairs of dimensions)");
            }
            Header header = new Header(f[0], f[1], f[2], f[3], f[4], Math.abs(f[5]), f[6], f[5] > 0);
            long expected;
            try {
                expected = header.expectedFileBytes();
            } catch (ArithmeticException e) {
                throw new ModelLoadException(file + ": header (" + header.describe() + ") implies a file larger than"
                        + " 2^63 bytes; it is not a llama2.c checkpoint", e);
            }
            if (size < expected) {
                throw new ModelLoadException(file + ": truncated llama2.c checkpoint: " + size + " bytes, expected "
                        + expected + " for its header (" + header.describe() + ")");
            }
            if (size > expected) {
                throw new ModelLoadException(file + ": llama2.c checkpoint has " + size + " bytes, expected "
                        + expected + " for its header (" + header.describe() + "); "
                        + (size - expected) + " unexplained trailing bytes");
            }
            return header;
        } catch (IOException e) {
            throw new ModelLoadException(file + ": cannot read llama2.c checkpoint: " + FileErrors.reason(e), e);
        }
    }

    private static void requirePositive(Path file, String field, int value) {
        if (value <= 0) {
            throw new ModelLoadException(file + ": header field " + field + " must be > 0: " + value);
        }
    }

    private static Map<String, Entry> layout(Header h) {
        long d = h.dim();
        long hd = h.hiddenDim();
        long kv = h.kvDim();
        int layers = h.nLayers();
        long v = h.vocabSize();
        long off = HEADER_BYTES;
        long tokEmb = off;
        off += v * d * Float.BYTES;
        long rmsAtt = off;
        off += layers * d * Float.BYTES;
        long wq = off;
        off += layers * d * d * Float.BYTES;
        long wk = off;
        off += layers * kv * d * Float.BYTES;
        long wv = off;
        off += layers * kv * d * Float.BYTES;
        long wo = off;
        off += layers * d * d * Float.BYTES;
        long rmsFfn = off;
        off += layers * d * Float.BYTES;
        long w1 = off;
        off += layers * hd * d * Float.BYTES;
        long w2 = off;
        off += layers * d * hd * Float.BYTES;
        long w3 = off;
        off += layers * hd * d * Float.BYTES;
        long rmsFinal = off;
        off += d * Float.BYTES;
        off += (long) h.seqLen() * h.headSize() * Float.BYTES; // freq_cis_real and freq_cis_imag, not exposed
        long wcls = off;

        Map<String, Entry> m = new LinkedHashMap<>();
        m.put("model.embed_tokens.weight", new Entry(tokEmb, new long[] {v, d}, 0));
        for (int i = 0; i < layers; i++) {
            String p = "model.layers." + i + ".";
            m.put(p + "input_layernorm.weight", new Entry(rmsAtt + i * d * Float.BYTES, new long[] {d}, 0));
            m.put(p + "self_attn.q_proj.weight",
                    new Entry(wq + i * d * d * Float.BYTES, new long[] {d, d}, h.nHeads()));
            m.put(p + "self_attn.k_proj.weight",
                    new Entry(wk + i * kv * d * Float.BYTES, new long[] {kv, d}, h.nKvHeads()));
            m.put(p + "self_attn.v_proj.weight", new Entry(wv + i * kv * d * Float.BYTES, new long[] {kv, d}, 0));
            m.put(p + "self_attn.o_proj.weight", new Entry(wo + i * d * d * Float.BYTES, new long[] {d, d}, 0));
            m.put(p + "post_attention_layernorm.weight", new Entry(rmsFfn + i * d * Float.BYTES, new long[] {d}, 0));
            m.put(p + "mlp.gate_proj.weight", new Entry(w1 + i * hd * d * Float.BYTES, new long[] {hd, d}, 0));
            m.put(p + "mlp.down_proj.weight", new Entry(w2 + i * d * hd * Float.BYTES, new long[] {d, hd}, 0));
            m.put(p + "mlp.up_proj.weight", new Entry(w3 + i * hd * d * Float.BYTES, new long[] {hd, d}, 0));
        }
        m.put("model.norm.weight", new Entry(rmsFinal, new long[] {d}, 0));
        if (!h.sharedClassifier()) {
            m.put("lm_head.weight", new Entry(wcls, new long[] {v, d}, 0));
        }
        return m;
    }

    public Path file() {
        return file;
    }

    public Header header() {
        return header;
    }

    /**
     * The Hugging Face {@code config.json} of the equivalent {@code LlamaForCausalLM}: RMSNorm eps 1e-5 and RoPE
     * theta 10000 as hard-coded in llama2.c's run.c, {@code max_position_embeddings} = seq_len, BOS 1, EOS 2.
     * A new object on each call.
     */
    public JsonObject hfConfig() {
        JsonObject c = new JsonObject();
        JsonArray architectures = new JsonArray();
        architectures.add("LlamaForCausalLM");
        c.add("architectures", architectures);
        c.addProperty("model_type", "llama");
        c.addProperty("hidden_size", header.dim());
        c.addProperty("intermediate_size", header.hiddenDim());
        c.addProperty("num_hidden_layers", header.nLayers());
        c.addProperty("num_attention_heads", header.nHeads());
        c.addProperty("num_key_value_heads", header.nKvHeads());
        c.addProperty("head_dim", header.headSize());
        c.addProperty("vocab_size", header.vocabSize());
        c.addProperty("max_position_embeddings", header.seqLen());
        c.addProperty("hidden_act", "silu");
        c.addProperty("rms_norm_eps", 1e-5);
        c.addProperty("rope_theta", 10000.0);
        c.addProperty("attention_bias", false);
        c.addProperty("mlp_bias", false);
        c.addProperty("tie_word_embeddings", header.sharedClassifier());
        c.addProperty("bos_token_id", Llama2cTokenizer.BOS_ID);
        c.addProperty("eos_token_id", Llama2cTokenizer.EOS_ID);
        c.addProperty("torch_dtype", "float32");
        return c;
    }

    @Override
    public Set<String> names() {
        return entries.keySet();
    }

    /**
     * The tensor with this HF name, F32, little-endian, read-only. {@code q_proj}/{@code k_proj} are permuted
     * copies (see the class comment); everything else is a memory-mapped view valid until {@link #close()}.
     */
    @Override
    public TensorData get(String name) {
        if (closed) {
            throw new IllegalStateException(file + ": llama2.c checkpoint is closed");
        }
        Entry e = entries.get(name);
        if (e == null) {
            throw new ModelLoadException(file + ": no tensor '" + name + "' in this llama2.c checkpoint; its tensors"
                    + " have Hugging Face llama names (model.embed_tokens.weight, model.layers.{0.." + (header.nLayers()
                    - 1) + "}.self_attn.q_proj.weight, ..., model.norm.weight"
                    + (header.sharedClassifier() ? "; lm_head.weight is tied to the embedding)" : ", lm_head.weight)"));
        }
        long bytes = e.bytes();
        if (bytes > Integer.MAX_VALUE) {
            throw new ModelLoadException(file + ": tensor " + name + " has " + bytes
                    + " bytes; tensors over 2 GiB cannot be mapped into one buffer");
        }
        ByteBuffer mapped;
        try {
            mapped = channel.map(FileChannel.MapMode.READ_ONLY, e.offset(), bytes);
        } catch (IOException ex) {
            throw new ModelLoadException(file + ": cannot map tensor " + name + " at offset " + e.offset() + ": "
                    + ex.getMessage(), ex);
        }
        ByteBuffer data = mapped;
        if (e.ropeHeads() > 0) {
            ByteBuffer permuted = ByteBuffer.allocate((int) bytes);
            interleavedToHalfRows(mapped, permuted, e.ropeHeads(), header.headSize(),
                    (int) e.shape()[1] * Float.BYTES);
            data = permuted.asReadOnlyBuffer();
        }
        return new TensorData(name, DType.F32, e.shape().clone(), data.order(ByteOrder.LITTLE_ENDIAN));
    }

    @Override
    public long[] shape(String name) {
        Entry e = entries.get(name);
        return e == null ? get(name).shape() : e.shape().clone();
    }

    @Override
    public DType dtype(String name) {
        return DType.F32;
    }

    /** A mapping of a tensor stored as it is exposed; null for q/k, whose rows are permuted on reading. */
    @Override
    public ByteBuffer map(String name) {
        Entry e = entries.get(name);
        if (closed || e == null || e.ropeHeads() > 0 || e.bytes() > Integer.MAX_VALUE) {
            return null;
        }
        try {
            return channel.map(FileChannel.MapMode.READ_ONLY, e.offset(), e.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException ex) {
            throw new ModelLoadException(file + ": cannot map tensor " + name + " at offset " + e.offset() + ": "
                    + ex.getMessage(), ex);
        }
    }

    /** Where a tensor stored as it is exposed lies; null for q/k, whose rows are permuted on reading. */
    @Override
    public Location locate(String name) {
        Entry e = entries.get(name);
        return closed || e == null || e.ropeHeads() > 0 ? null : new Location(file, e.offset(), e.bytes());
    }

    /** A positional read for tensors stored as they are exposed; q/k (permuted rows) go through {@link #get}. */
    @Override
    public void read(String name, ByteBuffer dst) {
        Entry e = entries.get(name);
        if (closed || e == null || e.ropeHeads() > 0) {
            TensorStore.super.read(name, dst);
            return;
        }
        ByteBuffer slice = dst.duplicate();
        slice.limit(slice.position() + (int) e.bytes());
        try {
            PositionalReads.readFully(channel, slice, e.offset());
        } catch (IOException ex) {
            throw new ModelLoadException(file + ": cannot read tensor " + name + ": " + ex.getMessage(), ex);
        }
        dst.position(slice.position());
    }

    /**
     * Copies the rows of a {@code [heads * headSize, in]} projection from llama2.c's interleaved RoPE order to HF's
     * rotate-half order: within each head, destination row {@code j} is source row {@code 2j} and destination row
     * {@code headSize/2 + j} is source row {@code 2j + 1}, for {@code j < headSize/2}.
     *
     * @param rowBytes bytes of one row ({@code in * 4})
     */
    static void interleavedToHalfRows(ByteBuffer src, ByteBuffer dst, int heads, int headSize, int rowBytes) {
        int half = headSize / 2;
        for (int h = 0; h < heads; h++) {
            int base = h * headSize;
            for (int j = 0; j < half; j++) {
                dst.put((base + j) * rowBytes, src, (base + 2 * j) * rowBytes, rowBytes);
                dst.put((base + half + j) * rowBytes, src, (base + 2 * j + 1) * rowBytes, rowBytes);
            }
        }
    }

    /** Closes the file. Mapped buffers handed out earlier stay readable until collected but must not be used. */
    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            throw new ModelLoadException(file + ": cannot close llama2.c checkpoint: " + FileErrors.reason(e), e);
        }
    }

    private static void closeQuietly(FileChannel channel, RuntimeException primary) {
        try {
            channel.close();
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }
}
