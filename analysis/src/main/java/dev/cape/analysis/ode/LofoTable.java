package dev.cape.analysis.ode;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Leave-one-family-out prediction over every family with at least {@link SindySettings#minLofoSizes()} distinct
 * sizes: each family is held out in turn, the field is fitted on all other families (λ chosen as configured, with
 * nested cross-validation on those families when requested) and the family is predicted from its smallest size.
 *
 * @param settings        the settings used
 * @param rows            one row per held-out family, in data order
 * @param skipped         families with too few distinct sizes to be held out
 * @param meanMapeR       mean of the rows' MAPE_R over {@link HoldOutStatus#COMPLETE} rows; empty when none
 * @param meanMapeT       mean of the rows' MAPE_T over complete rows
 * @param meanMapeCombined mean of the rows' combined MAPE over complete rows
 * @param completeRows    number of complete rows
 */
public record LofoTable(SindySettings settings, List<Row> rows, List<SkippedFamily> skipped, OptionalDouble meanMapeR,
                        OptionalDouble meanMapeT, OptionalDouble meanMapeCombined, int completeRows) {

    public LofoTable {
        rows = List.copyOf(rows);
        skipped = List.copyOf(skipped);
    }

    /**
     * One held-out family.
     *
     * @param family        family name
     * @param distinctSizes its distinct sizes
     * @param status        outcome
     * @param message       one-line explanation
     * @param prediction    the full prediction; empty when the fit failed
     */
    public record Row(String family, int distinctSizes, HoldOutStatus status, String message,
                      Optional<HoldOutPrediction> prediction) {

        public OptionalDouble mapeR() {
            return prediction.map(HoldOutPrediction::mapeR).orElse(OptionalDouble.empty());
        }

        public OptionalDouble mapeT() {
            return prediction.map(HoldOutPrediction::mapeT).orElse(OptionalDouble.empty());
        }

        public OptionalDouble mapeCombined() {
            return prediction.map(HoldOutPrediction::mapeCombined).orElse(OptionalDouble.empty());
        }

        /** The λ used for this fold; empty when the fit failed. */
        public OptionalDouble threshold() {
            return prediction.map(p -> OptionalDouble.of(p.fit().threshold())).orElse(OptionalDouble.empty());
        }
    }
}
