package dev.cape.inference.model.neox;

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
import dev.cape.inference.model.Weight;
import java.util.List;

/**
 * gpt_neox ({@code GPTNeoXForCausalLM}, Pythia): {@code gpt_neox.embed_in}, {@code gpt_neox.layers.L.{input_layernorm,
 * post_attention_layernorm, attention.query_key_value, attention.dense, mlp.dense_h_to_4h, mlp.dense_4h_to_h}},
 * {@code gpt_neox.final_layer_norm}, {@code embed_out}. The fused projection's rows are per head
 * {@code [q (hd) | k (hd) | v (hd)]}; rotary dim {@code int(hd · rotary_pct)}; {@code use_parallel_residual}.
 */
public final class GptNeoXWeights implements ArchitectureAdapter {

    @Override
    public List<String> modelTypes() {
        return List.of("gpt_neox");
    }

    @Override
    public ModelSpec spec(ModelConfig c) {
        int d = c.requireInt("hidden_size");
        int heads = c.requireInt("num_attention_heads");
        int headDim = AdapterSupport.headDim(c, "hidden_size", d, "num_attention_heads", heads, false);
        double pct = c.has("rotary_pct") ? c.requireDouble("rotary_pct") : c.optDouble("partial_rotary_factor", 0.25);
        double theta = c.has("rotary_emb_base") ? c.requireDouble("rotary_emb_base") : c.optDouble("rope_theta", 10000);
        if (c.has("rope_scaling")) {
            throw c.invalid("rope_scaling", "is set; RoPE scaling for gpt_neox is not supported");
        }
        boolean bias = c.optBoolean("attention_bias", true);
        ModelSpec.Builder b = ModelSpec.builder("gpt_neox")
                .sizes(c.requireInt("vocab_size"), d, c.requireInt("num_hidden_layers"), heads, heads, headDim,
                        c.requireInt("intermediate_size"))
                .norm(NormKind.LAYER, c.optDouble("layer_norm_eps", 1e-5))
                .layout(c.optBoolean("use_parallel_residual", true) ? BlockLayout.PARALLEL : BlockLayout.PRE_NORM)
                .mlp(MlpKind.PLAIN, AdapterSupport.activation(c, Activation.GELU, "hidden_act"))
                .rope(ModelSpec.Rope.plain(theta, AdapterSupport.rotaryDim(headDim, pct)))
                .maxPositions(c.optInt("max_position_embeddings", 2048))
                .biases(bias, bias, true)
                .tiedEmbeddings(c.optBoolean("tie_word_embeddings", false));
        return AdapterSupport.tokens(b, c).build();
    }

    @Override
    public CanonicalWeights weights(ModelSpec s, CheckpointReader r) {
        int d = s.dModel();
        int hd = s.headDim();
        int heads = s.nHeads();
        CanonicalWeights w = new CanonicalWeights();
        w.put("embed", r.tensor("gpt_neox.embed_in.weight", s.vocabSize(), d));
        w.put("final_norm.weight", r.tensor("gpt_neox.final_layer_norm.weight", d));
        w.put("final_norm.bias", r.tensor("gpt_neox.final_layer_norm.bias", d));
        if (!s.tiedEmbeddings()) {
            w.put("unembed.weight", r.tensor("embed_out.weight", s.vocabSize(), d));
        }
        String[] parts = {"q", "k", "v"};
        for (int l = 0; l < s.nLayers(); l++) {
            String p = "gpt_neox.layers." + l + ".";
            w.put(CanonicalWeights.block(l, "ln1.weight"), r.tensor(p + "input_layernorm.weight", d));
            w.put(CanonicalWeights.block(l, "ln1.bias"), r.tensor(p + "input_layernorm.bias", d));
            w.put(CanonicalWeights.block(l, "ln2.weight"), r.tensor(p + "post_attention_layernorm.weight", d));
            w.put(CanonicalWeights.block(l, "ln2.bias"), r.tensor(p + "post_attention_layernorm.bias", d));
            Weight qkv = r.tensor(p + "attention.query_key_value.weight", 3L * heads * hd, d);
            Weight qkvBias = s.qkvBias() ? r.tensor(p + "attention.query_key_value.bias", 3L * heads * hd) : null;
            for (int part = 0; part < 3; part++) {
                int[] rows = new int[heads * hd];
                for (int h = 0; h < heads; h++) {
                    for (int i = 0; i < hd; i++) {
                        rows[h * hd + i] = 3 * hd * h + part * hd + i;
                    }
                }
                String what = "[per-head " + parts[part] + " rows]";
                w.put(CanonicalWeights.block(l, "attn." + parts[part] + ".weight"),
                        qkv.gatherRows(rows, qkv.source() + what));
                if (qkvBias != null) {
                    w.put(CanonicalWeights.block(l, "attn." + parts[part] + ".bias"),
                            qkvBias.gatherRows(rows, qkvBias.source() + what));
                }
            }
            w.put(CanonicalWeights.block(l, "attn.o.weight"), r.tensor(p + "attention.dense.weight", d, d));
            if (s.outBias()) {
                w.put(CanonicalWeights.block(l, "attn.o.bias"), r.tensor(p + "attention.dense.bias", d));
            }
            w.put(CanonicalWeights.block(l, "mlp.up.weight"), r.tensor(p + "mlp.dense_h_to_4h.weight", s.dMlp(), d));
            w.put(CanonicalWeights.block(l, "mlp.up.bias"), r.tensor(p + "mlp.dense_h_to_4h.bias", s.dMlp()));
            w.put(CanonicalWeights.block(l, "mlp.down.weight"), r.tensor(p + "mlp.dense_4h_to_h.weight", d, s.dMlp()));
            w.put(CanonicalWeights.block(l, "mlp.down.bias"), r.tensor(p + "mlp.dense_4h_to_h.bias", d));
        }
        return w;
    }
}
