package dev.cape.analysis.ode;

/** How the STLSQ threshold λ is chosen. */
public enum ThresholdSelection {
    /** Use the configured λ (default 0.05). */
    FIXED,
    /** Choose λ from the grid by leave-one-family-out cross-validation on the training families ({@link CvScore}). */
    CROSS_VALIDATED
}
