package dev.cape.inference.model;

import java.util.Arrays;

/**
 * Logits of a forward pass, row-major {@code [batch, positions, vocab]}; {@code positions} is every input position or
 * only the last one, as asked. A row holding NaN or +∞ is refused when it is taken out ({@link #row}): every
 * score, sample and statistic built on it would be meaningless. (Rows, not the whole array: checking every position
 * of a batch would cost up to a sixth of its forward pass, and the rows taken out are what the results use.)
 */
public record Logits(int batch, int positions, int vocab, float[] data) {

    public Logits {
        if ((long) batch * positions * vocab != data.length) {
            throw new IllegalArgumentException("data has " + data.length + " values for [" + batch + ", " + positions
                    + ", " + vocab + "]");
        }
    }

    /** The logits at one batch row and position index. */
    public float[] row(int b, int position) {
        if (b < 0 || b >= batch || position < 0 || position >= positions) {
            throw new IndexOutOfBoundsException("row (" + b + ", " + position + ") outside [" + batch + ", "
                    + positions + "]");
        }
        int from = (b * positions + position) * vocab;
        float[] row = Arrays.copyOfRange(data, from, from + vocab);
        float sum = 0;
        for (float v : row) {
            sum += v;   // NaN or +∞ anywhere makes the sum NaN or +∞ (a −∞ logit, a ruled-out token, does not)
        }
        if (Float.isNaN(sum) || sum == Float.POSITIVE_INFINITY) {
            for (int t = 0; t < vocab; t++) {
                if (Float.isNaN(row[t]) || row[t] == Float.POSITIVE_INFINITY) {
                    throw new ModelLoadException("the model's logits hold " + row[t] + " (batch row " + b
                            + ", position " + position + ", token " + t + "): its weights hold NaN or infinite "
                            + "values, or float16 overflowed (try --dtype float32)");
                }
            }
        }
        return row;
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
