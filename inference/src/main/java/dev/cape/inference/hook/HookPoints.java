package dev.cape.inference.hook;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Canonical hook point names (TransformerLens style). {@code b} batch, {@code pos} positions of this forward (with a
 * KV cache: only the new ones), {@code k} key positions (cached plus new), {@code d} {@code dModel}, {@code dE} the
 * embedding width ({@code dModel} except OPT with project_in/out).
 *
 * <table>
 * <caption>Hook points</caption>
 * <tr><th>name</th><th>shape</th><th>value</th></tr>
 * <tr><td>{@code hook_embed}</td><td>[b, pos, d]</td><td>input of block 0: token embedding (× Gemma's scale,
 *     + learned positions, after OPT's project_in)</td></tr>
 * <tr><td>{@code blocks.L.hook_resid_pre}</td><td>[b, pos, d]</td><td>residual stream entering block L</td></tr>
 * <tr><td>{@code blocks.L.attn.hook_pattern}</td><td>[b, head, pos, k]</td><td>attention probabilities (0 where masked)
 *     </td></tr>
 * <tr><td>{@code blocks.L.attn.hook_z}</td><td>[b, pos, head, d_head]</td><td>pattern · V, per head, before the output
 *     projection</td></tr>
 * <tr><td>{@code blocks.L.attn.hook_result}</td><td>[b, pos, head, d]</td><td>each head's contribution through the
 *     output projection, without its bias (computed only when hooked; an edit here defines hook_attn_out as the sum over
 *     heads plus the bias)</td></tr>
 * <tr><td>{@code blocks.L.hook_attn_out}</td><td>[b, pos, d]</td><td>attention output (output projection incl. bias;
 *     before Gemma 2's post-attention norm)</td></tr>
 * <tr><td>{@code blocks.L.hook_resid_mid}</td><td>[b, pos, d]</td><td>residual stream between attention and MLP;
 *     not fired by parallel blocks (phi, gpt_neox parallel), whose MLP reads the block input</td></tr>
 * <tr><td>{@code blocks.L.hook_mlp_out}</td><td>[b, pos, d]</td><td>MLP output (before Gemma 2's post-MLP norm)</td></tr>
 * <tr><td>{@code blocks.L.hook_resid_post}</td><td>[b, pos, d]</td><td>output of block L (HF hidden_states[L+1] for
 *     all but the last block)</td></tr>
 * <tr><td>{@code hook_final_norm}</td><td>[b, pos, dE]</td><td>after the final norm (and OPT's project_out): the input
 *     of the unembedding, HF's last hidden state</td></tr>
 * </table>
 */
public final class HookPoints {

    public static final String EMBED = "hook_embed";
    public static final String FINAL_NORM = "hook_final_norm";

    private static final Pattern BLOCK = Pattern.compile(
            "blocks\\.(\\d+)\\.(hook_resid_pre|attn\\.hook_pattern|attn\\.hook_z|attn\\.hook_result|hook_attn_out"
                    + "|hook_resid_mid|hook_mlp_out|hook_resid_post)");

    private HookPoints() {
    }

    public static String residPre(int layer) {
        return "blocks." + layer + ".hook_resid_pre";
    }

    public static String pattern(int layer) {
        return "blocks." + layer + ".attn.hook_pattern";
    }

    public static String z(int layer) {
        return "blocks." + layer + ".attn.hook_z";
    }

    public static String result(int layer) {
        return "blocks." + layer + ".attn.hook_result";
    }

    public static String attnOut(int layer) {
        return "blocks." + layer + ".hook_attn_out";
    }

    public static String residMid(int layer) {
        return "blocks." + layer + ".hook_resid_mid";
    }

    public static String mlpOut(int layer) {
        return "blocks." + layer + ".hook_mlp_out";
    }

    public static String residPost(int layer) {
        return "blocks." + layer + ".hook_resid_post";
    }

    /** Every hook point of a model with {@code layers} blocks, in the order they fire. */
    public static List<String> all(int layers, boolean parallelBlocks) {
        List<String> out = new ArrayList<>();
        out.add(EMBED);
        for (int l = 0; l < layers; l++) {
            out.add(residPre(l));
            out.add(pattern(l));
            out.add(z(l));
            out.add(result(l));
            out.add(attnOut(l));
            if (!parallelBlocks) {
                out.add(residMid(l));
            }
            out.add(mlpOut(l));
            out.add(residPost(l));
        }
        out.add(FINAL_NORM);
        return out;
    }

    /** The layer of a block hook point, or -1 for {@code hook_embed} / {@code hook_final_norm}. */
    public static int layerOf(String point) {
        Matcher m = BLOCK.matcher(point);
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }
}
