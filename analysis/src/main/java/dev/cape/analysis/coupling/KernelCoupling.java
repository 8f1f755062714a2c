package dev.cape.analysis.coupling;

/**
 * Coupling curve of a family: the kernel-weighted Pearson correlation of (R, T) centred at scale x.
 *
 * <p>Definition (spec §2): w_i(x) = exp(−(x_i − x)² / (2h²)) and
 * c(x) = Σ w_i (R_i − R̄_w)(T_i − T̄_w) / sqrt(Σ w_i (R_i − R̄_w)² · Σ w_i (T_i − T̄_w)²) with w-weighted means.
 * It is undefined (NaN) where a weighted variance is 0, and for families of fewer than {@link #MIN_MODELS} models.
 * Equivalent to {@code statsmodels.stats.weightstats.DescrStatsW(np.c_[R, T], weights=w).corrcoef[0, 1]}.
 */
public final class KernelCoupling {

    /** Fewest models for which the coupling curve is defined. */
    public static final int MIN_MODELS = 3;
    /** Default kernel bandwidth h in decades of N. */
    public static final double DEFAULT_BANDWIDTH = 0.4;
    /** Default number of grid points spanning [min x, max x]. */
    public static final int DEFAULT_GRID_POINTS = 200;
    /** Relative size below which a weighted variance counts as zero (scores are given to ~1e-16). */
    private static final double ZERO_VARIANCE = 1e-24;

    private final double bandwidth;
    private final int gridPoints;

    private KernelCoupling(double bandwidth, int gridPoints) {
        this.bandwidth = bandwidth;
        this.gridPoints = gridPoints;
    }

    public static KernelCoupling withDefaults() {
        return new KernelCoupling(DEFAULT_BANDWIDTH, DEFAULT_GRID_POINTS);
    }

    public KernelCoupling withBandwidth(double h) {
        if (!(h > 0) || !Double.isFinite(h)) {
            throw new IllegalArgumentException("bandwidth must be a finite number > 0: " + h);
        }
        return new KernelCoupling(h, gridPoints);
    }

    public KernelCoupling withGridPoints(int n) {
        if (n < 200) {
            throw new IllegalArgumentException("grid points must be >= 200 (spec §2): " + n);
        }
        return new KernelCoupling(bandwidth, n);
    }

    public double bandwidth() {
        return bandwidth;
    }

    public int gridPoints() {
        return gridPoints;
    }

    /** c(x0) for the given scores; NaN where undefined. */
    public double statistic(double[] x, double[] r, double[] t, double x0) {
        int n = x.length;
        if (n < MIN_MODELS) {
            return Double.NaN;
        }
        double inv2h2 = 1.0 / (2 * bandwidth * bandwidth);
        double sw = 0;
        double sr = 0;
        double st = 0;
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            double d = x[i] - x0;
            w[i] = Math.exp(-d * d * inv2h2);
            sw += w[i];
            sr += w[i] * r[i];
            st += w[i] * t[i];
        }
        double mr = sr / sw;
        double mt = st / sw;
        double crt = 0;
        double crr = 0;
        double ctt = 0;
        for (int i = 0; i < n; i++) {
            double dr = r[i] - mr;
            double dt = t[i] - mt;
            crt += w[i] * dr * dt;
            crr += w[i] * dr * dr;
            ctt += w[i] * dt * dt;
        }
        if (crr <= ZERO_VARIANCE * sw || ctt <= ZERO_VARIANCE * sw) {
            return Double.NaN;
        }
        double c = crt / Math.sqrt(crr * ctt);
        return Math.max(-1, Math.min(1, c));
    }

    /** The coupling curve of a family on the grid and at every model's scale. */
    public CouplingCurve fit(FamilyScores f) {
        double[] x = f.log10Params();
        double[] r = f.reasoning();
        double[] t = f.truth();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double[] gx = new double[gridPoints];
        double[] gc = new double[gridPoints];
        for (int k = 0; k < gridPoints; k++) {
            gx[k] = gridPoints == 1 || hi == lo ? lo : lo + (hi - lo) * k / (gridPoints - 1);
            gc[k] = statistic(x, r, t, gx[k]);
        }
        double[] mc = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            mc[i] = statistic(x, r, t, x[i]);
        }
        return new CouplingCurve(f.family(), bandwidth, gx, gc, x, mc);
    }
}
