package dev.cape.analysis.ode;

/** How the integration of a trajectory ended. */
public enum TrajectoryStatus {
    /** Every target was reached inside [0,1]². */
    COMPLETED,
    /**
     * The trajectory left [0,1]² (see {@link Trajectory#exitX()}); with {@link BoundaryPolicy#STOP_AT_EXIT} later
     * targets were not reached.
     */
    LEFT_BOX,
    /** |R| or |T| exceeded the blow-up limit or the field became non-finite; later targets were not reached. */
    BLEW_UP,
    /** The integrator failed (e.g. step size underflow); later targets were not reached. */
    FAILED
}
