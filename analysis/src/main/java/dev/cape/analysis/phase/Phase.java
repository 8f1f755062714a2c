package dev.cape.analysis.phase;

/**
 * Phase of a model from its coupling score c (spec §2): tax if c ≤ −τ, cooperative if c ≥ +τ, transition
 * otherwise; undefined where c is.
 */
public enum Phase {
    TAX("tax"), TRANSITION("transition"), COOPERATIVE("cooperative"), UNDEFINED("undefined");

    /** Default threshold τ. */
    public static final double DEFAULT_TAU = 0.2;

    private final String id;

    Phase(String id) {
        this.id = id;
    }

    /** The lower-case name used in reports and JSON. */
    public String id() {
        return id;
    }

    /** The phase of a coupling score with threshold tau. */
    public static Phase of(double coupling, double tau) {
        if (Double.isNaN(coupling)) {
            return UNDEFINED;
        }
        if (coupling <= -tau) {
            return TAX;
        }
        if (coupling >= tau) {
            return COOPERATIVE;
        }
        return TRANSITION;
    }

    /** Validates τ ∈ [0, 1). */
    public static double checkTau(double tau) {
        if (!(tau >= 0 && tau < 1)) {
            throw new IllegalArgumentException("tau must be in [0, 1): " + tau);
        }
        return tau;
    }
}
