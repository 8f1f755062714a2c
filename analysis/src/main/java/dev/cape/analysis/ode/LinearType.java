package dev.cape.analysis.ode;

/**
 * Local type of the linearisation ds/dx ≈ J (s − s*) from the eigenvalues λ₁, λ₂ of J (tr = trace, det =
 * determinant); det is treated as zero when |det| ≤ 1e-12·max(1, ‖J‖²_F), a real part as zero when
 * |Re λ| ≤ 1e-12·max(1, ‖J‖_F).
 */
public enum LinearType {
    /** Both eigenvalues real and negative. */
    STABLE_NODE,
    /** Both eigenvalues real and positive. */
    UNSTABLE_NODE,
    /** Real eigenvalues of opposite sign. */
    SADDLE,
    /** Complex pair with negative real part. */
    STABLE_FOCUS,
    /** Complex pair with positive real part. */
    UNSTABLE_FOCUS,
    /** Purely imaginary pair. */
    CENTER,
    /** det J = 0: a zero eigenvalue, the linearisation does not decide. */
    DEGENERATE
}
