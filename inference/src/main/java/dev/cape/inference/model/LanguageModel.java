package dev.cape.inference.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import dev.cape.inference.hook.HookPoints;
import dev.cape.inference.hook.HookRegistry;
import dev.cape.inference.hook.HookSession;
import dev.cape.inference.llama2c.Llama2cCheckpoint;
import dev.cape.inference.llama2c.Llama2cTokenizer;
import dev.cape.inference.model.ModelSpec.BlockLayout;
import dev.cape.inference.safetensors.SafetensorsCheckpoint;
import dev.cape.inference.tokenize.HuggingFaceTextTokenizer;
import dev.cape.inference.tokenize.TextTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A loaded decoder-only language model: the unified {@link Transformer} with its weights in native memory (one
 * {@link NDManager} per model), its hook points and, when the folder has one, its tokenizer.
 * <pre>{@code
 * try (LanguageModel m = LanguageModel.load(Path.of("models/llama"))) {
 *     Logits logits = m.forward(new int[] {1, 2, 3});          // [1, 3, vocab]
 *     try (HookSession s = m.hooks().capture(HookPoints.residPost(0))) {
 *         m.forward(new int[] {1, 2, 3});
 *         float[] last = s.require(HookPoints.residPost(0)).vector(0, 2);
 *     }
 * }
 * }</pre>
 * Forward passes are serialised (one at a time per model).
 */
public final class LanguageModel implements AutoCloseable {

    private final ModelSpec spec;
    private final NDManager manager;
    private final Transformer transformer;
    private final HookRegistry hooks;
    private final TextTokenizer tokenizer;
    private final String deviceName;
    private final ModelDtype dtype;
    private boolean closed;

    private LanguageModel(ModelSpec spec, NDManager manager, Transformer transformer, TextTokenizer tokenizer,
            String deviceName, ModelDtype dtype) {
        this.spec = spec;
        this.dtype = dtype;
        this.manager = manager;
        this.transformer = transformer;
        this.tokenizer = tokenizer;
        this.deviceName = deviceName;
        boolean parallel = spec.layout() == BlockLayout.PARALLEL || spec.layout() == BlockLayout.PARALLEL_SHARED_NORM;
        this.hooks = new HookRegistry(HookPoints.all(spec.nLayers(), parallel));
    }

    /** {@link #load(Path, String)} on the CPU. */
    public static LanguageModel load(Path path) {
        return load(path, "cpu");
    }

    /** {@link #load(Path, String, ModelDtype)} with {@link ModelDtype#AUTO} (float32 on the CPU, float16 on a GPU). */
    public static LanguageModel load(Path path, String device) {
        return load(path, device, ModelDtype.AUTO);
    }

    /**
     * Loads a model from any layout {@link ModelSource#detect} accepts: a Hugging Face folder ({@code config.json},
     * safetensors weights, single or sharded, and {@code tokenizer.json} when present), a llama2.c {@code model.bin}
     * file ({@code tokenizer.bin} beside it when present), or a folder holding a llama2.c {@code model.bin}.
     *
     * @param device {@code cpu}, {@code cuda} or {@code cuda:N}
     * @param dtype  element type of weights, activations and KV cache ({@link ModelDtype#resolve})
     * @throws ModelLoadException       when the path, config or weights are missing or malformed, or a pickle
     *                                  checkpoint (refused, saying why and how to convert)
     * @throws IllegalArgumentException for an unusable device or dtype
     */
    public static LanguageModel load(Path path, String device, ModelDtype dtype) {
        ModelSource source = ModelSource.detect(path);
        return switch (source.format()) {
            case HF_SAFETENSORS -> loadHuggingFace(path, device, dtype);
            case LLAMA2C -> loadLlama2c(source, device, dtype);
        };
    }

    private static LanguageModel loadHuggingFace(Path folder, String device, ModelDtype dtype) {
        ModelConfig config = ModelConfig.read(folder.resolve("config.json"));
        ModelSpec spec = ModelRegistry.spec(config);
        ComputeDevice.resolve(device);
        TextTokenizer tokenizer = Files.isRegularFile(folder.resolve(HuggingFaceTextTokenizer.FILE))
                ? HuggingFaceTextTokenizer.load(folder) : null;
        try (SafetensorsCheckpoint store = SafetensorsCheckpoint.open(folder)) {
            return build(spec, store, folder.toString(), tokenizer, device, dtype);
        } catch (RuntimeException e) {
            if (tokenizer != null) {
                tokenizer.close();
            }
            throw e;
        }
    }

    private static LanguageModel loadLlama2c(ModelSource source, String device, ModelDtype dtype) {
        ComputeDevice.resolve(device);
        try (Llama2cCheckpoint checkpoint = Llama2cCheckpoint.open(source.weightFiles().get(0))) {
            TextTokenizer tokenizer = source.tokenizer()
                    .map(t -> Llama2cTokenizer.load(t, checkpoint.header().vocabSize())).orElse(null);
            ModelConfig config = ModelConfig.of(checkpoint.file().toString(), checkpoint.hfConfig());
            return load(config, checkpoint, tokenizer, device, dtype);
        }
    }

    /** {@link #load(ModelConfig, TensorStore, TextTokenizer, String)} on the CPU. */
    public static LanguageModel load(ModelConfig config, TensorStore store, TextTokenizer tokenizer) {
        return load(config, store, tokenizer, "cpu");
    }

    /**
     * Loads a model from a config and any tensor store (a llama2.c checkpoint, a test fixture, ...) whose names are
     * those of the config's HF architecture. The store is read during this call only; the caller closes it, and the
     * model takes ownership of the tokenizer (closed with the model, or at once when loading fails; may be null).
     */
    public static LanguageModel load(ModelConfig config, TensorStore store, TextTokenizer tokenizer, String device) {
        return load(config, store, tokenizer, device, ModelDtype.AUTO);
    }

    /** {@link #load(ModelConfig, TensorStore, TextTokenizer, String)} in the given dtype. */
    public static LanguageModel load(ModelConfig config, TensorStore store, TextTokenizer tokenizer, String device,
            ModelDtype dtype) {
        try {
            return build(ModelRegistry.spec(config), store, config.source(), tokenizer, device, dtype);
        } catch (RuntimeException e) {
            if (tokenizer != null) {
                tokenizer.close();
            }
            throw e;
        }
    }

    private static LanguageModel build(ModelSpec spec, TensorStore store, String description, TextTokenizer tokenizer,
            String device, ModelDtype dtype) {
        Device dev = ComputeDevice.resolve(device);
        CheckpointReader reader = new CheckpointReader(store, description);
        ModelDtype resolved = (dtype == null ? ModelDtype.AUTO : dtype).resolve(dev.isGpu(), reader.storedDtype());
        CanonicalWeights weights = ModelRegistry.adapterFor(spec.modelType()).weights(spec, reader);
        NDManager manager = Engine.getEngine("PyTorch").newBaseManager(dev);
        try {
            Transformer t = new Transformer(spec, weights, manager, resolved);
            return new LanguageModel(spec, manager, t, tokenizer, device == null ? "cpu" : device, resolved);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    public ModelSpec spec() {
        return spec;
    }

    /** The tokenizer loaded with the model, if any. */
    public Optional<TextTokenizer> tokenizer() {
        return Optional.ofNullable(tokenizer);
    }

    /** The device name the model was loaded on. */
    public String device() {
        return deviceName;
    }

    /** The dtype the model runs in (resolved: {@link ModelDtype#FLOAT32} or {@link ModelDtype#FLOAT16}). */
    public ModelDtype dtype() {
        return dtype;
    }

    /** Number of weights (parameters) the model holds; {@code 4 ×} this is its size in float32 bytes. */
    public long parameterCount() {
        return transformer.parameters();
    }

    /** Bytes the weights take in native memory (2 per value in float16, except the float32 norm gains). */
    public long weightBytes() {
        return transformer.weightBytes();
    }

    /**
     * How the unembedding is held and multiplied: on the CPU a contiguous transposed copy (or, with
     * {@code -Dcape.unembedCopy=false}, a view of the stored matrix) in column blocks, one per libtorch thread
     * ({@code -Dcape.unembedBlocks}); see inference/README.md.
     */
    public String unembeddingLayout() {
        return transformer.unembeddingLayout();
    }

    /** A new hook session on this model; its hooks are active until it is closed. */
    public HookSession hooks() {
        return hooks.open();
    }

    /** Every hook point this model fires, in firing order. */
    public java.util.List<String> hookPoints() {
        return hooks.points();
    }

    /** Logits at every position of one sequence: {@code [1, ids.length, vocab]}. */
    public Logits forward(int[] ids) {
        return forward(new int[][] {ids}, null, true);
    }

    /**
     * Logits at every position of a batch: {@code [batch, longest, vocab]}. Sequences of different lengths are
     * left-padded to the longest (see {@link #forward(int[][], KvCache, boolean)}).
     */
    public Logits forward(int[][] batch) {
        return forward(batch, null, true);
    }

    /**
     * Log-probabilities of given next tokens: {@code out[i][j] = log p(targets[i][j] | row i up to its token j)}, for
     * every token of every row, with the batching, padding, cache and hook rules of
     * {@link #forward(int[][], KvCache, boolean)} ({@code targets[i]} as long as {@code batch[i]}). The log-softmax
     * and the pick of each target run in the runtime, so one number per position comes back instead of a row of
     * logits: what scoring answers token by token needs. A NaN (NaN weights, a float16 overflow) is refused naming
     * the row and token.
     */
    public synchronized float[][] tokenLogProbs(int[][] batch, KvCache cache, int[][] targets) {
        if (closed) {
            throw new IllegalStateException("the model is closed");
        }
        checkBatch(batch, cache);
        if (targets.length != batch.length) {
            throw new IllegalArgumentException("targets has " + targets.length + " rows for " + batch.length
                    + " sequences");
        }
        int vocab = spec.vocabSize();
        for (int i = 0; i < batch.length; i++) {
            if (targets[i].length != batch[i].length) {
                throw new IllegalArgumentException("row " + i + " has " + batch[i].length + " tokens but "
                        + targets[i].length + " targets");
            }
            for (int v : targets[i]) {
                if (v < 0 || v >= vocab) {
                    throw new IllegalArgumentException("target token " + v + " of row " + i + " is outside [0, "
                            + vocab + ")");
                }
            }
        }
        int[] pads = Transformer.leftPadding(batch, cache);
        int t = Transformer.longest(batch);
        float[] flat;
        try (NDManager scope = manager.newSubManager()) {
            flat = transformer.targetLogProbs(scope, batch, cache, pads, hooks, targets);
            if (cache != null) {
                cache.advance(cache.length() + t, pads);
            }
        }
        float[][] out = new float[batch.length][];
        for (int i = 0; i < batch.length; i++) {
            int pad = t - batch[i].length;
            out[i] = java.util.Arrays.copyOfRange(flat, i * t + pad, (i + 1) * t);
            for (int j = 0; j < out[i].length; j++) {
                if (Float.isNaN(out[i][j])) {
                    throw new ModelLoadException("the model's log-probabilities hold NaN (batch row " + i + ", token "
                            + j + "): its weights hold NaN or infinite values, or float16 overflowed (try --dtype "
                            + "float32)");
                }
            }
        }
        return out;
    }

    /**
     * A forward pass over a batch of sequences, continuing {@code cache} when given (positions start at its length)
     * and appending their keys and values to it.
     *
     * <p>Sequences of different lengths are <b>left-padded</b> to the longest, T: row i's token j is at position index
     * {@code T - batch[i].length + j} of the logits and of every captured activation, so {@link Logits#last(int)} is
     * each row's last real token. Each real token sees the same position (RoPE or learned table) and the same keys as
     * when its sequence runs alone; pad slots hold token 0 at position 0, attend only to themselves and are never
     * attended to, so their values are finite but meaningless. When all lengths are equal nothing is padded or
     * masked beyond the causal mask (the same work as before padding existed). A padded batch may start an empty
     * cache, which remembers the padding: later calls append equal-length rows (one token each when decoding).
     *
     * @param allPositions logits for every new position, or only the last
     */
    public synchronized Logits forward(int[][] batch, KvCache cache, boolean allPositions) {
        if (closed) {
            throw new IllegalStateException("the model is closed");
        }
        checkBatch(batch, cache);
        int[] pads = Transformer.leftPadding(batch, cache);
        try (NDManager scope = manager.newSubManager()) {
            Logits logits = transformer.forward(scope, batch, cache, pads, hooks, allPositions);
            if (cache != null) {
                cache.advance(cache.length() + Transformer.longest(batch), pads);
            }
            return logits;
        }
    }

    /** An empty KV cache for {@code batch} sequences. */
    public KvCache newCache(int batch) {
        return new KvCache(manager, spec.nLayers(), batch);
    }

    /**
     * A cache sized at first use for {@code positions} positions (it still grows past them): for a pass whose length
     * is known, e.g. prompts that are only continued by a few answer tokens.
     */
    public KvCache newCache(int batch, int positions) {
        return new KvCache(manager, spec.nLayers(), batch, positions);
    }

    private void checkBatch(int[][] batch, KvCache cache) {
        if (batch == null || batch.length == 0) {
            throw new IllegalArgumentException("batch must hold at least one sequence");
        }
        int t = Transformer.longest(batch);
        for (int i = 0; i < batch.length; i++) {
            if (batch[i] == null || batch[i].length == 0) {
                throw new IllegalArgumentException("sequence " + i + " is " + (batch[i] == null ? "null" : "empty"));
            }
            if (batch[i].length != t && cache != null && cache.length() > 0) {
                throw new IllegalArgumentException("sequences continuing a KV cache must have equal lengths: row "
                        + i + " has " + batch[i].length + ", the longest " + t);
            }
            for (int id : batch[i]) {
                if (id < 0 || id >= spec.vocabSize()) {
                    throw new IllegalArgumentException("token id " + id + " outside the vocabulary [0, "
                            + spec.vocabSize() + ")");
                }
            }
        }
        if (cache != null && cache.batch() != batch.length) {
            throw new IllegalArgumentException("cache holds " + cache.batch() + " sequences, batch has " + batch.length);
        }
        int total = (cache == null ? 0 : cache.length()) + t;
        if (spec.learnedPositions() && total > spec.maxPositions()) {
            throw new IllegalArgumentException("sequence of " + total + " positions exceeds the model's "
                    + spec.maxPositions() + " learned positions");
        }
    }

    /** Native arrays the model's manager holds (weights, caches); for leak checks in tests. */
    int managedArrays() {
        return manager.getManagedArrays().size();
    }

    /** Frees the weights (closing the model's manager, then unmapping the checkpoint) and the tokenizer. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        manager.close();
        transformer.releaseFiles();
        if (tokenizer != null) {
            tokenizer.close();
        }
    }
}
