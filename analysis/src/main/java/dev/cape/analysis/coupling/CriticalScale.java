package dev.cape.analysis.coupling;

/**
 * The critical scale N_c of a family: where its coupling curve first crosses zero upwards (spec §3).
 *
 * <p>x* is found on the curve's grid by linear interpolation between the two grid points that bracket the
 * first upward crossing (c_k &lt; 0 ≤ c_{k+1}); N_c = 10^x* billion parameters. Without an upward crossing the
 * result is censored (cooperative or tax phase at every observed size), or has only a downward crossing.
 *
 * @param status     what was found
 * @param log10Value x* for {@link Status#CROSSING}, the downward-crossing scale for
 *                   {@link Status#NO_UPWARD_CROSSING}, the bound (smallest or largest x) when censored, NaN when undefined
 */
public record CriticalScale(Status status, double log10Value) {

    /** Outcome of the search for an upward crossing. */
    public enum Status {
        /** An upward zero crossing inside the observed range. */
        CROSSING("crossing"),
        /** c &gt; 0 everywhere: cooperative at every observed size, N_c below the smallest N. */
        LEFT_CENSORED("left_censored"),
        /** c &lt; 0 everywhere: tax phase at every observed size, N_c above the largest N. */
        RIGHT_CENSORED("right_censored"),
        /** c only crosses downward. */
        NO_UPWARD_CROSSING("no_upward_crossing"),
        /** The curve is undefined (too few models, or a weighted variance is 0). */
        UNDEFINED("undefined");

        private final String id;

        Status(String id) {
            this.id = id;
        }

        /** The snake_case name used in reports and JSON. */
        public String id() {
            return id;
        }

        public boolean censored() {
            return this == LEFT_CENSORED || this == RIGHT_CENSORED;
        }
    }

    /** N_c or the bound in billions (10^log10Value); NaN when undefined. */
    public double paramsB() {
        return Math.pow(10, log10Value);
    }

    /** Finds N_c on a coupling curve. */
    public static CriticalScale of(CouplingCurve curve) {
        return of(curve.gridX(), curve.gridC());
    }

    /** Finds N_c on a curve given as ascending grid points x and values c (NaN where undefined). */
    public static CriticalScale of(double[] x, double[] c) {
        boolean anyDefined = false;
        boolean anyNegative = false;
        boolean anyNonNegative = false;
        double downward = Double.NaN;
        for (int k = 0; k < c.length; k++) {
            if (Double.isNaN(c[k])) {
                continue;
            }
            anyDefined = true;
            if (c[k] < 0) {
                anyNegative = true;
            } else {
                anyNonNegative = true;
            }
            if (k + 1 < c.length && !Double.isNaN(c[k + 1])) {
                if (c[k] < 0 && c[k + 1] >= 0) {
                    return new CriticalScale(Status.CROSSING, interpolateZero(x[k], c[k], x[k + 1], c[k + 1]));
                }
                if (Double.isNaN(downward) && c[k] >= 0 && c[k + 1] < 0) {
                    downward = interpolateZero(x[k], c[k], x[k + 1], c[k + 1]);
                }
            }
        }
        if (!anyDefined) {
            return new CriticalScale(Status.UNDEFINED, Double.NaN);
        }
        if (!anyNegative) {
            return new CriticalScale(Status.LEFT_CENSORED, x[0]);
        }
        if (!anyNonNegative) {
            return new CriticalScale(Status.RIGHT_CENSORED, x[x.length - 1]);
        }
        if (!Double.isNaN(downward)) {
            return new CriticalScale(Status.NO_UPWARD_CROSSING, downward);
        }
        // signs differ only across undefined gaps of the grid: no bracketing pair, nothing to interpolate
        return new CriticalScale(Status.UNDEFINED, Double.NaN);
    }

    private static double interpolateZero(double x0, double c0, double x1, double c1) {
        if (c1 == c0) {
            return x1;
        }
        return x0 + (0 - c0) * (x1 - x0) / (c1 - c0);
    }
}
