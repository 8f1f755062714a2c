package dev.cape.inference.model;

import java.util.List;
import java.util.OptionalInt;

/**
 * Everything the unified transformer needs to know about an architecture, read from a config by the architecture's
 * adapter. Sizes: {@code dModel} is the residual width, {@code dEmbed} the width of the token embedding and unembedding
 * (differs from {@code dModel} only with OPT's {@code project_in/out}).
 *
 * @param modelType       HF {@code model_type}
 * @param vocabSize       rows of the embedding and unembedding
 * @param dModel          residual stream width
 * @param dEmbed          embedding width (== dModel unless projected in and out)
 * @param nLayers         decoder blocks
 * @param nHeads          query heads
 * @param nKvHeads        key/value heads (GQA when fewer than {@code nHeads}; {@code nHeads % nKvHeads == 0})
 * @param headDim         width of one head
 * @param dMlp            MLP hidden width
 * @param norm            normalisation kind
 * @param normEps         epsilon inside the norm
 * @param layout          how attention, MLP and norms compose into a block
 * @param finalNorm       whether a norm follows the last block
 * @param mlp             gated or plain MLP
 * @param activation      the MLP activation
 * @param rope            rotary embedding, or null with learned positions
 * @param learnedPositions whether a position table is added to the embeddings
 * @param positionOffset  row of the position table used for position 0 (OPT: 2)
 * @param maxPositions    longest supported sequence (position table rows minus offset; the config's limit for RoPE)
 * @param qkvBias         q/k/v projections have biases
 * @param outBias         the attention output projection has a bias
 * @param mlpBias         MLP projections have biases
 * @param unembedBias     the unembedding has a bias (phi-2)
 * @param tiedEmbeddings  the unembedding is the embedding matrix
 * @param attnScale       factor applied to q·k ({@code head_dim^-0.5} unless the config says otherwise)
 * @param attnSoftcap     {@code cap·tanh(s/cap)} on attention scores before the mask; 0 for none
 * @param finalSoftcap    {@code cap·tanh(l/cap)} on the logits; 0 for none
 * @param slidingWindows  per layer: the number of keys a query sees counting itself, 0 for global causal attention
 * @param qkNorm          per-head RMSNorm on q and k before RoPE (qwen3)
 * @param embeddingScale  factor on the token embeddings (gemma: sqrt(dModel) rounded to float32); 1 for none
 * @param bosTokenId      beginning-of-sequence id when the config names one
 * @param eosTokenIds     end-of-sequence ids (HF allows several)
 */
public record ModelSpec(
        String modelType,
        int vocabSize,
        int dModel,
        int dEmbed,
        int nLayers,
        int nHeads,
        int nKvHeads,
        int headDim,
        int dMlp,
        NormKind norm,
        double normEps,
        BlockLayout layout,
        boolean finalNorm,
        MlpKind mlp,
        Activation activation,
        Rope rope,
        boolean learnedPositions,
        int positionOffset,
        int maxPositions,
        boolean qkvBias,
        boolean outBias,
        boolean mlpBias,
        boolean unembedBias,
        boolean tiedEmbeddings,
        double attnScale,
        double attnSoftcap,
        double finalSoftcap,
        List<Integer> slidingWindows,
        boolean qkNorm,
        double embeddingScale,
        OptionalInt bosTokenId,
        List<Integer> eosTokenIds) {

    /** Normalisation: RMSNorm {@code w·x/rms(x)}, Gemma's RMSNorm {@code (1+w)·x/rms(x)}, or LayerNorm with bias. */
    public enum NormKind { RMS, RMS_PLUS_ONE, LAYER }

    /** Block composition. */
    public enum BlockLayout {
        /** {@code x += attn(ln1(x)); x += mlp(ln2(x))} (llama, gpt2, pre-LN OPT, sequential gpt_neox). */
        PRE_NORM,
        /** {@code x += ln1_post(attn(ln1(x))); x += ln2_post(mlp(ln2(x)))} (gemma2). */
        PRE_POST_NORM,
        /** {@code h = ln1(x); x += attn(h) + mlp(h)} (phi-2). */
        PARALLEL_SHARED_NORM,
        /** {@code x += attn(ln1(x)) + mlp(ln2(x))} (gpt_neox parallel residual). */
        PARALLEL,
        /** {@code x = ln1(x + attn(x)); x = ln2(x + mlp(x))} (post-LN OPT). */
        POST_NORM
    }

    /** {@code down(act(gate(x)) * up(x))} or {@code down(act(up(x)))}. */
    public enum MlpKind { GATED, PLAIN }

    /** MLP activations: SiLU, exact GELU (erf), GELU tanh approximation (gelu_new, gelu_pytorch_tanh), ReLU. */
    public enum Activation { SILU, GELU, GELU_TANH, RELU }

    /** RoPE frequency scaling. */
    public enum RopeScaling { NONE, LINEAR, LLAMA3 }

    /**
     * Rotary position embedding in HF's rotate-half layout (dimension i pairs with i + rotaryDim/2).
     *
     * @param theta             base
     * @param rotaryDim         leading dimensions of each head that rotate (the rest pass through)
     * @param scaling           frequency scaling kind
     * @param factor            scaling factor (LINEAR, LLAMA3)
     * @param lowFreqFactor     LLAMA3 low frequency factor
     * @param highFreqFactor    LLAMA3 high frequency factor
     * @param originalMaxPositions LLAMA3 original context length
     */
    public record Rope(double theta, int rotaryDim, RopeScaling scaling, double factor, double lowFreqFactor,
            double highFreqFactor, int originalMaxPositions) {

        public Rope {
            if (rotaryDim <= 0 || rotaryDim % 2 != 0) {
                throw new IllegalArgumentException("rotaryDim must be positive and even: " + rotaryDim);
            }
            if (!(theta > 0)) {
                throw new IllegalArgumentException("theta must be > 0: " + theta);
            }
        }

        /** Unscaled rope. */
        public static Rope plain(double theta, int rotaryDim) {
            return new Rope(theta, rotaryDim, RopeScaling.NONE, 1, 0, 0, 0);
        }

        /**
         * The inverse frequencies, computed as HF does in float32: {@code theta^(-2i/r)}, then scaled.
         *
         * @return {@code rotaryDim/2} values
         */
        public float[] inverseFrequencies() {
            int half = rotaryDim / 2;
            float[] inv = new float[half];
            for (int i = 0; i < half; i++) {
                // HF: 1.0 / (base ** (torch.arange(0, dim, 2, dtype=torch.int64).float() / dim))
                float exponent = (float) (2 * i) / (float) rotaryDim;
                inv[i] = (float) (1.0 / Math.pow(theta, exponent));
            }
            switch (scaling) {
                case LINEAR -> {
                    for (int i = 0; i < half; i++) {
                        inv[i] = (float) (inv[i] / factor);
                    }
                }
                case LLAMA3 -> {
                    double lowWavelen = originalMaxPositions / lowFreqFactor;
                    double highWavelen = originalMaxPositions / highFreqFactor;
                    for (int i = 0; i < half; i++) {
                        double wavelen = 2 * Math.PI / inv[i];
                        if (wavelen < highWavelen) {
                            continue;
                        }
                        if (wavelen > lowWavelen) {
                            inv[i] = (float) (inv[i] / factor);
                        } else {
                            double smooth = (originalMaxPositions / wavelen - lowFreqFactor)
                                    / (highFreqFactor - lowFreqFactor);
                            inv[i] = (float) ((1 - smooth) * inv[i] / factor + smooth * inv[i]);
                        }
                    }
                }
                case NONE -> {
                }
            }
            return inv;
        }
    }

    public ModelSpec {
        slidingWindows = List.copyOf(slidingWindows);
        eosTokenIds = List.copyOf(eosTokenIds);
        positive("vocabSize", vocabSize);
        positive("dModel", dModel);
        positive("dEmbed", dEmbed);
        positive("nLayers", nLayers);
        positive("nHeads", nHeads);
        positive("nKvHeads", nKvHeads);
        positive("headDim", headDim);
        positive("dMlp", dMlp);
        positive("maxPositions", maxPositions);
        if (!(normEps >= 0) || Double.isInfinite(normEps)) {
            throw new IllegalArgumentException("the norm epsilon (rms_norm_eps / layer_norm_eps) must be a finite "
                    + "number >= 0: " + normEps);
        }
        if (nHeads % nKvHeads != 0) {
            throw new IllegalArgumentException("nHeads must be a multiple of nKvHeads: " + nHeads + " heads, "
                    + nKvHeads + " kv heads");
        }
        if (slidingWindows.size() != nLayers) {
            throw new IllegalArgumentException("slidingWindows needs one entry per layer: " + slidingWindows.size()
                    + " for " + nLayers + " layers");
        }
        if ((rope == null) == !learnedPositions) {
            throw new IllegalArgumentException("a model needs exactly one of rope and learned positions");
        }
        if (rope != null && rope.rotaryDim() > headDim) {
            throw new IllegalArgumentException("rotaryDim must be <= headDim: " + rope.rotaryDim() + " > " + headDim);
        }
        java.util.Objects.requireNonNull(modelType, "modelType");
        java.util.Objects.requireNonNull(norm, "norm");
        java.util.Objects.requireNonNull(layout, "layout");
        java.util.Objects.requireNonNull(mlp, "mlp");
        java.util.Objects.requireNonNull(activation, "activation");
        java.util.Objects.requireNonNull(bosTokenId, "bosTokenId");
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0: " + value);
        }
    }

    /** Query heads per key/value head. */
    public int groupSize() {
        return nHeads / nKvHeads;
    }

    /** A builder with the defaults of a pre-norm RMSNorm llama-style model; adapters set what their config says. */
    public static Builder builder(String modelType) {
        return new Builder(modelType);
    }

    /** Mutable builder for {@link ModelSpec}; {@link #build()} validates. */
    public static final class Builder {
        private final String modelType;
        private int vocabSize;
        private int dModel;
        private int dEmbed;
        private int nLayers;
        private int nHeads;
        private int nKvHeads;
        private int headDim;
        private int dMlp;
        private NormKind norm = NormKind.RMS;
        private double normEps = 1e-5;
        private BlockLayout layout = BlockLayout.PRE_NORM;
        private boolean finalNorm = true;
        private MlpKind mlp = MlpKind.GATED;
        private Activation activation = Activation.SILU;
        private Rope rope;
        private boolean learnedPositions;
        private int positionOffset;
        private int maxPositions;
        private boolean qkvBias;
        private boolean outBias;
        private boolean mlpBias;
        private boolean unembedBias;
        private boolean tiedEmbeddings;
        private double attnScale = Double.NaN;
        private double attnSoftcap;
        private double finalSoftcap;
        private List<Integer> slidingWindows;
        private boolean qkNorm;
        private double embeddingScale = 1;
        private OptionalInt bosTokenId = OptionalInt.empty();
        private List<Integer> eosTokenIds = List.of();

        private Builder(String modelType) {
            this.modelType = modelType;
        }

        public Builder sizes(int vocabSize, int dModel, int nLayers, int nHeads, int nKvHeads, int headDim, int dMlp) {
            this.vocabSize = vocabSize;
            this.dModel = dModel;
            this.nLayers = nLayers;
            this.nHeads = nHeads;
            this.nKvHeads = nKvHeads;
            this.headDim = headDim;
            this.dMlp = dMlp;
            return this;
        }

        public Builder dEmbed(int v) { this.dEmbed = v; return this; }
        public Builder norm(NormKind kind, double eps) { this.norm = kind; this.normEps = eps; return this; }
        public Builder layout(BlockLayout v) { this.layout = v; return this; }
        public Builder finalNorm(boolean v) { this.finalNorm = v; return this; }
        public Builder mlp(MlpKind kind, Activation act) { this.mlp = kind; this.activation = act; return this; }
        public Builder rope(Rope v) { this.rope = v; this.learnedPositions = false; return this; }
        public Builder learnedPositions(int offset) {
            this.rope = null;
            this.learnedPositions = true;
            this.positionOffset = offset;
            return this;
        }
        public Builder maxPositions(int v) { this.maxPositions = v; return this; }
        public Builder biases(boolean qkv, boolean out, boolean mlpBias) {
            this.qkvBias = qkv;
            this.outBias = out;
            this.mlpBias = mlpBias;
            return this;
        }
        public Builder unembedBias(boolean v) { this.unembedBias = v; return this; }
        public Builder tiedEmbeddings(boolean v) { this.tiedEmbeddings = v; return this; }
        public Builder attnScale(double v) { this.attnScale = v; return this; }
        public Builder softcaps(double attn, double fin) { this.attnSoftcap = attn; this.finalSoftcap = fin; return this; }
        public Builder slidingWindows(List<Integer> v) { this.slidingWindows = v; return this; }
        public Builder qkNorm(boolean v) { this.qkNorm = v; return this; }
        public Builder embeddingScale(double v) { this.embeddingScale = v; return this; }
        public Builder tokens(OptionalInt bos, List<Integer> eos) { this.bosTokenId = bos; this.eosTokenIds = eos; return this; }

        public ModelSpec build() {
            List<Integer> windows = slidingWindows != null ? slidingWindows
                    : java.util.Collections.nCopies(Math.max(nLayers, 0), 0);
            double scale = Double.isNaN(attnScale) ? 1.0 / Math.sqrt(headDim) : attnScale;
            return new ModelSpec(modelType, vocabSize, dModel, dEmbed == 0 ? dModel : dEmbed, nLayers, nHeads,
                    nKvHeads, headDim, dMlp, norm, normEps, layout, finalNorm, mlp, activation, rope, learnedPositions,
                    positionOffset, maxPositions, qkvBias, outBias, mlpBias, unembedBias, tiedEmbeddings, scale,
                    attnSoftcap, finalSoftcap, windows, qkNorm, embeddingScale, bosTokenId, eosTokenIds);
        }
    }
}
