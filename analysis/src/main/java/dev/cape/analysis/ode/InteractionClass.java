package dev.cape.analysis.ode;

/**
 * Interaction of reasoning and truthfulness read from the off-diagonal Jacobian entries a = ∂Ṙ/∂T and b = ∂Ṫ/∂R
 * (method §7): an entry with |value| ≤ the zero tolerance counts as zero.
 */
public enum InteractionClass {
    /** a &gt; 0 and b &gt; 0: each capability speeds up the other. */
    COOPERATIVE,
    /** a &lt; 0 and b &lt; 0: each capability slows down the other. */
    COMPETITIVE,
    /** Any other sign pattern with at least one non-zero entry (opposite signs, or one of them zero). */
    MIXED,
    /** a = 0 and b = 0: no interaction. */
    NONE;

    /** Classifies the pair (∂Ṙ/∂T, ∂Ṫ/∂R) with the given zero tolerance ≥ 0. */
    public static InteractionClass of(double dRdT, double dTdR, double zeroTolerance) {
        int a = Math.abs(dRdT) <= zeroTolerance ? 0 : (int) Math.signum(dRdT);
        int b = Math.abs(dTdR) <= zeroTolerance ? 0 : (int) Math.signum(dTdR);
        if (a == 0 && b == 0) {
            return NONE;
        }
        if (a > 0 && b > 0) {
            return COOPERATIVE;
        }
        if (a < 0 && b < 0) {
            return COMPETITIVE;
        }
        return MIXED;
    }
}
