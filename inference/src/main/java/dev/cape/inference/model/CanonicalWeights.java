package dev.cape.inference.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The weights of a model under the canonical names the unified transformer reads, all in HF Linear layout
 * ({@code [out, in]}). Names:
 * <pre>
 * embed [vocab, dEmbed]          pos_embed [positions + offset, dModel]
 * project_in.weight [dModel, dEmbed]    project_out.weight [dEmbed, dModel]
 * blocks.L.ln1.weight/.bias      blocks.L.ln2.weight/.bias    blocks.L.ln1_post.weight  blocks.L.ln2_post.weight
 * blocks.L.attn.q.weight [heads·hd, dModel] (+ .bias)   blocks.L.attn.k / .v [kvHeads·hd, dModel] (+ .bias)
 * blocks.L.attn.o.weight [dModel, heads·hd] (+ .bias)   blocks.L.attn.q_norm.weight / k_norm.weight [hd]
 * blocks.L.mlp.gate.weight [dMlp, dModel]   blocks.L.mlp.up.weight [dMlp, dModel]   blocks.L.mlp.down.weight [dModel, dMlp]
 *   (+ .bias each; a plain MLP has up = fc_in and down = fc_out, no gate)
 * final_norm.weight/.bias        unembed.weight [vocab, dEmbed] (+ .bias)
 * </pre>
 * Norm weights are stored as in the checkpoint (Gemma's offset {@code w}, used as {@code 1 + w}).
 */
public final class CanonicalWeights {

    private final Map<String, Weight> weights = new TreeMap<>();

    public static String block(int layer, String name) {
        return "blocks." + layer + "." + name;
    }

    /** Adds a weight under a canonical name. */
    public CanonicalWeights put(String canonicalName, Weight w) {
        if (weights.putIfAbsent(canonicalName, w) != null) {
            throw new IllegalStateException("canonical weight '" + canonicalName + "' given twice");
        }
        return this;
    }

    public boolean has(String canonicalName) {
        return weights.containsKey(canonicalName);
    }

    /** The weight, which must exist with the given shape. */
    public Weight require(String canonicalName, long... shape) {
        Weight w = weights.get(canonicalName);
        if (w == null) {
            throw new ModelLoadException("the architecture adapter gave no weight '" + canonicalName + "'");
        }
        if (!Arrays.equals(w.shape(), shape)) {
            throw new ModelLoadException("weight '" + canonicalName + "' (from " + w.source() + ") has shape "
                    + Arrays.toString(w.shape()) + ", expected " + Arrays.toString(shape));
        }
        return w;
    }

    public Map<String, Weight> asMap() {
        return Collections.unmodifiableMap(weights);
    }
}
