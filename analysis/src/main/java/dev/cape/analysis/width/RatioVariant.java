package dev.cape.analysis.width;

import java.util.Objects;

/**
 * Ratio variant of width normalisation (method §5): each model's score divided by log2 of its hidden width,
 * R_i / log2(d_i) and T_i / log2(d_i).
 *
 * <p>NumPy equivalent: {@code score / np.log2(d)}. Widths must exceed 1 so that log2 d &gt; 0.
 */
public final class RatioVariant {

    /**
     * Width-normalised scores of one family, per model in input order.
     *
     * @param reasoning    R_i / log2 d_i
     * @param truthfulness T_i / log2 d_i
     */
    public record Ratios(double[] reasoning, double[] truthfulness) {

        public Ratios {
            reasoning = reasoning.clone();
            truthfulness = truthfulness.clone();
        }

        @Override
        public double[] reasoning() {
            return reasoning.clone();
        }

        @Override
        public double[] truthfulness() {
            return truthfulness.clone();
        }
    }

    private RatioVariant() {
    }

    /**
     * score_i / log2(hiddenWidth_i).
     *
     * @throws IllegalArgumentException for empty, mismatched or non-finite arrays, or a width &lt;= 1
     */
    public static double[] ratio(double[] score, double[] hiddenWidth) {
        PartialCorrelation.checked(score, "score", null);
        PartialCorrelation.checked(hiddenWidth, "hiddenWidth", null);
        if (score.length != hiddenWidth.length) {
            throw new IllegalArgumentException("score and hiddenWidth must have the same length: " + score.length
                    + " vs " + hiddenWidth.length);
        }
        double[] out = new double[score.length];
        for (int i = 0; i < out.length; i++) {
            if (!(hiddenWidth[i] > 1)) {
                throw new IllegalArgumentException("hiddenWidth[" + i + "] must be > 1 (log2 d > 0): "
                        + hiddenWidth[i]);
            }
            out[i] = score[i] / PartialCorrelation.log2(hiddenWidth[i]);
        }
        return out;
    }

    /** R/log2(d) and T/log2(d) for the models of one family. */
    public static Ratios of(double[] reasoning, double[] truthfulness, double[] hiddenWidth) {
        Objects.requireNonNull(reasoning, "reasoning");
        Objects.requireNonNull(truthfulness, "truthfulness");
        if (reasoning.length != truthfulness.length) {
            throw new IllegalArgumentException("reasoning and truthfulness must have the same length: "
                    + reasoning.length + " vs " + truthfulness.length);
        }
        return new Ratios(ratio(reasoning, hiddenWidth), ratio(truthfulness, hiddenWidth));
    }

    /** R/log2(d) and T/log2(d) for one family. */
    public static Ratios of(PartialCorrelation.Family family) {
        Objects.requireNonNull(family, "family");
        return of(family.reasoning(), family.truthfulness(), family.hiddenWidth());
    }
}
