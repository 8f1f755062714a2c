package dev.cape.inference.model.phi;

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
import java.util.List;

/**
 * phi ({@code PhiForCausalLM}, phi-1/1.5/2): {@code model.layers.L.input_layernorm} feeds both
 * {@code self_attn.{q,k,v}_proj → dense} and {@code mlp.fc1 → fc2}; {@code model.final_layernorm}; {@code lm_head}
 * with a bias. Rotary dim {@code int(head_dim · partial_rotary_factor)}. {@code qk_layernorm} is refused.
 */
public final class PhiWeights implements ArchitectureAdapter {

    @Override
    public List<String> modelTypes() {
        return List.of("phi");
    }

    @Override
    public ModelSpec spec(ModelConfig c) {
        AdapterSupport.refuseIf(c, "qk_layernorm", true, false, "phi with q/k LayerNorm is not supported by this runtime");
        int hidden = c.requireInt("hidden_size");
        int heads = c.requireInt("num_attention_heads");
        int headDim = AdapterSupport.headDim(c, "hidden_size", hidden, "num_attention_heads", heads, false);
        ModelSpec.Builder b = ModelSpec.builder("phi")
                .sizes(c.requireInt("vocab_size"), hidden, c.requireInt("num_hidden_layers"), heads,
                        c.optInt("num_key_value_heads", heads), headDim, c.requireInt("intermediate_size"))
                .norm(NormKind.LAYER, c.optDouble("layer_norm_eps", 1e-5))
                .layout(BlockLayout.PARALLEL_SHARED_NORM)
                .mlp(MlpKind.PLAIN, AdapterSupport.activation(c, Activation.GELU_TANH, "hidden_act"))
                .rope(AdapterSupport.rope(c, c.optDouble("rope_theta", 10000.0),
                        AdapterSupport.rotaryDim(headDim, c.optDouble("partial_rotary_factor", 0.5))))
                .maxPositions(c.optInt("max_position_embeddings", 2048))
                .biases(true, true, true)
                .unembedBias(true)
                .tiedEmbeddings(c.optBoolean("tie_word_embeddings", false));
        return AdapterSupport.tokens(b, c).build();
    }

    @Override
    public CanonicalWeights weights(ModelSpec s, CheckpointReader r) {
        CanonicalWeights w = new CanonicalWeights();
        int d = s.dModel();
        int q = s.nHeads() * s.headDim();
        int kv = s.nKvHeads() * s.headDim();
        w.put("embed", r.tensor("model.embed_tokens.weight", s.vocabSize(), d));
        w.put("final_norm.weight", r.tensor("model.final_layernorm.weight", d));
        w.put("final_norm.bias", r.tensor("model.final_layernorm.bias", d));
        if (!s.tiedEmbeddings()) {
            w.put("unembed.weight", r.tensor("lm_head.weight", s.vocabSize(), d));
        }
        w.put("unembed.bias", r.tensor("lm_head.bias", s.vocabSize()));
        for (int l = 0; l < s.nLayers(); l++) {
            String p = "model.layers." + l + ".";
            w.put(CanonicalWeights.block(l, "ln1.weight"), r.tensor(p + "input_layernorm.weight", d));
            w.put(CanonicalWeights.block(l, "ln1.bias"), r.tensor(p + "input_layernorm.bias", d));
            String[][] attn = {{"q", "q_proj", "" + q}, {"k", "k_proj", "" + kv}, {"v", "v_proj", "" + kv}};
            for (String[] a : attn) {
                int rows = Integer.parseInt(a[2]);
                w.put(CanonicalWeights.block(l, "attn." + a[0] + ".weight"),
                        r.tensor(p + "self_attn." + a[1] + ".weight", rows, d));
                w.put(CanonicalWeights.block(l, "attn." + a[0] + ".bias"), r.tensor(p + "self_attn." + a[1] + ".bias", rows));
            }
            w.put(CanonicalWeights.block(l, "attn.o.weight"), r.tensor(p + "self_attn.dense.weight", d, q));
            w.put(CanonicalWeights.block(l, "attn.o.bias"), r.tensor(p + "self_attn.dense.bias", d));
            w.put(CanonicalWeights.block(l, "mlp.up.weight"), r.tensor(p + "mlp.fc1.weight", s.dMlp(), d));
            w.put(CanonicalWeights.block(l, "mlp.up.bias"), r.tensor(p + "mlp.fc1.bias", s.dMlp()));
            w.put(CanonicalWeights.block(l, "mlp.down.weight"), r.tensor(p + "mlp.fc2.weight", d, s.dMlp()));
            w.put(CanonicalWeights.block(l, "mlp.down.bias"), r.tensor(p + "mlp.fc2.bias", d));
        }
        return w;
    }
}
