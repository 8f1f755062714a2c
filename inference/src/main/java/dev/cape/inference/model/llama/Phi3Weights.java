package dev.cape.inference.model.llama;

import dev.cape.inference.model.ArchitectureAdapter;
import dev.cape.inference.model.CanonicalWeights;
import dev.cape.inference.model.CheckpointReader;
import dev.cape.inference.model.ModelConfig;
import dev.cape.inference.model.ModelSpec;
import dev.cape.inference.model.Weight;
import java.util.Collections;
import java.util.List;

/**
 * phi3 ({@code Phi3ForCausalLM}): the llama block with fused projections, {@code self_attn.qkv_proj} rows
 * {@code [q (heads·hd) | k (kv·hd) | v (kv·hd)]} and {@code mlp.gate_up_proj} rows {@code [gate | up]};
 * {@code sliding_window} (when not null) on every layer.
 */
public final class Phi3Weights implements ArchitectureAdapter {

    @Override
    public List<String> modelTypes() {
        return List.of("phi3");
    }

    @Override
    public ModelSpec spec(ModelConfig c) {
        ModelSpec.Builder b = LlamaWeights.llamaCore(c, "phi3");
        boolean bias = c.optBoolean("attention_bias", false);
        b.biases(bias, bias, false);
        int w = c.optInt("sliding_window").orElse(0);
        b.slidingWindows(Collections.nCopies(c.requireInt("num_hidden_layers"), w));
        return b.build();
    }

    @Override
    public CanonicalWeights weights(ModelSpec s, CheckpointReader r) {
        CanonicalWeights w = new CanonicalWeights();
        LlamaWeights.embeddingsAndHead(w, r, s, "model.");
        int q = s.nHeads() * s.headDim();
        int kv = s.nKvHeads() * s.headDim();
        for (int l = 0; l < s.nLayers(); l++) {
            String p = "model.layers." + l + ".";
            Weight qkv = r.tensor(p + "self_attn.qkv_proj.weight", q + 2L * kv, s.dModel());
            w.put(CanonicalWeights.block(l, "attn.q.weight"), qkv.rows(0, q));
            w.put(CanonicalWeights.block(l, "attn.k.weight"), qkv.rows(q, q + kv));
            w.put(CanonicalWeights.block(l, "attn.v.weight"), qkv.rows(q + kv, q + 2 * kv));
            if (s.qkvBias()) {
                Weight qkvBias = r.tensor(p + "self_attn.qkv_proj.bias", q + 2L * kv);
                w.put(CanonicalWeights.block(l, "attn.q.bias"), qkvBias.rows(0, q));
                w.put(CanonicalWeights.block(l, "attn.k.bias"), qkvBias.rows(q, q + kv));
                w.put(CanonicalWeights.block(l, "attn.v.bias"), qkvBias.rows(q + kv, q + 2 * kv));
            }
            w.put(CanonicalWeights.block(l, "attn.o.weight"), r.tensor(p + "self_attn.o_proj.weight", s.dModel(), q));
            if (s.outBias()) {
                w.put(CanonicalWeights.block(l, "attn.o.bias"), r.tensor(p + "self_attn.o_proj.bias", s.dModel()));
            }
            Weight gateUp = r.tensor(p + "mlp.gate_up_proj.weight", 2L * s.dMlp(), s.dModel());
            w.put(CanonicalWeights.block(l, "mlp.gate.weight"), gateUp.rows(0, s.dMlp()));
            w.put(CanonicalWeights.block(l, "mlp.up.weight"), gateUp.rows(s.dMlp(), 2 * s.dMlp()));
            w.put(CanonicalWeights.block(l, "mlp.down.weight"), r.tensor(p + "mlp.down_proj.weight", s.dModel(), s.dMlp()));
            w.put(CanonicalWeights.block(l, "ln1.weight"), r.tensor(p + "input_layernorm.weight", s.dModel()));
            w.put(CanonicalWeights.block(l, "ln2.weight"), r.tensor(p + "post_attention_layernorm.weight", s.dModel()));
        }
        return w;
    }
}
