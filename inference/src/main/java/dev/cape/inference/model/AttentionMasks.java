package dev.cape.inference.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Additive attention masks (float32, 0 where a query sees a key, {@link #MASKED} elsewhere) and the positions of a
 * left-padded batch: causal, optionally within a sliding window, with pad keys hidden.
 */
final class AttentionMasks {

    /** HF adds {@code finfo(float32).min} to masked scores, so their probability is exactly 0. */
    static final float MASKED = -Float.MAX_VALUE;

    private AttentionMasks() {
    }

    /** Whether every query of a forward sees every key, so that it needs no mask: one new position, no window
     *  shorter than the keys. */
    static boolean allVisible(int p0, int t, int window) {
        return t == 1 && (window <= 0 || window > p0);
    }

    /** Mask {@code [t, s]}: query i (absolute p0 + i) sees key j iff j ≤ p0 + i and (no window or j > p0 + i − W). */
    static NDArray causal(NDManager scope, int p0, int t, int keys, int window) {
        float[] m = new float[t * keys];
        for (int i = 0; i < t; i++) {
            int qPos = p0 + i;
            for (int j = 0; j < keys; j++) {
                boolean visible = j <= qPos && (window <= 0 || j > qPos - window);
                m[i * keys + j] = visible ? 0f : MASKED;
            }
        }
        return scope.create(m, new Shape(t, keys));  // [t, s]
    }

    /**
     * Mask {@code [b, 1, t, s]} of a left-padded batch: in row r (padding P), query i (padded index q = p0 + i) sees
     * key j iff q ≥ P, P ≤ j ≤ q and (no window or j > q − W), the causal mask shifted past the pads; a pad query
     * (q &lt; P) sees only itself, so its softmax row stays finite.
     */
    static NDArray padded(NDManager scope, int[] pads, int p0, int t, int keys, int window) {
        int b = pads.length;
        float[] m = new float[b * t * keys];
        for (int r = 0; r < b; r++) {
            for (int i = 0; i < t; i++) {
                int q = p0 + i;
                for (int j = 0; j < keys; j++) {
                    boolean visible = q < pads[r] ? j == q
                            : j >= pads[r] && j <= q && (window <= 0 || j > q - window);
                    m[(r * t + i) * keys + j] = visible ? 0f : MASKED;
                }
            }
        }
        return scope.create(m, new Shape(b, 1, t, keys));  // [b, 1, t, s]
    }

    /** Position of each slot {@code [b·t]} of a left-padded forward: padded index minus the row's padding, 0 on pads. */
    static int[] positions(int[] pads, int p0, int t) {
        int[] pos = new int[pads.length * t];
        for (int r = 0; r < pads.length; r++) {
            for (int i = 0; i < t; i++) {
                pos[r * t + i] = Math.max(0, p0 + i - pads[r]);
            }
        }
        return pos;
    }
}
