package dev.cape.analysis.ode;

import java.util.List;

/**
 * The settings of a SINDy computation, carried by every result.
 *
 * @param reasoning          reasoning benchmarks averaged into R
 * @param truth              truthfulness benchmark T
 * @param libraryOrder       polynomial order of Θ
 * @param threshold          configured λ (used as is with {@link ThresholdSelection#FIXED})
 * @param ridge              α on standardised columns
 * @param maxIterations      STLSQ iteration limit
 * @param thresholdSelection how λ is chosen
 * @param thresholdGrid      λ candidates for cross-validation
 * @param cvScore            cross-validation score
 * @param minLofoSizes       distinct sizes a family needs to be a held-out fold
 * @param integrator         integrator settings
 */
public record SindySettings(List<String> reasoning, String truth, int libraryOrder, double threshold, double ridge,
                            int maxIterations, ThresholdSelection thresholdSelection, List<Double> thresholdGrid,
                            CvScore cvScore, int minLofoSizes, TrajectoryIntegrator.Settings integrator) {
    public SindySettings {
        reasoning = List.copyOf(reasoning);
        thresholdGrid = List.copyOf(thresholdGrid);
    }
}
