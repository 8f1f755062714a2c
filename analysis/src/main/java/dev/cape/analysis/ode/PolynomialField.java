package dev.cape.analysis.ode;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A polynomial vector field ds/dx = Ξᵀ Θ(s) over a {@link PolynomialLibrary}, with its analytic Jacobian.
 *
 * <p>dR/dx = Σ_k ξ^R_k θ_k(R, T), dT/dx = Σ_k ξ^T_k θ_k(R, T); J = [[∂Ṙ/∂R, ∂Ṙ/∂T], [∂Ṫ/∂R, ∂Ṫ/∂T]] with the
 * derivatives of the monomials taken exactly.
 */
public final class PolynomialField implements StateField {

    private final PolynomialLibrary library;
    private final double[] xiR;
    private final double[] xiT;

    private PolynomialField(PolynomialLibrary library, double[] xiR, double[] xiT) {
        this.library = library;
        this.xiR = xiR;
        this.xiT = xiT;
    }

    /** A field from coefficient vectors in library order. */
    public static PolynomialField of(PolynomialLibrary library, double[] xiR, double[] xiT) {
        Objects.requireNonNull(library, "library");
        if (xiR.length != library.size() || xiT.length != library.size()) {
            throw new IllegalArgumentException("coefficient vectors must have " + library.size()
                    + " entries (one per term of " + library.termNames() + "): " + xiR.length + " and " + xiT.length);
        }
        for (int k = 0; k < xiR.length; k++) {
            if (!Double.isFinite(xiR[k]) || !Double.isFinite(xiT[k])) {
                throw new IllegalArgumentException("coefficients must be finite: term " + library.termNames().get(k)
                        + " has dR/dx " + xiR[k] + ", dT/dx " + xiT[k]);
            }
        }
        return new PolynomialField(library, xiR.clone(), xiT.clone());
    }

    /** A field from term → coefficient maps; absent terms are zero, unknown terms are refused. */
    public static PolynomialField of(PolynomialLibrary library, Map<String, Double> dR, Map<String, Double> dT) {
        return of(library, toVector(library, dR, "dR"), toVector(library, dT, "dT"));
    }

    private static double[] toVector(PolynomialLibrary library, Map<String, Double> m, String what) {
        double[] out = new double[library.size()];
        for (Map.Entry<String, Double> e : m.entrySet()) {
            int k = library.indexOf(e.getKey());
            if (k < 0) {
                throw new IllegalArgumentException(what + " term must be one of " + library.termNames() + ": " + e.getKey());
            }
            out[k] = e.getValue();
        }
        return out;
    }

    public PolynomialLibrary library() {
        return library;
    }

    /** Coefficients of dR/dx, term → value, in library order (zeros included). */
    public Map<String, Double> coefficientsR() {
        return toMap(xiR);
    }

    /** Coefficients of dT/dx, term → value, in library order (zeros included). */
    public Map<String, Double> coefficientsT() {
        return toMap(xiT);
    }

    double[] xiR() {
        return xiR.clone();
    }

    double[] xiT() {
        return xiT.clone();
    }

    /** True when every coefficient is exactly zero. */
    public boolean isZero() {
        return Arrays.stream(xiR).allMatch(v -> v == 0) && Arrays.stream(xiT).allMatch(v -> v == 0);
    }

    private Map<String, Double> toMap(double[] xi) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int k = 0; k < xi.length; k++) {
            m.put(library.termNames().get(k), xi[k]);
        }
        return Collections.unmodifiableMap(m);
    }

    @Override
    public double[] rate(double r, double t) {
        double[] th = library.evaluate(r, t);
        return new double[] {dot(xiR, th), dot(xiT, th)};
    }

    /** J(R, T) = [[∂Ṙ/∂R, ∂Ṙ/∂T], [∂Ṫ/∂R, ∂Ṫ/∂T]]. */
    public double[][] jacobian(double r, double t) {
        double[] dr = library.derivativeR(r, t);
        double[] dt = library.derivativeT(r, t);
        return new double[][] {{dot(xiR, dr), dot(xiR, dt)}, {dot(xiT, dr), dot(xiT, dt)}};
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }

    /** The field as readable equations, e.g. "dR/dx = 0.5 R - 0.2 R*T; dT/dx = 0". */
    @Override
    public String toString() {
        return "dR/dx = " + equation(xiR) + "; dT/dx = " + equation(xiT);
    }

    private String equation(double[] xi) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < xi.length; k++) {
            if (xi[k] == 0) {
                continue;
            }
            String term = library.termNames().get(k);
            String v = String.format(java.util.Locale.ROOT, "%.4g", Math.abs(xi[k]));
            if (sb.length() == 0) {
                sb.append(xi[k] < 0 ? "-" : "");
            } else {
                sb.append(xi[k] < 0 ? " - " : " + ");
            }
            sb.append(v);
            if (!term.equals("1")) {
                sb.append(' ').append(term);
            }
        }
        return sb.length() == 0 ? "0" : sb.toString();
    }
}
