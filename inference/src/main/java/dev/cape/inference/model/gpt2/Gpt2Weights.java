package dev.cape.inference.model.gpt2;

import dev.cape.inference.model.AdapterSupport;
import dev.cape.inference.model.ArchitectureAdapter;
import dev.cape.inference.model.CanonicalWeights;
import dev.cape.inference.model.CheckpointReader;
import dev.cape.inference.model.ModelConfig;
import dev.cape.inference.model.ModelSpec;
import dev.cape.inference.model.ModelSpec.Activation;
import dev.cape.inference.model.ModelSpec.MlpKind;
import dev.cape.inference.model.ModelSpec.NormKind;
import dev.cape.inference.model.Weight;
import java.util.List;

/**
 * gpt2 ({@code GPT2LMHeadModel}): {@code transformer.wte/wpe}, {@code transformer.h.L.{ln_1, attn.c_attn, attn.c_proj,
 * ln_2, mlp.c_fc, mlp.c_proj}}, {@code transformer.ln_f}; also the original hub files' names without the
 * {@code transformer.} prefix (their {@code attn.bias}/{@code attn.masked_bias} buffers are ignored, as HF does).
 * Conv1D weights are stored {@code [in, out]} and transposed here; {@code c_attn} columns are {@code q | k | v}.
 */
public final class Gpt2Weights implements ArchitectureAdapter {

    @Override
    public List<String> modelTypes() {
        return List.of("gpt2");
    }

    @Override
    public ModelSpec spec(ModelConfig c) {
        AdapterSupport.refuseIf(c, "scale_attn_by_inverse_layer_idx", true, false,
                "per-layer attention scaling is not supported by this runtime");
        int d = c.requireInt("n_embd", "hidden_size");
        int heads = c.requireInt("n_head", "num_attention_heads");
        int inner = c.optInt("n_inner").orElse(4 * d);
        int headDim = AdapterSupport.headDim(c, c.has("n_embd") ? "n_embd" : "hidden_size", d,
                c.has("n_head") ? "n_head" : "num_attention_heads", heads, false);   // name the field that was read
        ModelSpec.Builder b = ModelSpec.builder("gpt2")
                .sizes(c.requireInt("vocab_size"), d, c.requireInt("n_layer", "num_hidden_layers"), heads, heads,
                        headDim, inner)
                .norm(NormKind.LAYER, c.optDouble("layer_norm_epsilon", 1e-5))
                .mlp(MlpKind.PLAIN, AdapterSupport.activation(c, Activation.GELU_TANH, "activation_function"))
                .learnedPositions(0)
                .maxPositions(c.requireInt("n_positions", "max_position_embeddings"))
                .biases(true, true, true)
                .tiedEmbeddings(c.optBoolean("tie_word_embeddings", true))
                .attnScale(c.optBoolean("scale_attn_weights", true) ? 1.0 / Math.sqrt(headDim) : 1.0);
        return AdapterSupport.tokens(b, c).build();
    }

    @Override
    public CanonicalWeights weights(ModelSpec s, CheckpointReader r) {
        String p = r.has("transformer.wte.weight") ? "transformer." : "";
        int d = s.dModel();
        CanonicalWeights w = new CanonicalWeights();
        w.put("embed", r.tensor(p + "wte.weight", s.vocabSize(), d));
        w.put("pos_embed", r.tensor(p + "wpe.weight", s.maxPositions(), d));
        w.put("final_norm.weight", r.tensor(p + "ln_f.weight", d));
        w.put("final_norm.bias", r.tensor(p + "ln_f.bias", d));
        if (!s.tiedEmbeddings()) {
            w.put("unembed.weight", r.tensor("lm_head.weight", s.vocabSize(), d));
        }
        for (int l = 0; l < s.nLayers(); l++) {
            String h = p + "h." + l + ".";
            w.put(CanonicalWeights.block(l, "ln1.weight"), r.tensor(h + "ln_1.weight", d));
            w.put(CanonicalWeights.block(l, "ln1.bias"), r.tensor(h + "ln_1.bias", d));
            w.put(CanonicalWeights.block(l, "ln2.weight"), r.tensor(h + "ln_2.weight", d));
            w.put(CanonicalWeights.block(l, "ln2.bias"), r.tensor(h + "ln_2.bias", d));
            Weight qkv = r.tensor(h + "attn.c_attn.weight", d, 3L * d).transposed();  // [3d, d]
            Weight qkvBias = r.tensor(h + "attn.c_attn.bias", 3L * d);
            String[] parts = {"q", "k", "v"};
            for (int i = 0; i < 3; i++) {
                w.put(CanonicalWeights.block(l, "attn." + parts[i] + ".weight"), qkv.rows(i * d, (i + 1) * d));
                w.put(CanonicalWeights.block(l, "attn." + parts[i] + ".bias"), qkvBias.rows(i * d, (i + 1) * d));
            }
            w.put(CanonicalWeights.block(l, "attn.o.weight"), r.tensor(h + "attn.c_proj.weight", d, d).transposed());
            w.put(CanonicalWeights.block(l, "attn.o.bias"), r.tensor(h + "attn.c_proj.bias", d));
            w.put(CanonicalWeights.block(l, "mlp.up.weight"),
                    r.tensor(h + "mlp.c_fc.weight", d, s.dMlp()).transposed());
            w.put(CanonicalWeights.block(l, "mlp.up.bias"), r.tensor(h + "mlp.c_fc.bias", s.dMlp()));
            w.put(CanonicalWeights.block(l, "mlp.down.weight"),
                    r.tensor(h + "mlp.c_proj.weight", s.dMlp(), d).transposed());
            w.put(CanonicalWeights.block(l, "mlp.down.bias"), r.tensor(h + "mlp.c_proj.bias", d));
        }
        return w;
    }
}
