package dev.cape.analysis.ode;

/** What a trajectory does when it leaves the score box [0,1]². */
public enum BoundaryPolicy {
    /** Stop at the exit; sizes beyond it are not predicted. The default. */
    STOP_AT_EXIT,
    /** Record the first exit and keep integrating; points outside the box are flagged, never clipped. */
    FLAG_AND_CONTINUE
}
