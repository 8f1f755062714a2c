package dev.cape.analysis.ode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The SINDy candidate library Θ(s) of all monomials R^i·T^j with i + j ≤ order (method §7).
 *
 * <p>Terms are ordered by total degree, and within a degree by decreasing power of R; order 2 gives
 * [1, R, T, R², R·T, T²] named "1", "R", "T", "R^2", "R*T", "T^2". The constant term is always index 0.
 */
public final class PolynomialLibrary {

    /** Highest supported order; higher orders are numerically meaningless on scores in [0, 1] with ~100 samples. */
    public static final int MAX_ORDER = 5;

    private final int order;
    private final int[] powR;
    private final int[] powT;
    private final List<String> names;

    private PolynomialLibrary(int order) {
        this.order = order;
        List<int[]> terms = new ArrayList<>();
        for (int d = 0; d <= order; d++) {
            for (int i = d; i >= 0; i--) {
                terms.add(new int[] {i, d - i});
            }
        }
        powR = new int[terms.size()];
        powT = new int[terms.size()];
        List<String> n = new ArrayList<>();
        for (int k = 0; k < terms.size(); k++) {
            powR[k] = terms.get(k)[0];
            powT[k] = terms.get(k)[1];
            n.add(name(powR[k], powT[k]));
        }
        names = Collections.unmodifiableList(n);
    }

    /** The library of all monomials up to {@code order} (1 ≤ order ≤ {@value #MAX_ORDER}). */
    public static PolynomialLibrary ofOrder(int order) {
        if (order < 1 || order > MAX_ORDER) {
            throw new IllegalArgumentException("library order must be in [1, " + MAX_ORDER + "]: " + order);
        }
        return new PolynomialLibrary(order);
    }

    private static String name(int i, int j) {
        if (i == 0 && j == 0) {
            return "1";
        }
        String r = i == 0 ? "" : i == 1 ? "R" : "R^" + i;
        String t = j == 0 ? "" : j == 1 ? "T" : "T^" + j;
        return r.isEmpty() ? t : t.isEmpty() ? r : r + "*" + t;
    }

    public int order() {
        return order;
    }

    /** Number of terms, (order + 1)(order + 2) / 2. */
    public int size() {
        return powR.length;
    }

    /** Term names in library order. */
    public List<String> termNames() {
        return names;
    }

    /** Index of a term by name, or -1. */
    public int indexOf(String term) {
        return names.indexOf(term);
    }

    /** Θ(R, T): the value of every term. */
    public double[] evaluate(double r, double t) {
        double[] out = new double[powR.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = pow(r, powR[k]) * pow(t, powT[k]);
        }
        return out;
    }

    /** ∂Θ/∂R at (R, T). */
    public double[] derivativeR(double r, double t) {
        double[] out = new double[powR.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = powR[k] == 0 ? 0 : powR[k] * pow(r, powR[k] - 1) * pow(t, powT[k]);
        }
        return out;
    }

    /** ∂Θ/∂T at (R, T). */
    public double[] derivativeT(double r, double t) {
        double[] out = new double[powR.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = powT[k] == 0 ? 0 : powT[k] * pow(r, powR[k]) * pow(t, powT[k] - 1);
        }
        return out;
    }

    private static double pow(double v, int p) {
        double out = 1;
        for (int i = 0; i < p; i++) {
            out *= v;
        }
        return out;
    }

    @Override
    public String toString() {
        return "PolynomialLibrary" + names;
    }
}
