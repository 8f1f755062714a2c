package dev.cape.analysis.diagnosis;

import dev.cape.analysis.coupling.CouplingCurve;
import dev.cape.analysis.coupling.CriticalScale;
import dev.cape.analysis.coupling.FamilyScores;
import dev.cape.analysis.phase.Phase;
import dev.cape.analysis.resampling.CouplingBand;
import dev.cape.analysis.resampling.FamilyBootstrap;
import java.util.List;

/**
 * Diagnosis of one family: each model's coupling and phase, the coupling curve, and N_c with its bootstrap, which
 * also carries the pointwise bootstrap band of the coupling curve ({@link #band()}).
 *
 * @param scores    the family's composite scores
 * @param curve     coupling curve (null for families with fewer than 3 models)
 * @param phases    phase of each model, parallel to the scores
 * @param nc        critical scale of the curve
 * @param bootstrap bootstrap of N_c and of the curve (null for families with fewer than 3 models)
 * @param note      why N_c is undefined, or empty
 */
public record FamilyDiagnosis(FamilyScores scores, CouplingCurve curve, List<Phase> phases, CriticalScale nc,
                              FamilyBootstrap.Result bootstrap, String note) {

    public String family() {
        return scores.family();
    }

    /**
     * Pointwise percentile band of the coupling curve on the curve's grid, from the same resamples as N_c's interval;
     * null when the family was not bootstrapped (fewer than 3 models or 3 distinct sizes).
     */
    public CouplingBand band() {
        return bootstrap == null ? null : bootstrap.band();
    }

    /** Coupling score of model i (NaN where undefined). */
    public double coupling(int i) {
        return curve == null ? Double.NaN : curve.modelC()[i];
    }
}
