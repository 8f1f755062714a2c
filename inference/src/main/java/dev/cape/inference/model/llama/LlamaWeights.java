package dev.cape.inference.model.llama;

import dev.cape.inference.model.AdapterSupport;
import dev.cape.inference.model.ArchitectureAdapter;
import dev.cape.inference.model.CanonicalWeights;
import dev.cape.inference.model.CheckpointReader;
import dev.cape.inference.model.ModelConfig;
import dev.cape.inference.model.ModelSpec;
import dev.cape.inference.model.ModelSpec.Activation;
import dev.cape.inference.model.ModelSpec.MlpKind;
import dev.cape.inference.model.ModelSpec.NormKind;
import java.util.ArrayList;
import java.util.List;

/**
 * llama, mistral, qwen2 and qwen3 ({@code LlamaForCausalLM} and relatives): {@code model.embed_tokens},
 * {@code model.layers.L.self_attn.{q,k,v,o}_proj}, {@code mlp.{gate,up,down}_proj}, {@code input_layernorm},
 * {@code post_attention_layernorm}, {@code model.norm}, {@code lm_head} unless tied; qwen3 adds per-head
 * {@code q_norm}/{@code k_norm}. Differences are read from the config: biases (llama {@code attention_bias},
 * {@code mlp_bias}; qwen2 always q/k/v), sliding windows (mistral every layer; qwen2/3 only with
 * {@code use_sliding_window}, on layers ≥ {@code max_window_layers}).
 */
public final class LlamaWeights implements ArchitectureAdapter {

    @Override
    public List<String> modelTypes() {
        return List.of("llama", "mistral", "qwen2", "qwen3");
    }

    @Override
    public ModelSpec spec(ModelConfig c) {
        String type = c.requireString("model_type");
        ModelSpec.Builder b = llamaCore(c, type);
        int layers = c.requireInt("num_hidden_layers");
        switch (type) {
            case "llama" -> {
                boolean attnBias = c.optBoolean("attention_bias", false);
                b.biases(attnBias, attnBias, c.optBoolean("mlp_bias", false));
            }
            case "mistral" -> {
                int w = c.optIntOrDefault("sliding_window", 4096).orElse(0);  // MistralConfig default 4096
                b.slidingWindows(java.util.Collections.nCopies(layers, w));
            }
            case "qwen2", "qwen3" -> {
                if (type.equals("qwen2")) {
                    b.biases(true, false, false);
                } else {
                    boolean attnBias = c.optBoolean("attention_bias", false);
                    b.biases(attnBias, attnBias, false);
                    b.qkNorm(true);
                }
                List<Integer> windows = new ArrayList<>();
                boolean use = c.optBoolean("use_sliding_window", false);
                int w = c.optInt("sliding_window").orElse(0);
                int from = c.optInt("max_window_layers", layers);
                for (int i = 0; i < layers; i++) {
                    windows.add(use && i >= from ? w : 0);
                }
                b.slidingWindows(windows);
            }
            default -> throw c.invalid("model_type", "is '" + type + "', not one of " + modelTypes());
        }
        return b.build();
    }

    /** The fields every llama-style config shares (sizes, RMSNorm, RoPE, SiLU, tying, token ids). */
    static ModelSpec.Builder llamaCore(ModelConfig c, String type) {
        int hidden = c.requireInt("hidden_size");
        int heads = c.requireInt("num_attention_heads");
        int kvHeads = c.optInt("num_key_value_heads", heads);
        int headDim = AdapterSupport.headDim(c, "hidden_size", hidden, "num_attention_heads", heads, true);
        double partial = c.optDouble("partial_rotary_factor", 1.0);
        ModelSpec.Builder b = ModelSpec.builder(type)
                .sizes(c.requireInt("vocab_size"), hidden, c.requireInt("num_hidden_layers"), heads, kvHeads, headDim,
                        c.requireInt("intermediate_size"))
                .norm(NormKind.RMS, c.optDouble("rms_norm_eps", 1e-6))
                .mlp(MlpKind.GATED, AdapterSupport.activation(c, Activation.SILU, "hidden_act"))
                .rope(AdapterSupport.rope(c, c.optDouble("rope_theta", 10000.0),
                        AdapterSupport.rotaryDim(headDim, partial)))
                .maxPositions(c.optInt("max_position_embeddings", 2048))
                .tiedEmbeddings(c.optBoolean("tie_word_embeddings", false));
        return AdapterSupport.tokens(b, c);
    }

    @Override
    public CanonicalWeights weights(ModelSpec s, CheckpointReader r) {
        CanonicalWeights w = new CanonicalWeights();
        embeddingsAndHead(w, r, s, "model.");
        for (int l = 0; l < s.nLayers(); l++) {
            String p = "model.layers." + l + ".";
            attention(w, r, s, l, p + "self_attn.");
            gatedMlp(w, r, s, l, p + "mlp.");
            w.put(CanonicalWeights.block(l, "ln1.weight"), r.tensor(p + "input_layernorm.weight", s.dModel()));
            w.put(CanonicalWeights.block(l, "ln2.weight"), r.tensor(p + "post_attention_layernorm.weight", s.dModel()));
        }
        return w;
    }

    /** {@code embed_tokens}, the final {@code norm} and {@code lm_head} (unless tied) under {@code prefix}. */
    public static void embeddingsAndHead(CanonicalWeights w, CheckpointReader r, ModelSpec s, String prefix) {
        w.put("embed", r.tensor(prefix + "embed_tokens.weight", s.vocabSize(), s.dModel()));
        w.put("final_norm.weight", r.tensor(prefix + "norm.weight", s.dModel()));
        if (!s.tiedEmbeddings()) {
            w.put("unembed.weight", r.tensor("lm_head.weight", s.vocabSize(), s.dModel()));
        }
    }

    /** Separate {@code q_proj/k_proj/v_proj/o_proj} (+ biases and q/k norms as the spec says). */
    public static void attention(CanonicalWeights w, CheckpointReader r, ModelSpec s, int l, String p) {
        int q = s.nHeads() * s.headDim();
        int kv = s.nKvHeads() * s.headDim();
        w.put(CanonicalWeights.block(l, "attn.q.weight"), r.tensor(p + "q_proj.weight", q, s.dModel()));
        w.put(CanonicalWeights.block(l, "attn.k.weight"), r.tensor(p + "k_proj.weight", kv, s.dModel()));
        w.put(CanonicalWeights.block(l, "attn.v.weight"), r.tensor(p + "v_proj.weight", kv, s.dModel()));
        w.put(CanonicalWeights.block(l, "attn.o.weight"), r.tensor(p + "o_proj.weight", s.dModel(), q));
        if (s.qkvBias()) {
            w.put(CanonicalWeights.block(l, "attn.q.bias"), r.tensor(p + "q_proj.bias", q));
            w.put(CanonicalWeights.block(l, "attn.k.bias"), r.tensor(p + "k_proj.bias", kv));
            w.put(CanonicalWeights.block(l, "attn.v.bias"), r.tensor(p + "v_proj.bias", kv));
        }
        if (s.outBias()) {
            w.put(CanonicalWeights.block(l, "attn.o.bias"), r.tensor(p + "o_proj.bias", s.dModel()));
        }
        if (s.qkNorm()) {
            w.put(CanonicalWeights.block(l, "attn.q_norm.weight"), r.tensor(p + "q_norm.weight", s.headDim()));
            w.put(CanonicalWeights.block(l, "attn.k_norm.weight"), r.tensor(p + "k_norm.weight", s.headDim()));
        }
    }

    /** {@code gate_proj/up_proj/down_proj} (+ biases when the spec says). */
    public static void gatedMlp(CanonicalWeights w, CheckpointReader r, ModelSpec s, int l, String p) {
        w.put(CanonicalWeights.block(l, "mlp.gate.weight"), r.tensor(p + "gate_proj.weight", s.dMlp(), s.dModel()));
        w.put(CanonicalWeights.block(l, "mlp.up.weight"), r.tensor(p + "up_proj.weight", s.dMlp(), s.dModel()));
        w.put(CanonicalWeights.block(l, "mlp.down.weight"), r.tensor(p + "down_proj.weight", s.dModel(), s.dMlp()));
        if (s.mlpBias()) {
            w.put(CanonicalWeights.block(l, "mlp.gate.bias"), r.tensor(p + "gate_proj.bias", s.dMlp()));
            w.put(CanonicalWeights.block(l, "mlp.up.bias"), r.tensor(p + "up_proj.bias", s.dMlp()));
            w.put(CanonicalWeights.block(l, "mlp.down.bias"), r.tensor(p + "down_proj.bias", s.dModel()));
        }
    }
}
