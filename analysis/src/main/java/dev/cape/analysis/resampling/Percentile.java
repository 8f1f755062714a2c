package dev.cape.analysis.resampling;

import java.util.Arrays;

/** Sample quantiles by linear interpolation between order statistics (Hyndman–Fan type 7, numpy's default). */
public final class Percentile {

    private Percentile() {
    }

    /** The p-quantile (p in [0, 1]) of the values; the array is not modified. Equals {@code numpy.quantile(v, p)}. */
    public static double quantile(double[] values, double p) {
        if (values.length == 0) {
            throw new IllegalArgumentException("quantile of an empty sample");
        }
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("p must be in [0, 1]: " + p);
        }
        double[] v = values.clone();
        Arrays.sort(v);
        return sortedQuantile(v, p);
    }

    /** As {@link #quantile} for an already sorted array. */
    public static double sortedQuantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
