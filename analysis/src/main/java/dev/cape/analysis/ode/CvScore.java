package dev.cape.analysis.ode;

/**
 * The held-out score that leave-one-family-out cross-validation of λ minimises. Folds are the training families
 * with at least the minimum number of distinct sizes; each fold is fitted on the other training families.
 */
public enum CvScore {
    /**
     * Combined MAPE (%) of R and T along the held-out family's integrated trajectory, started at its smallest
     * size and compared with the family's state at each larger distinct size (models of one size averaged); a
     * fold whose trajectory does not reach every size (left [0,1]², blew up) or whose fit fails counts as failed. λ values are ranked by failed folds, then by mean MAPE over the other folds. The default.
     */
    TRAJECTORY_MAPE,
    /**
     * Combined MAPE (%) of the held-out family's finite-difference derivatives dR/dx and dT/dx predicted by the
     * field at the sample midpoints. Observed derivatives with |value| &lt; 1e-12 are skipped; derivatives near zero
     * make this score unstable, which is why the trajectory score is the default.
     */
    DERIVATIVE_MAPE
}
