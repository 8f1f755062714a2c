package dev.cape.inference.model.opt;

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
 * opt ({@code OPTForCausalLM}): {@code model.decoder.embed_tokens}, {@code embed_positions} (offset 2),
 * {@code project_in/project_out} when {@code word_embed_proj_dim ≠ hidden_size}, {@code layers.L.{self_attn.{q,k,v,
 * out}_proj, self_attn_layer_norm, fc1, fc2, final_layer_norm}}, {@code final_layer_norm} for pre-LN models.
 * {@code do_layer_norm_before: false} (OPT-350m) gives post-LN blocks and no final norm. LayerNorm eps is 1e-5.
 */
public final class OptWeights implements ArchitectureAdapter {

    /** OPT's learned position table starts at row 2 (a fairseq legacy). */
    public static final int POSITION_OFFSET = 2;

    @Override
    public List<String> modelTypes() {
        return List.of("opt");
    }

    @Override
    public ModelSpec spec(ModelConfig c) {
        AdapterSupport.refuseIf(c, "layer_norm_elementwise_affine", false, true,
                "LayerNorm without weights is not supported by this runtime");
        int d = c.requireInt("hidden_size");
        int heads = c.requireInt("num_attention_heads");
        boolean preLn = c.optBoolean("do_layer_norm_before", true);
        boolean bias = c.optBoolean("enable_bias", true);
        ModelSpec.Builder b = ModelSpec.builder("opt")
                .sizes(c.requireInt("vocab_size"), d, c.requireInt("num_hidden_layers"), heads, heads,
                        AdapterSupport.headDim(c, "hidden_size", d, "num_attention_heads", heads, false),
                        c.requireInt("ffn_dim"))
                .dEmbed(c.optInt("word_embed_proj_dim", d))
                .norm(NormKind.LAYER, 1e-5)
                .layout(preLn ? BlockLayout.PRE_NORM : BlockLayout.POST_NORM)
                .finalNorm(preLn && !c.optBoolean("_remove_final_layer_norm", false))
                .mlp(MlpKind.PLAIN, AdapterSupport.activation(c, Activation.RELU, "activation_function"))
                .learnedPositions(POSITION_OFFSET)
                .maxPositions(c.requireInt("max_position_embeddings"))
                .biases(bias, bias, bias)
                .tiedEmbeddings(c.optBoolean("tie_word_embeddings", true));
        return AdapterSupport.tokens(b, c).build();
    }

    @Override
    public CanonicalWeights weights(ModelSpec s, CheckpointReader r) {
        String p = "model.decoder.";
        int d = s.dModel();
        CanonicalWeights w = new CanonicalWeights();
        w.put("embed", r.tensor(p + "embed_tokens.weight", s.vocabSize(), s.dEmbed()));
        w.put("pos_embed", r.tensor(p + "embed_positions.weight", s.maxPositions() + POSITION_OFFSET, d));
        if (s.dEmbed() != d) {
            w.put("project_in.weight", r.tensor(p + "project_in.weight", d, s.dEmbed()));
            w.put("project_out.weight", r.tensor(p + "project_out.weight", s.dEmbed(), d));
        }
        if (s.finalNorm()) {
            w.put("final_norm.weight", r.tensor(p + "final_layer_norm.weight", d));
            w.put("final_norm.bias", r.tensor(p + "final_layer_norm.bias", d));
        }
        if (!s.tiedEmbeddings()) {
            w.put("unembed.weight", r.tensor("lm_head.weight", s.vocabSize(), s.dEmbed()));
        }
        String[][] attn = {{"q", "q_proj"}, {"k", "k_proj"}, {"v", "v_proj"}, {"o", "out_proj"}};
        for (int l = 0; l < s.nLayers(); l++) {
            String b = p + "layers." + l + ".";
            for (String[] a : attn) {
                w.put(CanonicalWeights.block(l, "attn." + a[0] + ".weight"), r.tensor(b + "self_attn." + a[1] + ".weight", d, d));
                if (s.qkvBias()) {
                    w.put(CanonicalWeights.block(l, "attn." + a[0] + ".bias"), r.tensor(b + "self_attn." + a[1] + ".bias", d));
                }
            }
            w.put(CanonicalWeights.block(l, "ln1.weight"), r.tensor(b + "self_attn_layer_norm.weight", d));
            w.put(CanonicalWeights.block(l, "ln1.bias"), r.tensor(b + "self_attn_layer_norm.bias", d));
            w.put(CanonicalWeights.block(l, "ln2.weight"), r.tensor(b + "final_layer_norm.weight", d));
            w.put(CanonicalWeights.block(l, "ln2.bias"), r.tensor(b + "final_layer_norm.bias", d));
            w.put(CanonicalWeights.block(l, "mlp.up.weight"), r.tensor(b + "fc1.weight", s.dMlp(), d));
            w.put(CanonicalWeights.block(l, "mlp.down.weight"), r.tensor(b + "fc2.weight", d, s.dMlp()));
            if (s.mlpBias()) {
                w.put(CanonicalWeights.block(l, "mlp.up.bias"), r.tensor(b + "fc1.bias", s.dMlp()));
                w.put(CanonicalWeights.block(l, "mlp.down.bias"), r.tensor(b + "fc2.bias", d));
            }
        }
        return w;
    }
}
