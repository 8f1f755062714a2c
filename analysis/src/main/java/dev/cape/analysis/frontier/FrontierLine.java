package dev.cape.analysis.frontier;

import java.util.List;
import java.util.Objects;

/**
 * Least-squares line of the truthfulness score on the reasoning score across frontier models (method §8, the line
 * drawn with the correlation): T ≈ a + b·R with b = Σ(R − R̄)(T − T̄) / Σ(R − R̄)², a = T̄ − b·R̄.
 *
 * <p>NumPy equivalent: {@code b, a = np.polyfit(R, T, 1)}; SciPy: {@code scipy.stats.linregress(R, T)}. Undefined
 * (NaN slope and intercept) for fewer than 2 models or when every reasoning score is the same.
 */
public final class FrontierLine {

    private FrontierLine() {
    }

    /**
     * @param intercept a, NaN when undefined
     * @param slope     b, NaN when undefined
     * @param n         models fitted
     * @param minX      smallest reasoning score (start of the drawn segment), NaN without models
     * @param maxX      largest reasoning score (end of the drawn segment), NaN without models
     */
    public record Result(double intercept, double slope, int n, double minX, double maxX) {

        /** Whether the line is defined. */
        public boolean defined() {
            return !Double.isNaN(slope);
        }

        /** a + b·x; NaN when undefined. */
        public double at(double x) {
            return intercept + slope * x;
        }
    }

    /** The line over the table's models. */
    public static Result fit(FrontierTable table) {
        Objects.requireNonNull(table, "table");
        return fit(table.models());
    }

    /** The line over the given models. */
    public static Result fit(List<FrontierModel> models) {
        Objects.requireNonNull(models, "models");
        int n = models.size();
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = models.get(i).reasoning();
            y[i] = models.get(i).truth();
        }
        return fit(x, y);
    }

    /**
     * The line of y on x.
     *
     * @throws IllegalArgumentException for arrays of different lengths or non-finite values
     */
    public static Result fit(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y must have the same length: " + x.length + " vs " + y.length);
        }
        int n = x.length;
        double mx = 0;
        double my = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException("values must be finite: x[" + i + "] = " + x[i] + ", y[" + i
                        + "] = " + y[i]);
            }
            mx += x[i];
            my += y[i];
            min = Math.min(min, x[i]);
            max = Math.max(max, x[i]);
        }
        if (n == 0) {
            return new Result(Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN);
        }
        mx /= n;
        my /= n;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
        }
        if (n < 2 || sxx == 0) {
            return new Result(Double.NaN, Double.NaN, n, min, max);
        }
        double b = sxy / sxx;
        return new Result(my - b * mx, b, n, min, max);
    }
}
