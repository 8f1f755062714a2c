package dev.cape.inference.direction;

/**
 * Last-token activations of {@code n} sequences at every layer: {@code values[layer][row][d]}.
 *
 * @param point  hook point pattern, e.g. {@code blocks.{L}.hook_resid_post}
 * @param values {@code [layers][n][d_model]}
 */
public record LayerActivations(String point, float[][][] values) {

    public int layers() {
        return values.length;
    }

    public int rows() {
        return values[0].length;
    }

    public int dim() {
        return values[0][0].length;
    }

    /** The rows at {@code layer}. */
    public float[][] layer(int layer) {
        return values[layer];
    }
}
