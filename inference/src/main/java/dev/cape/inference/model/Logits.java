package dev.cape.inference.model;

import java.util.Arrays;

/**
 * Logits of a forward pass, row-major {@code [batch, positions, vocab]}; {@code positions} is every input position or
 * only the last one, as asked. A NaN or +∞ logit is refused where the logits are made: every score, sample and
 * statistic built on them would be meaningless.
 */
public record Logits(int batch, int positions, int vocab, float[] data) {

    public Logits {
        if ((long) batch * positions * vocab != data.length) {
            throw new IllegalArgumentException("data has " + data.length + " values for [" + batch + ", " + positions
                    + ", " + vocab + "]");
        }
        for (int i = 0; i < data.length; i++) {
            if (Float.isNaN(data[i]) || data[i] == Float.POSITIVE_INFINITY) {
                throw new ModelLoadException("the model's logits hold " + data[i] + " (batch row " + i / (positions
                        * vocab) + ", position " + i / vocab % positions + ", token " + i % vocab + "): its weights "
                        + "hold NaN or infinite values, or float16 overflowed (try --dtype float32)");
            }
        }
    }

    /** The logits at one batch row and position index. */
    public float[] row(int b, int position) {
        if (b < 0 || b >= batch || position < 0 || position >= positions) {
            throw new IndexOutOfBoundsException("row (" + b + ", " + position + ") outside [" + batch + ", "
                    + positions + "]");
        }
        int from = (b * positions + position) * vocab;
        return Arrays.copyOfRange(data, from, from + vocab);
    }

    /** The logits at the last position of batch row {@code b}. */
    public float[] last(int b) {
        return row(b, positions - 1);
    }

    /** Index of the largest value (the first on ties), HF's greedy choice. */
    public static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
