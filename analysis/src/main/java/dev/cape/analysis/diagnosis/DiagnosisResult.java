package dev.cape.analysis.diagnosis;

import dev.cape.analysis.phase.PooledPhaseCorrelation;
import dev.cape.analysis.resampling.MeanCriticalScale;
import dev.cape.analysis.width.WidthNormalisation;
import java.util.List;

/**
 * Everything a phase diagnosis found, with the settings and data it was computed from.
 *
 * @param source      where the data came from
 * @param importNotes what the import changed or assumed
 * @param options     the settings used (provenance)
 * @param families    per-family diagnoses, in data order
 * @param excluded    models left out and why
 * @param tax         pooled tax-phase correlation with its test
 * @param cooperative pooled cooperative-phase correlation with its test
 * @param meanNc      mean critical scale over families (uncensored geometric mean and censored-normal fit)
 * @param width       width normalisation
 */
public record DiagnosisResult(String source, List<String> importNotes, DiagnosisOptions options,
                              List<FamilyDiagnosis> families, List<Composites.Excluded> excluded,
                              PooledPhaseCorrelation.Result tax, PooledPhaseCorrelation.Result cooperative,
                              MeanCriticalScale.Result meanNc, WidthNormalisation.Result width) {
}
