package dev.cape.analysis.ode;

import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Eigenstructure of a fitted polynomial field (method §7): the Jacobian J(s) at observed states and at fixed points
 * in [0,1]², its eigenvalues and eigenvectors, the interaction class and the local linear type.
 *
 * <p>Eigenvalues come from Commons Math {@code EigenDecomposition} (NumPy {@code numpy.linalg.eig}); for J =
 * [[a, b], [c, d]] the eigenvector of λ is (b, λ − a) when |b| ≥ |c| and (λ − d, c) otherwise (e₁ or e₂ for a
 * diagonal J), normalised to unit Euclidean norm with its first non-zero entry real and positive.
 *
 * <p>Fixed points are found by Newton's method s ← s − J(s)⁻¹ f(s) from every node of an n × n grid of starts over
 * [0,1]² (at most 100 steps; a start is abandoned when J is singular or the iterate leaves [−0.5, 1.5]²), kept when
 * max|f| ≤ 1e-10 and the point lies in [0,1]² up to 1e-9, and deduplicated at distance 1e-7.
 */
public final class Eigenstructure {

    private final int startsPerAxis;
    private final double zeroTolerance;

    private Eigenstructure(int startsPerAxis, double zeroTolerance) {
        this.startsPerAxis = startsPerAxis;
        this.zeroTolerance = zeroTolerance;
    }

    /** 21 × 21 Newton starts, zero tolerance 0 (STLSQ zeros are exact). */
    public static Eigenstructure withDefaults() {
        return new Eigenstructure(21, 0);
    }

    /** Newton starts per axis, ≥ 2. */
    public Eigenstructure withStartsPerAxis(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("startsPerAxis must be >= 2: " + n);
        }
        return new Eigenstructure(n, zeroTolerance);
    }

    /** |∂Ṙ/∂T| or |∂Ṫ/∂R| at or below this counts as zero for the interaction class; ≥ 0. */
    public Eigenstructure withZeroTolerance(double tol) {
        if (!(tol >= 0) || Double.isInfinite(tol)) {
            throw new IllegalArgumentException("zeroTolerance must be a finite number >= 0: " + tol);
        }
        return new Eigenstructure(startsPerAxis, tol);
    }

    public int startsPerAxis() {
        return startsPerAxis;
    }

    public double zeroTolerance() {
        return zeroTolerance;
    }

    /**
     * Observed-state and fixed-point analysis.
     *
     * @param startsPerAxis  Newton grid used
     * @param zeroTolerance  zero tolerance used
     * @param field          the field analysed
     * @param observed       one analysis per observed model state
     * @param fixedPoints    fixed points in [0,1]², sorted by R then T
     * @param notes          degenerate cases (zero field, non-isolated fixed points)
     */
    public record Result(int startsPerAxis, double zeroTolerance, PolynomialField field, List<ObservedState> observed,
                         List<JacobianAnalysis> fixedPoints, List<String> notes) {
        public Result {
            observed = List.copyOf(observed);
            fixedPoints = List.copyOf(fixedPoints);
            notes = List.copyOf(notes);
        }

        /** Number of observed states in each interaction class. */
        public long count(InteractionClass c) {
            return observed.stream().filter(o -> o.analysis().interaction() == c).count();
        }
    }

    /**
     * The analysis at one observed model.
     *
     * @param model    model name
     * @param family   family
     * @param analysis Jacobian analysis at the model's (R, T)
     */
    public record ObservedState(String model, String family, JacobianAnalysis analysis) {
    }

    /** Analyses the fitted field at the observed states of its training families and at its fixed points. */
    public Result analyse(SindyFit fit) {
        return analyse(fit.field(), fit.states());
    }

    /** Analyses {@code field} at the given scored models and at its fixed points. */
    public Result analyse(PolynomialField field, List<CompositeScores.Scored> states) {
        Objects.requireNonNull(field, "field");
        List<ObservedState> obs = new ArrayList<>();
        for (CompositeScores.Scored s : states) {
            obs.add(new ObservedState(s.model().model(), s.model().family(), at(field, s.r(), s.t())));
        }
        List<String> notes = new ArrayList<>();
        List<JacobianAnalysis> fp;
        if (field.isZero()) {
            notes.add("the field is identically zero: every state is a fixed point, none is listed");
            fp = List.of();
        } else {
            fp = fixedPoints(field);
            long degenerate = fp.stream().filter(a -> a.type() == LinearType.DEGENERATE).count();
            if (degenerate > 0) {
                notes.add(degenerate + " fixed point(s) with singular Jacobian: possibly a curve of fixed points, "
                        + "the list then samples it");
            }
        }
        return new Result(startsPerAxis, zeroTolerance, field, obs, fp, notes);
    }

    /** J, eigenvalues, eigenvectors and classes of {@code field} at (R, T). */
    public JacobianAnalysis at(PolynomialField field, double r, double t) {
        double[][] j = field.jacobian(r, t);
        return of(r, t, j);
    }

    /** The analysis of a given 2 × 2 Jacobian at (R, T). */
    public JacobianAnalysis of(double r, double t, double[][] j) {
        if (j.length != 2 || j[0].length != 2 || j[1].length != 2) {
            throw new IllegalArgumentException("Jacobian must be 2 x 2: " + java.util.Arrays.deepToString(j));
        }
        for (double[] row : j) {
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("Jacobian must be finite: " + java.util.Arrays.deepToString(j));
                }
            }
        }
        double a = j[0][0];
        double b = j[0][1];
        double c = j[1][0];
        double d = j[1][1];
        EigenDecomposition ed = new EigenDecomposition(new Array2DRowRealMatrix(j, true));
        List<Complex> values = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            values.add(new Complex(ed.getRealEigenvalue(i), ed.getImagEigenvalue(i)));
        }
        values.sort(Comparator.comparingDouble(Complex::getReal).thenComparingDouble(Complex::getImaginary)
                .reversed());
        List<List<Complex>> vectors = new ArrayList<>();
        boolean diagonal = b == 0 && c == 0;
        for (int i = 0; i < 2; i++) {
            Complex l = values.get(i);
            Complex v1;
            Complex v2;
            if (diagonal) {
                boolean first = i == 0 ? a >= d : a < d;
                if (a == d) {
                    first = i == 0;
                }
                v1 = first ? Complex.ONE : Complex.ZERO;
                v2 = first ? Complex.ZERO : Complex.ONE;
            } else if (Math.abs(b) >= Math.abs(c)) {
                v1 = new Complex(b);
                v2 = l.subtract(a);
            } else {
                v1 = l.subtract(d);
                v2 = new Complex(c);
            }
            vectors.add(normalise(v1, v2));
        }
        double norm = Math.sqrt(a * a + b * b + c * c + d * d);
        double det = a * d - b * c;
        LinearType type;
        if (Math.abs(det) <= 1e-12 * Math.max(1, norm * norm)) {
            type = LinearType.DEGENERATE;
        } else {
            double re0 = values.get(0).getReal();
            double re1 = values.get(1).getReal();
            double zero = 1e-12 * Math.max(1, norm);
            if (values.get(0).getImaginary() != 0) {
                type = Math.abs(re0) <= zero ? LinearType.CENTER
                        : re0 < 0 ? LinearType.STABLE_FOCUS : LinearType.UNSTABLE_FOCUS;
            } else if (re0 < 0 && re1 < 0) {
                type = LinearType.STABLE_NODE;
            } else if (re0 > 0 && re1 > 0) {
                type = LinearType.UNSTABLE_NODE;
            } else {
                type = LinearType.SADDLE;
            }
        }
        return new JacobianAnalysis(r, t, a, b, c, d, values, vectors, InteractionClass.of(b, c, zeroTolerance), type);
    }

    private static List<Complex> normalise(Complex v1, Complex v2) {
        double n = Math.sqrt(v1.abs() * v1.abs() + v2.abs() * v2.abs());
        Complex lead = v1.abs() > 0 ? v1 : v2;
        // phase that makes the first non-zero entry real and positive
        Complex phase = lead.conjugate().divide(lead.abs());
        return List.of(v1.multiply(phase).divide(n), v2.multiply(phase).divide(n));
    }

    /** Fixed points of {@code field} in [0,1]², each with its Jacobian analysis, sorted by R then T. */
    public List<JacobianAnalysis> fixedPoints(PolynomialField field) {
        List<double[]> found = new ArrayList<>();
        for (int i = 0; i < startsPerAxis; i++) {
            for (int k = 0; k < startsPerAxis; k++) {
                double[] s = newton(field, (double) i / (startsPerAxis - 1), (double) k / (startsPerAxis - 1));
                if (s == null) {
                    continue;
                }
                boolean dup = false;
                for (double[] f : found) {
                    if (Math.hypot(f[0] - s[0], f[1] - s[1]) < 1e-7) {
                        dup = true;
                        break;
                    }
                }
                if (!dup) {
                    found.add(s);
                }
            }
        }
        found.sort(Comparator.comparingDouble((double[] p) -> p[0]).thenComparingDouble(p -> p[1]));
        List<JacobianAnalysis> out = new ArrayList<>();
        for (double[] p : found) {
            out.add(at(field, p[0], p[1]));
        }
        return out;
    }

    private static double[] newton(PolynomialField field, double r, double t) {
        for (int it = 0; it < 100; it++) {
            double[] f = field.rate(r, t);
            double res = Math.max(Math.abs(f[0]), Math.abs(f[1]));
            if (res <= 1e-14) {
                break;
            }
            double[][] j = field.jacobian(r, t);
            double det = j[0][0] * j[1][1] - j[0][1] * j[1][0];
            double scale = Math.max(1e-300, Math.abs(j[0][0] * j[1][1]) + Math.abs(j[0][1] * j[1][0]));
            if (!(Math.abs(det) > 1e-14 * scale)) {
                break;
            }
            double dr = (j[1][1] * f[0] - j[0][1] * f[1]) / det;
            double dt = (-j[1][0] * f[0] + j[0][0] * f[1]) / det;
            r -= dr;
            t -= dt;
            if (!(r >= -0.5 && r <= 1.5 && t >= -0.5 && t <= 1.5)) {
                return null;
            }
            if (Math.abs(dr) + Math.abs(dt) <= 1e-15) {
                break;
            }
        }
        double[] f = field.rate(r, t);
        if (!(Math.max(Math.abs(f[0]), Math.abs(f[1])) <= 1e-10)) {
            return null;
        }
        double tol = 1e-9;
        if (r < -tol || r > 1 + tol || t < -tol || t > 1 + tol) {
            return null;
        }
        return new double[] {r, t};
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Eigenstructure[startsPerAxis=%d, zeroTolerance=%g]", startsPerAxis,
                zeroTolerance);
    }
}
