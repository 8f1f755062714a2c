package dev.cape.inference.model.gemma;

import dev.cape.inference.model.AdapterSupport;
import dev.cape.inference.model.ArchitectureAdapter;
import dev.cape.inference.model.CanonicalWeights;
import dev.cape.inference.model.CheckpointReader;
import dev.cape.inference.model.ModelConfig;
import dev.cape.inference.model.ModelSpec;
import dev.cape.inference.model.ModelSpec.Activation;
import dev.cape.inference.model.ModelSpec.BlockLayout;
import dev.cape.inference.model.ModelSpec.MlpKind;
import dev.cape.inference.model.ModelSpec.NormKind;
import dev.cape.inference.model.llama.LlamaWeights;
import java.util.ArrayList;
import java.util.List;

/**
 * gemma and gemma2: llama's checkpoint names, plus for gemma2 {@code pre_feedforward_layernorm} and
 * {@code post_feedforward_layernorm} (its {@code post_attention_layernorm} is the norm after attention, not before the
 * MLP). Embeddings × float32(sqrt(hidden)); RMSNorm {@code (1 + w)}; gemma2 scores scaled by
 * {@code query_pre_attn_scalar^-0.5}, soft-capped, sliding window on even layers (or as {@code layer_types} says).
 */
public final class GemmaWeights implements ArchitectureAdapter {

    @Override
    public List<String> modelTypes() {
        return List.of("gemma", "gemma2");
    }

    @Override
    public ModelSpec spec(ModelConfig c) {
        String type = c.requireString("model_type");
        int hidden = c.requireInt("hidden_size");
        int heads = c.requireInt("num_attention_heads");
        int kvHeads = c.optInt("num_key_value_heads", heads);
        int headDim = AdapterSupport.headDim(c, "hidden_size", hidden, "num_attention_heads", heads, true);
        int layers = c.requireInt("num_hidden_layers");
        boolean bias = c.optBoolean("attention_bias", false);
        ModelSpec.Builder b = ModelSpec.builder(type)
                .sizes(c.requireInt("vocab_size"), hidden, layers, heads, kvHeads, headDim,
                        c.requireInt("intermediate_size"))
                .norm(NormKind.RMS_PLUS_ONE, c.optDouble("rms_norm_eps", 1e-6))
                // HF Gemma ignores hidden_act and uses hidden_activation, falling back to gelu_pytorch_tanh
                .mlp(MlpKind.GATED, AdapterSupport.activation(c, Activation.GELU_TANH, "hidden_activation"))
                .rope(AdapterSupport.rope(c, c.optDouble("rope_theta", 10000.0), headDim))
                .maxPositions(c.optInt("max_position_embeddings", 8192))
                .tiedEmbeddings(c.optBoolean("tie_word_embeddings", true))
                .biases(bias, bias, false)
                .embeddingScale((float) Math.sqrt(hidden));
        if (type.equals("gemma2")) {
            b.layout(BlockLayout.PRE_POST_NORM);
            // absent keys take Gemma2Config's defaults; null means "none"
            b.attnScale(1.0 / Math.sqrt(c.optDouble("query_pre_attn_scalar", 256)));
            b.softcaps(c.optDouble("attn_logit_softcapping", 50.0, 0), c.optDouble("final_logit_softcapping", 30.0, 0));
            int window = c.optIntOrDefault("sliding_window", 4096).orElse(0);
            List<String> types = c.optStringList("layer_types");
            if (!types.isEmpty() && types.size() != layers) {
                throw c.invalid("layer_types", "has " + types.size() + " entries for " + layers + " layers");
            }
            List<Integer> windows = new ArrayList<>();
            for (int i = 0; i < layers; i++) {
                boolean sliding = types.isEmpty() ? i % 2 == 0 : types.get(i).equals("sliding_attention");
                windows.add(sliding ? window : 0);
            }
            b.slidingWindows(windows);
        }
        return AdapterSupport.tokens(b, c).build();
    }

    @Override
    public CanonicalWeights weights(ModelSpec s, CheckpointReader r) {
        CanonicalWeights w = new CanonicalWeights();
        LlamaWeights.embeddingsAndHead(w, r, s, "model.");
        for (int l = 0; l < s.nLayers(); l++) {
            String p = "model.layers." + l + ".";
            LlamaWeights.attention(w, r, s, l, p + "self_attn.");
            LlamaWeights.gatedMlp(w, r, s, l, p + "mlp.");
            w.put(CanonicalWeights.block(l, "ln1.weight"), r.tensor(p + "input_layernorm.weight", s.dModel()));
            if (s.layout() == BlockLayout.PRE_POST_NORM) {
                w.put(CanonicalWeights.block(l, "ln1_post.weight"),
                        r.tensor(p + "post_attention_layernorm.weight", s.dModel()));
                w.put(CanonicalWeights.block(l, "ln2.weight"),
                        r.tensor(p + "pre_feedforward_layernorm.weight", s.dModel()));
                w.put(CanonicalWeights.block(l, "ln2_post.weight"),
                        r.tensor(p + "post_feedforward_layernorm.weight", s.dModel()));
            } else {
                w.put(CanonicalWeights.block(l, "ln2.weight"),
                        r.tensor(p + "post_attention_layernorm.weight", s.dModel()));
            }
        }
        return w;
    }
}
