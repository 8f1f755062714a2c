package dev.cape.inference.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.cape.inference.hook.HookPoints;
import dev.cape.inference.hook.HookRegistry;
import dev.cape.inference.model.ModelSpec.BlockLayout;
import dev.cape.inference.model.ModelSpec.MlpKind;
import dev.cape.inference.model.ModelSpec.NormKind;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

/**
 * The unified decoder-only transformer over DJL NDArrays, parameterised by a {@link ModelSpec}. Weights live in the
 * model's {@link NDManager} in the model dtype, float32 or float16 (linear weights used through transposed views
 * {@code [in, out]}; norm gains always float32); activations and the KV cache are in the model dtype, while norm
 * statistics, attention scores and softmax, and the logits are computed in float32. Every forward runs in a
 * sub-manager that is closed before it returns, after logits and captured activations have been copied to Java arrays.
 * Not thread-safe: one forward at a time per model.
 */
final class Transformer {

    private static final NDIndex LAST_POSITION = new NDIndex(":, -1:, :");

    /** Token placed in the pad slots of a left-padded batch (any valid id: pad keys are masked out). */
    static final int PAD_ID = 0;

    private final ModelSpec s;
    private final NDManager manager;
    private final Map<String, NDArray> w = new HashMap<>();
    /** Weights, activations and KV cache: FLOAT32 or FLOAT16; norm gains, softmax and logits are float32. */
    private final DataType dtype;
    private final WeightUploader uploader;
    private final Rope rope;  // null with learned positions
    private final TokenEmbeddings tokens;
    /** Scalars as 0-dimensional float32 tensors made once: DJL makes a tensor of a Java number on every call. */
    private final NDArray normEps;
    private final NDArray minusHalf;
    private final NDArray scoreScale;
    private long parameters;
    private long weightBytes;

    Transformer(ModelSpec spec, CanonicalWeights weights, NDManager manager, ModelDtype modelDtype) {
        this.s = spec;
        this.manager = manager;
        this.dtype = switch (modelDtype) {
            case FLOAT32 -> DataType.FLOAT32;
            case FLOAT16 -> DataType.FLOAT16;
            default -> throw new IllegalArgumentException("dtype must be resolved to float32 or float16: " + modelDtype);
        };
        this.uploader = new WeightUploader(manager);
        this.normEps = manager.create((float) spec.normEps());
        this.minusHalf = manager.create(-0.5f);
        this.scoreScale = manager.create((float) spec.attnScale());
        this.rope = spec.rope() == null ? null : new Rope(spec.rope(), spec.headDim(), dtype, manager);
        int d = s.dModel();
        int q = s.nHeads() * s.headDim();
        int kv = s.nKvHeads() * s.headDim();
        if (s.learnedPositions()) {
            plain(weights, "pos_embed", WeightUploader.Access.ROWS, s.maxPositions() + s.positionOffset(), d);
        }
        if (s.dEmbed() != d) {
            linear(weights, "project_in", d, s.dEmbed(), false);
            linear(weights, "project_out", s.dEmbed(), d, false);
        }
        for (int l = 0; l < s.nLayers(); l++) {
            String b = "blocks." + l + ".";
            norm(weights, b + "ln1", d);
            if (s.layout() != BlockLayout.PARALLEL_SHARED_NORM) {
                norm(weights, b + "ln2", d);
            }
            if (s.layout() == BlockLayout.PRE_POST_NORM) {
                norm(weights, b + "ln1_post", d);
                norm(weights, b + "ln2_post", d);
            }
            linear(weights, b + "attn.q", q, d, s.qkvBias());
            linear(weights, b + "attn.k", kv, d, s.qkvBias());
            linear(weights, b + "attn.v", kv, d, s.qkvBias());
            linear(weights, b + "attn.o", d, q, s.outBias());
            if (s.qkNorm()) {
                norm(weights, b + "attn.q_norm", s.headDim());
                norm(weights, b + "attn.k_norm", s.headDim());
            }
            if (s.mlp() == MlpKind.GATED) {
                linear(weights, b + "mlp.gate", s.dMlp(), d, s.mlpBias());
            }
            linear(weights, b + "mlp.up", s.dMlp(), d, s.mlpBias());
            linear(weights, b + "mlp.down", d, s.dMlp(), s.mlpBias());
        }
        if (s.finalNorm()) {
            norm(weights, "final_norm", d);
        }
        this.tokens = new TokenEmbeddings(spec, weights, uploader, dtype, !manager.getDevice().isGpu());  // last
        parameters += tokens.parameters();
        weightBytes += tokens.bytes();
    }

    private NDArray upload(Weight weight, DataType type, long... shape) {
        return upload(weight, type, WeightUploader.Access.WHOLE, shape);
    }

    private NDArray upload(Weight weight, DataType type, WeightUploader.Access access, long... shape) {
        return count(uploader.upload(weight, type, new Shape(shape), access));
    }

    private NDArray count(NDArray a) {
        parameters += a.size();
        weightBytes += a.size() * a.getDataType().getNumOfBytes();
        return a;
    }

    /** The element type of weights, activations and the KV cache. */
    DataType dtype() {
        return dtype;
    }

    /**
     * Releases the file mappings under the weights and the embedding's file; the model's manager (and so every
     * weight) must be closed.
     */
    void releaseFiles() {
        uploader.unmapAll();
        tokens.close();
    }

    /** Bytes of the weights in their dtypes (an untied embedding read from the file by rows included). */
    long weightBytes() {
        return weightBytes;
    }

    /** How the unembedding is held and multiplied, for benchmarks and logs. */
    String unembeddingLayout() {
        return tokens.layout();
    }

    /** Number of weight values uploaded (each stored tensor once; tied matrices once). */
    long parameters() {
        return parameters;
    }

    private void plain(CanonicalWeights weights, String name, WeightUploader.Access access, long... shape) {
        w.put(name, upload(weights.require(name, shape), dtype, access, shape));
    }

    /** A Linear {@code [out, in]} stored as its transpose {@code [in, out]} for {@code x · W}. */
    private void linear(CanonicalWeights weights, String name, long out, long in, boolean bias) {
        NDArray m = upload(weights.require(name + ".weight", out, in), dtype, out, in);
        w.put(name + ".t", m.transpose());
        if (bias) {
            w.put(name + ".bias", upload(weights.require(name + ".bias", out), dtype, out));
        }
    }

    private void norm(CanonicalWeights weights, String name, long dim) {
        NDArray g = upload(weights.require(name + ".weight", dim), DataType.FLOAT32, dim);  // norms run in float32
        if (s.norm() == NormKind.RMS_PLUS_ONE) {
            NDArray plusOne = g.add(1f);  // Gemma: x̂ · (1 + w), in float32
            g.close();
            g = plusOne;
        }
        w.put(name + ".weight", g);
        if (s.norm() == NormKind.LAYER) {
            w.put(name + ".bias", upload(weights.require(name + ".bias", dim), DataType.FLOAT32, dim));
        }
    }

    /**
     * Left padding of each row in the padded layout of a forward over {@code ids} continuing {@code cache}: the pad
     * count of a padded cache (whose new rows are then of equal length), else the longest row's length minus each
     * row's; null when no row is padded, the equal-length path that builds no padding mask.
     */
    static int[] leftPadding(int[][] ids, KvCache cache) {
        if (cache != null && cache.padding() != null) {
            return cache.padding();
        }
        int t = longest(ids);
        int[] pads = new int[ids.length];
        boolean any = false;
        for (int i = 0; i < ids.length; i++) {
            pads[i] = t - ids[i].length;
            any |= pads[i] > 0;
        }
        return any ? pads : null;
    }

    /** The length of the longest row: the padded length of a forward. */
    static int longest(int[][] ids) {
        int t = 0;
        for (int[] row : ids) {
            t = Math.max(t, row == null ? 0 : row.length);
        }
        return t;
    }

    /**
     * One forward pass over {@code ids}, continuing {@code cache} when given (its new keys and values are written in
     * place; the caller advances its length when the pass succeeds). Rows shorter than the longest are left-padded
     * with token {@link #PAD_ID}: row i's token j sits at index {@code pads[i] + j} of the padded layout, at position
     * {@code j} for the position embeddings, and pad keys are masked out (pad queries see only themselves).
     *
     * @param scope        sub-manager owning every intermediate; closed by the caller
     * @param pads         {@link #leftPadding} of ids and cache, null when no row is padded
     * @param allPositions logits for every position, or only the last
     */
    Logits forward(NDManager scope, int[][] ids, KvCache cache, int[] pads, HookRegistry hooks,
            boolean allPositions) {
        NDArray logits = logits(scope, ids, cache, pads, hooks, allPositions);  // [b, n, V]
        return new Logits(ids.length, allPositions ? longest(ids) : 1, s.vocabSize(), copyOut(logits));
    }

    /**
     * {@link #forward} over every position, reduced in the runtime to the log-probability of one given next token
     * per position: {@code log_softmax(logits)[targets]}, {@code [b·t]} row-major, padded like {@code ids} (pad
     * slots hold the log-probability of token 0 there, meaningless). Only these numbers are copied out, not
     * {@code t × vocab} logits per row.
     */
    float[] targetLogProbs(NDManager scope, int[][] ids, KvCache cache, int[] pads, HookRegistry hooks,
            int[][] targets) {
        int b = ids.length;
        int t = longest(ids);
        long[] flat = new long[b * t];
        for (int i = 0; i < b; i++) {
            int pad = t - ids[i].length;
            for (int j = pad; j < t; j++) {
                flat[i * t + j] = targets[i][j - pad];
            }
        }
        NDArray logits = logits(scope, ids, cache, pads, hooks, true);  // [b, t, V]
        NDArray lp = logits.logSoftmax(2).gather(scope.create(flat).reshape(b, t, 1), 2);  // [b, t, 1]
        return copyOut(lp);
    }

    /** The logits of {@link #forward} as a runtime array {@code [b, n, V]} (float32) owned by {@code scope}. */
    private NDArray logits(NDManager scope, int[][] ids, KvCache cache, int[] pads, HookRegistry hooks,
            boolean allPositions) {
        int b = ids.length;
        int t = longest(ids);
        int p0 = cache == null ? 0 : cache.length();
        int d = s.dModel();
        long[] flat = new long[b * t];
        for (int i = 0; i < b; i++) {
            int pad = t - ids[i].length;  // this forward's own padding (0 when continuing a cache)
            for (int j = pad; j < t; j++) {
                flat[i * t + j] = ids[i][j - pad];  // pad slots keep PAD_ID = 0
            }
        }
        int[] positions = pads == null ? null : AttentionMasks.positions(pads, p0, t);  // [b·t]
        NDArray x = tokens.embed(scope, flat).reshape(b, t, s.dEmbed());  // [b, t, dE]
        if (s.embeddingScale() != 1) {
            x = x.mul((float) s.embeddingScale());
        }
        if (s.dEmbed() != d) {
            x = x.matMul(w.get("project_in.t"));  // [b, t, d]
        }
        if (s.learnedPositions() && positions == null) {
            int from = p0 + s.positionOffset();
            NDArray pos = w.get("pos_embed").get(scope, new NDIndex(from + ":" + (from + t)));
            x = x.add(pos);  // [b, t, d] + [t, d]
        } else if (s.learnedPositions()) {
            long[] rows = new long[b * t];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = positions[i] + s.positionOffset();
            }
            NDArray pos = w.get("pos_embed").get(scope, new NDIndex("{}", scope.create(rows))).reshape(b, t, d);
            x = x.add(pos);  // [b, t, d] + [b, t, d]
        }
        x = fire(hooks, HookPoints.EMBED, x, p0);

        // cos, sin [t, r], or [b, 1, t, r] with padding
        NDArray[] cosSin = rope == null ? new NDArray[2] : positions == null ? rope.tables(scope, p0, t)
                : rope.tables(scope, positions, b, t);
        Map<Integer, NDArray> masks = new HashMap<>();  // one mask per distinct window, shared by the blocks
        for (int window : s.slidingWindows()) {
            if (pads != null) {
                masks.computeIfAbsent(window, wdw -> AttentionMasks.padded(scope, pads, p0, t, p0 + t, wdw));
            } else if (!AttentionMasks.allVisible(p0, t, window)) {
                masks.computeIfAbsent(window, wdw -> AttentionMasks.causal(scope, p0, t, p0 + t, wdw));  // [t, s]
            }  // else no mask: a single new position that sees every key (decoding)
        }
        for (int l = 0; l < s.nLayers(); l++) {
            // each block's intermediates live in their own scope, freed when the block ends: the pass then holds
            // one block's temporaries at a time instead of all of them until it returns (prefill's native peak)
            try (NDManager blockScope = scope.newSubManager()) {
                NDArray xIn = x;
                xIn.tempAttach(blockScope);  // ops on x put their results in blockScope; x returns to scope at close
                NDArray y = block(new Pass(this, blockScope, cache, cosSin[0], cosSin[1], masks, p0, hooks), l,
                        xIn);  // [b, t, d]
                y.attach(scope);
                x = y;
            }
        }
        if (s.finalNorm()) {
            x = norm(x, "final_norm");
        }
        if (s.dEmbed() != d) {
            x = x.matMul(w.get("project_out.t"));  // [b, t, dE]
        }
        x = fire(hooks, HookPoints.FINAL_NORM, x, p0);
        if (!allPositions) {
            x = x.get(LAST_POSITION);  // [b, 1, dE]
        }
        NDArray logits = tokens.unembed(x);  // [b, n, V], float32 from here on
        if (s.finalSoftcap() > 0) {
            logits = logits.div((float) s.finalSoftcap()).tanh().mul((float) s.finalSoftcap());
        }
        return logits;
    }

    /**
     * What one forward pass threads through its blocks.
     *
     * @param scope     owner of every intermediate array
     * @param cache     the KV cache continued, or null
     * @param cos       RoPE cosines {@code [t, r]}, {@code [b, 1, t, r]} with padding (null with learned positions)
     * @param sin       RoPE sines, shaped as cos
     * @param masks     additive causal masks {@code [t, s]}, {@code [b, 1, t, s]} with padding (float32), by sliding
     *                  window (0: none); a window is absent when every query sees every key
     * @param p0        absolute position of the first new token
     * @param hooks     the model's hook registry
     */
    private record Pass(Transformer model, NDManager scope, KvCache cache, NDArray cos, NDArray sin,
            Map<Integer, NDArray> masks, int p0, HookRegistry hooks) {

        NDArray fire(String point, NDArray x) {
            return model.fire(hooks, point, x, p0);
        }
    }

    /** Runs the hooks on {@code x}; an edit that changed the element type (a float32 steering vector added to a
     *  float16 stream) is cast back to the model dtype. */
    private NDArray fire(HookRegistry hooks, String point, NDArray x, int p0) {
        return toModelType(hooks.fire(point, x, p0));
    }

    private NDArray toModelType(NDArray x) {
        return x.getDataType() == dtype ? x : x.toType(dtype, false);
    }

    private static NDArray toFloat32(NDArray x) {
        return x.getDataType() == DataType.FLOAT32 ? x : x.toType(DataType.FLOAT32, false);
    }

    private NDArray block(Pass p, int l, NDArray xIn) {
        String b = "blocks." + l + ".";
        NDArray x = p.fire(HookPoints.residPre(l), xIn);  // [b, t, d]
        switch (s.layout()) {
            case PRE_NORM, PRE_POST_NORM -> {
                NDArray a = attention(p, l, norm(x, b + "ln1"));
                a = p.fire(HookPoints.attnOut(l), a);
                x = x.add(s.layout() == BlockLayout.PRE_POST_NORM ? norm(a, b + "ln1_post") : a);
                x = p.fire(HookPoints.residMid(l), x);
                NDArray m = p.fire(HookPoints.mlpOut(l), mlp(norm(x, b + "ln2"), b));
                x = x.add(s.layout() == BlockLayout.PRE_POST_NORM ? norm(m, b + "ln2_post") : m);
            }
            case PARALLEL_SHARED_NORM -> {
                NDArray h = norm(x, b + "ln1");
                NDArray a = p.fire(HookPoints.attnOut(l), attention(p, l, h));
                NDArray m = p.fire(HookPoints.mlpOut(l), mlp(h, b));
                x = a.add(m).add(x);  // HF phi: attn + ff + residual
            }
            case PARALLEL -> {
                NDArray a = p.fire(HookPoints.attnOut(l), attention(p, l, norm(x, b + "ln1")));
                NDArray m = p.fire(HookPoints.mlpOut(l), mlp(norm(x, b + "ln2"), b));
                x = m.add(a).add(x);  // HF gpt_neox: mlp + attn + residual
            }
            case POST_NORM -> {
                NDArray a = p.fire(HookPoints.attnOut(l), attention(p, l, x));
                x = norm(x.add(a), b + "ln1");
                x = p.fire(HookPoints.residMid(l), x);
                NDArray m = p.fire(HookPoints.mlpOut(l), mlp(x, b));
                x = norm(x.add(m), b + "ln2");
            }
        }
        return p.fire(HookPoints.residPost(l), x);
    }

    private NDArray attention(Pass p, int l, NDArray h) {
        String b = "blocks." + l + ".attn.";
        long bs = h.getShape().get(0);
        long t = h.getShape().get(1);
        int heads = s.nHeads();
        int kvHeads = s.nKvHeads();
        int hd = s.headDim();
        NDArray q = linear(h, b + "q").reshape(bs, t, heads, hd);  // [b, t, H, hd]
        NDArray k = linear(h, b + "k").reshape(bs, t, kvHeads, hd);  // [b, t, KV, hd]
        NDArray v = linear(h, b + "v").reshape(bs, t, kvHeads, hd);  // [b, t, KV, hd]
        if (s.qkNorm()) {
            q = norm(q, b + "q_norm");
            k = norm(k, b + "k_norm");
        }
        q = q.transpose(0, 2, 1, 3);  // [b, H, t, hd]
        k = k.transpose(0, 2, 1, 3);  // [b, KV, t, hd]
        v = v.transpose(0, 2, 1, 3);  // [b, KV, t, hd]
        if (p.cos() != null) {
            q = rope.apply(q, p.cos(), p.sin());
            k = rope.apply(k, p.cos(), p.sin());
        }
        if (p.cache() != null) {
            NDArray[] kv = p.cache().append(p.scope(), l, k, v);  // written in place; views of all positions
            k = kv[0];  // [b, KV, s, hd]
            v = kv[1];  // [b, KV, s, hd]
        }
        // grouped-query attention without copying keys and values per query head: query head h reads kv head
        // h / group, so the g query heads of one kv head are stacked as g·t rows against that head's keys
        int g = s.groupSize();
        NDArray qg = g > 1 ? q.reshape(bs, kvHeads, g * t, hd) : q;  // [b, KV, g·t, hd]
        // scores, mask and softmax in float32 (HF: softmax(..., dtype=float32)); the pattern returns to the model dtype
        NDArray scores = toFloat32(qg.matMul(k.transpose(0, 1, 3, 2))).muli(scoreScale);  // [b, KV, g·t, s]
        if (g > 1) {
            scores = scores.reshape(bs, heads, t, scores.getShape().get(3));  // [b, H, t, s]
        }
        if (s.attnSoftcap() > 0) {
            float cap = (float) s.attnSoftcap();
            scores = scores.divi(cap).tanh().muli(cap);
        }
        NDArray mask = p.masks().get(s.slidingWindows().get(l));
        if (mask != null) {
            scores.addi(mask);  // [b, H, t, s] + [t, s] or [b, 1, t, s]
        }
        NDArray pattern = toModelType(scores.softmax(-1));  // [b, H, t, s]
        pattern = p.fire(HookPoints.pattern(l), pattern);
        NDArray z = g > 1
                ? pattern.reshape(bs, kvHeads, g * t, pattern.getShape().get(3)).matMul(v).reshape(bs, heads, t, hd)
                : pattern.matMul(v);  // [b, H, t, hd]
        z = z.transpose(0, 2, 1, 3);  // [b, t, H, hd]
        z = p.fire(HookPoints.z(l), z);
        NDArray out;
        String resultPoint = HookPoints.result(l);
        if (p.hooks().wants(resultPoint)) {
            NDArray wo = inScope(p.scope(), w.get(b + "o.t").reshape(heads, hd, s.dModel()));  // [H, hd, d]
            NDArray result = z.transpose(0, 2, 1, 3).matMul(wo).transpose(0, 2, 1, 3);  // [b, t, H, d]
            result = p.fire(resultPoint, result);
            out = result.sum(new int[] {2});  // [b, t, d]
        } else {
            out = z.reshape(bs, t, (long) heads * hd).matMul(w.get(b + "o.t"));  // [b, t, d]
        }
        if (s.outBias()) {
            out = out.addi(w.get(b + "o.bias"));
        }
        return out;
    }

    private NDArray mlp(NDArray h, String b) {
        if (s.mlp() == MlpKind.GATED) {
            NDArray gate = activate(linear(h, b + "mlp.gate"));  // [b, t, dMlp]
            return linear(gate.muli(linear(h, b + "mlp.up")), b + "mlp.down");  // [b, t, d]
        }
        return linear(activate(linear(h, b + "mlp.up")), b + "mlp.down");  // [b, t, d]
    }

    /**
     * The activation of a fresh array (the products in {@link #mlp}). Each new array costs DJL a few microseconds while
     * an in-place update costs half of one, so the chains update their own temporaries in place; the operands keep
     * HF's order where it is not commutative.
     */
    private NDArray activate(NDArray x) {
        return switch (s.activation()) {
            case SILU -> ai.djl.nn.Activation.sigmoid(x).muli(x);
            case RELU -> ai.djl.nn.Activation.relu(x);
            case GELU -> x.div((float) Math.sqrt(2.0)).erf().addi(1f).muli(x).muli(0.5f);
            case GELU_TANH -> {
                NDArray inner = x.pow(3f).muli(0.044715f).addi(x).muli((float) Math.sqrt(2.0 / Math.PI));
                yield inner.tanh().addi(1f).muli(x).muli(0.5f);
            }
        };
    }

    private NDArray linear(NDArray x, String name) {
        NDArray y = x.matMul(w.get(name + ".t"));
        NDArray bias = w.get(name + ".bias");
        return bias == null ? y : y.addi(bias);
    }

    /** The configured norm over the last dimension: statistics, scaling and gain in float32, result in the model dtype. */
    private NDArray norm(NDArray xIn, String name) {
        NDArray x = toFloat32(xIn);
        NDArray g = w.get(name + ".weight");
        float eps = (float) s.normEps();
        if (s.norm() == NormKind.LAYER) {  // libtorch's own layer_norm, as HF's nn.LayerNorm
            return toModelType(x.getNDArrayInternal()
                    .layerNorm(x, new Shape(x.getShape().tail()), g, w.get(name + ".bias"), eps).singletonOrThrow());
        }
        NDArray inverseRms = x.square().mean(new int[] {-1}, true).addi(normEps).powi(minusHalf);
        return toModelType(x.mul(inverseRms).muli(g));
    }

    /**
     * The values of a float32 array in a new Java array, copied once from a direct view of the native memory (DJL's
     * {@code toFloatArray} first copies into a new direct buffer, which is freed only when the garbage collector
     * finds it: per decoding step, that is native memory piling up between collections).
     */
    static float[] copyOut(NDArray a) {
        ByteBuffer view = a.toByteBuffer(true);  // CPU: a view of the (contiguous) tensor; GPU: a copy
        float[] out = new float[Math.toIntExact(a.size())];
        view.order(ByteOrder.nativeOrder()).asFloatBuffer().get(out);
        return out;
    }

    private static NDArray inScope(NDManager scope, NDArray a) {
        if (a.getManager() != scope) {
            a.attach(scope);
        }
        return a;
    }
}
