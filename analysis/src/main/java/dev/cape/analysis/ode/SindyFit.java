package dev.cape.analysis.ode;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fitted sparse polynomial field ds/dx = Ξᵀ Θ(s) with its provenance.
 *
 * @param settings         the settings used
 * @param threshold        the λ actually used (configured or chosen by cross-validation)
 * @param thresholdCv      the cross-validation table, when λ was cross-validated
 * @param field            the fitted field
 * @param equationR        STLSQ result of dR/dx
 * @param equationT        STLSQ result of dT/dx
 * @param trainingFamilies families that contributed derivative samples
 * @param samples          the derivative samples fitted
 * @param states           the scored models of the training families (observed states)
 * @param excludedModels   models without the selected benchmarks
 * @param skippedFamilies  families that contributed no sample, with the reason
 * @param notes            averaging of equal sizes, conditioning warnings, cross-validation fallbacks
 */
public record SindyFit(SindySettings settings, double threshold, Optional<ThresholdCv> thresholdCv,
                       PolynomialField field, Stlsq.Result equationR, Stlsq.Result equationT,
                       List<String> trainingFamilies, List<FamilyStates.DerivativeSample> samples,
                       List<CompositeScores.Scored> states, List<CompositeScores.Excluded> excludedModels,
                       List<SkippedFamily> skippedFamilies, List<String> notes) {

    public SindyFit {
        trainingFamilies = List.copyOf(trainingFamilies);
        samples = List.copyOf(samples);
        states = List.copyOf(states);
        excludedModels = List.copyOf(excludedModels);
        skippedFamilies = List.copyOf(skippedFamilies);
        notes = List.copyOf(notes);
    }

    /** Term names of the library, in order. */
    public List<String> terms() {
        return field.library().termNames();
    }

    /** dR/dx coefficients, term → value (zeros included). */
    public Map<String, Double> coefficientsR() {
        return field.coefficientsR();
    }

    /** dT/dx coefficients, term → value (zeros included). */
    public Map<String, Double> coefficientsT() {
        return field.coefficientsT();
    }
}
