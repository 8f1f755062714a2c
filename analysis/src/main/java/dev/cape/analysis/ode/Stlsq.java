package dev.cape.analysis.ode;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularValueDecomposition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Sequentially thresholded ridge least squares (STLSQ) for one equation ẏ ≈ Θ ξ (method §7; PySINDy {@code STLSQ}).
 *
 * <p><b>Ridge step on the active set A.</b> Every non-constant column θ_j is standardised with its mean m_j and
 * population standard deviation s_j (ddof = 0) over all samples. If the constant term is active the columns are
 * centred and scaled, z_j = (θ_j − m_j) / s_j, the constant column stays a column of ones and is not penalised;
 * otherwise they are only scaled, z_j = θ_j / s_j (centring without an intercept would change the model). The
 * minimiser of ‖y − β₀·1 − Z β‖² + α ‖β‖² (sum of squares, not divided by n) is found by QR least squares on the
 * augmented system [[1, Z], [0, √α I]] β = [y, 0]. Coefficients are mapped back to the raw library by
 * ξ_j = β_j / s_j and, with a constant, ξ_1 = β₀ − Σ_j β_j m_j / s_j.
 *
 * <p><b>Thresholding.</b> Starting from all terms, coefficients with |ξ_j| &lt; λ (in raw library units, the units
 * of the reported ODE) are removed from A, the constant term included, and the ridge step is repeated on the new A
 * until A no longer changes (converged) or {@code maxIterations} refits were made. An empty A gives ξ = 0.
 *
 * <p><b>Singularity.</b> A non-constant column with s_j ≤ 1e-12·max(1, |m_j|) duplicates the constant term, and
 * a standardised full library [1, Z] with reciprocal condition number &lt; 1e-12 has linearly dependent columns;
 * both are refused with an {@link IllegalArgumentException} naming the problem. A condition number above
 * {@value #ILL_CONDITIONED} is reported as a warning in {@link Result#notes()}.
 */
public final class Stlsq {

    /** Condition number of the standardised library above which a fit carries an ill-conditioning warning. */
    public static final double ILL_CONDITIONED = 1e8;

    private final double threshold;
    private final double ridge;
    private final int maxIterations;

    private Stlsq(double threshold, double ridge, int maxIterations) {
        this.threshold = threshold;
        this.ridge = ridge;
        this.maxIterations = maxIterations;
    }

    /** λ = 0.05, α = 1e-3, at most 20 refits. */
    public static Stlsq withDefaults() {
        return new Stlsq(0.05, 1e-3, 20);
    }

    /** Threshold λ ≥ 0 below which a coefficient is set to zero. */
    public Stlsq withThreshold(double lambda) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("threshold must be a finite number >= 0: " + lambda);
        }
        return new Stlsq(lambda, ridge, maxIterations);
    }

    /** Ridge penalty α ≥ 0 on the standardised columns. */
    public Stlsq withRidge(double alpha) {
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("ridge must be a finite number >= 0: " + alpha);
        }
        return new Stlsq(threshold, alpha, maxIterations);
    }

    /** Maximum number of threshold-and-refit iterations, ≥ 1. */
    public Stlsq withMaxIterations(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1: " + n);
        }
        return new Stlsq(threshold, ridge, n);
    }

    public double threshold() {
        return threshold;
    }

    public double ridge() {
        return ridge;
    }

    public int maxIterations() {
        return maxIterations;
    }

    /**
     * Fits one equation.
     *
     * @param library the library whose terms are the columns of {@code theta} (constant term at index 0)
     * @param theta   n × p library matrix
     * @param y       n targets
     */
    public Result fit(PolynomialLibrary library, double[][] theta, double[] y) {
        Objects.requireNonNull(library, "library");
        int n = theta.length;
        int p = library.size();
        if (y.length != n) {
            throw new IllegalArgumentException("targets must have one value per library row (" + n + "): " + y.length);
        }
        if (n < p) {
            throw new IllegalArgumentException("need at least as many derivative samples as library terms ("
                    + p + " for " + library.termNames() + "): " + n);
        }
        for (int i = 0; i < n; i++) {
            if (theta[i].length != p) {
                throw new IllegalArgumentException("library row " + i + " must have " + p + " entries: " + theta[i].length);
            }
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("target " + i + " must be finite: " + y[i]);
            }
            for (double v : theta[i]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("library row " + i + " must be finite: "
                            + java.util.Arrays.toString(theta[i]));
                }
            }
        }
        Scaling sc = Scaling.of(library, theta);
        List<String> notes = new ArrayList<>();
        if (sc.condition > ILL_CONDITIONED) {
            notes.add(String.format(Locale.ROOT, "library is ill-conditioned: condition number %.3g of the "
                    + "standardised library over %d samples; coefficients are unstable", sc.condition, n));
        }
        boolean[] active = new boolean[p];
        java.util.Arrays.fill(active, true);
        double[] xi = ridgeFit(theta, y, sc, active);
        int iterations = 0;
        boolean converged = false;
        while (iterations < maxIterations) {
            iterations++;
            boolean[] next = new boolean[p];
            boolean changed = false;
            boolean any = false;
            for (int j = 0; j < p; j++) {
                next[j] = active[j] && Math.abs(xi[j]) >= threshold;
                changed |= next[j] != active[j];
                any |= next[j];
            }
            if (!changed) {
                converged = true;
                break;
            }
            active = next;
            if (!any) {
                xi = new double[p];
                converged = true;
                break;
            }
            xi = ridgeFit(theta, y, sc, active);
        }
        if (!converged) {
            notes.add("support still changing after " + maxIterations + " iterations; last fit reported");
        }
        Map<String, Double> coef = new LinkedHashMap<>();
        List<String> support = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            coef.put(library.termNames().get(j), xi[j]);
            if (xi[j] != 0) {
                support.add(library.termNames().get(j));
            }
        }
        return new Result(Collections.unmodifiableMap(coef), support, iterations, converged, sc.condition,
                threshold, ridge, maxIterations, notes);
    }

    private double[] ridgeFit(double[][] theta, double[] y, Scaling sc, boolean[] active) {
        int n = theta.length;
        int p = active.length;
        boolean constant = active[0];
        List<Integer> cols = new ArrayList<>();
        for (int j = 1; j < p; j++) {
            if (active[j]) {
                cols.add(j);
            }
        }
        int q = cols.size() + (constant ? 1 : 0);
        int penalised = cols.size();
        boolean penalise = ridge > 0 && penalised > 0;
        int rows = n + (penalise ? penalised : 0);
        double[][] a = new double[rows][q];
        double[] b = new double[rows];
        for (int i = 0; i < n; i++) {
            int c = 0;
            if (constant) {
                a[i][c++] = 1;
            }
            for (int j : cols) {
                a[i][c++] = constant ? (theta[i][j] - sc.mean[j]) / sc.sd[j] : theta[i][j] / sc.sd[j];
            }
            b[i] = y[i];
        }
        if (penalise) {
            double s = Math.sqrt(ridge);
            for (int k = 0; k < penalised; k++) {
                a[n + k][(constant ? 1 : 0) + k] = s;
            }
        }
        RealVector beta = new QRDecomposition(new Array2DRowRealMatrix(a, false), 0)
                .getSolver().solve(new ArrayRealVector(b, false));
        double[] xi = new double[p];
        int c = 0;
        double intercept = constant ? beta.getEntry(c++) : 0;
        for (int j : cols) {
            double bj = beta.getEntry(c++);
            xi[j] = bj / sc.sd[j];
            if (constant) {
                intercept -= bj * sc.mean[j] / sc.sd[j];
            }
        }
        if (constant) {
            xi[0] = intercept;
        }
        return xi;
    }

    /** Column means, standard deviations and the condition number of the standardised full library. */
    private record Scaling(double[] mean, double[] sd, double condition) {

        static Scaling of(PolynomialLibrary library, double[][] theta) {
            int n = theta.length;
            int p = library.size();
            double[] mean = new double[p];
            double[] sd = new double[p];
            for (int j = 1; j < p; j++) {
                double m = 0;
                for (double[] row : theta) {
                    m += row[j];
                }
                m /= n;
                double v = 0;
                for (double[] row : theta) {
                    v += (row[j] - m) * (row[j] - m);
                }
                mean[j] = m;
                sd[j] = Math.sqrt(v / n);
                if (!(sd[j] > 1e-12 * Math.max(1, Math.abs(m)))) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "library is singular: term %s is constant (%.6g) over the %d derivative samples, "
                                    + "so it duplicates the constant term", library.termNames().get(j), m, n));
                }
            }
            mean[0] = 1;
            sd[0] = 1;
            double[][] z = new double[n][p];
            for (int i = 0; i < n; i++) {
                z[i][0] = 1;
                for (int j = 1; j < p; j++) {
                    z[i][j] = (theta[i][j] - mean[j]) / sd[j];
                }
            }
            double[] sv = new SingularValueDecomposition(new Array2DRowRealMatrix(z, false)).getSingularValues();
            double max = sv[0];
            double min = sv[sv.length - 1];
            if (!(min > 1e-12 * max)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "library is singular: the %d standardised columns %s are linearly dependent over the %d "
                                + "derivative samples (smallest/largest singular value %.3g)",
                        p, library.termNames(), n, min / max));
            }
            return new Scaling(mean, sd, max / min);
        }
    }

    /**
     * One fitted equation.
     *
     * @param coefficients  term → ξ in library order (zeros included)
     * @param support       terms with non-zero ξ
     * @param iterations    threshold-and-refit iterations made
     * @param converged     whether the support stopped changing within {@code maxIterations}
     * @param conditionNumber condition number of the standardised full library
     * @param threshold     λ used
     * @param ridge         α used
     * @param maxIterations iteration limit used
     * @param notes         warnings (ill-conditioning, non-convergence)
     */
    public record Result(Map<String, Double> coefficients, List<String> support, int iterations, boolean converged,
                         double conditionNumber, double threshold, double ridge, int maxIterations,
                         List<String> notes) {
        public Result {
            coefficients = Collections.unmodifiableMap(new LinkedHashMap<>(coefficients));
            support = List.copyOf(support);
            notes = List.copyOf(notes);
        }

        /** ξ in library order. */
        public double[] vector() {
            return coefficients.values().stream().mapToDouble(Double::doubleValue).toArray();
        }
    }
}
