package dev.cape.analysis.ode;

import org.apache.commons.math3.complex.Complex;

import java.util.List;

/**
 * The Jacobian of a field at one state with its eigen-decomposition and classification.
 *
 * @param r            R of the state
 * @param t            T of the state
 * @param dRdR         ∂Ṙ/∂R
 * @param dRdT         ∂Ṙ/∂T
 * @param dTdR         ∂Ṫ/∂R
 * @param dTdT         ∂Ṫ/∂T
 * @param eigenvalues  the two eigenvalues, ordered by decreasing real part, then decreasing imaginary part
 * @param eigenvectors unit eigenvectors (complex for a complex pair), eigenvectors.get(i) for eigenvalues.get(i);
 *                     for a defective J both entries are the single eigenvector
 * @param interaction  class from the signs of ∂Ṙ/∂T and ∂Ṫ/∂R
 * @param type         local linear type
 */
public record JacobianAnalysis(double r, double t, double dRdR, double dRdT, double dTdR, double dTdT,
                               List<Complex> eigenvalues, List<List<Complex>> eigenvectors,
                               InteractionClass interaction, LinearType type) {

    public JacobianAnalysis {
        eigenvalues = List.copyOf(eigenvalues);
        eigenvectors = eigenvectors.stream().map(List::copyOf).toList();
    }

    public double trace() {
        return dRdR + dTdT;
    }

    public double determinant() {
        return dRdR * dTdT - dRdT * dTdR;
    }

    /** Whether the eigenvalues are a complex-conjugate pair. */
    public boolean complex() {
        return eigenvalues.get(0).getImaginary() != 0;
    }
}
