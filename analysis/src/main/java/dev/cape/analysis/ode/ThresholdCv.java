package dev.cape.analysis.ode;

import java.util.List;
import java.util.OptionalDouble;

/**
 * Leave-one-family-out cross-validation of the STLSQ threshold λ.
 *
 * @param score   the score minimised
 * @param folds   the held-out families used as folds
 * @param rows    one row per λ of the grid, in grid order
 * @param chosen  the λ selected: fewest failed folds, then lowest mean score, ties to the larger λ
 */
public record ThresholdCv(CvScore score, List<String> folds, List<Row> rows, double chosen) {

    public ThresholdCv {
        folds = List.copyOf(folds);
        rows = List.copyOf(rows);
    }

    /**
     * The cross-validation result of one λ.
     *
     * @param lambda      the threshold
     * @param failedFolds folds that could not be scored (fit failed, trajectory stopped early, no usable sample)
     * @param meanScore   mean score (%) over the other folds; empty when every fold failed
     */
    public record Row(double lambda, int failedFolds, OptionalDouble meanScore) {
    }
}
