package dev.cape.analysis.resampling;

/**
 * A confidence interval for a quantity analysed on the log10 scale, with its endpoints back on the original scale.
 *
 * @param lowerLog10 lower endpoint, log10 scale
 * @param upperLog10 upper endpoint, log10 scale (&gt;= lowerLog10)
 */
public record Log10Interval(double lowerLog10, double upperLog10) {

    public Log10Interval {
        if (!Double.isFinite(lowerLog10) || !Double.isFinite(upperLog10)) {
            throw new IllegalArgumentException("interval endpoints must be finite: [" + lowerLog10 + ", " + upperLog10 + "]");
        }
        if (lowerLog10 > upperLog10) {
            throw new IllegalArgumentException("lowerLog10 must be <= upperLog10: [" + lowerLog10 + ", " + upperLog10 + "]");
        }
    }

    /** Lower endpoint on the original scale, 10^lowerLog10. */
    public double lower() {
        return Math.pow(10, lowerLog10);
    }

    /** Upper endpoint on the original scale, 10^upperLog10. */
    public double upper() {
        return Math.pow(10, upperLog10);
    }

    public boolean containsLog10(double x) {
        return lowerLog10 <= x && x <= upperLog10;
    }
}
