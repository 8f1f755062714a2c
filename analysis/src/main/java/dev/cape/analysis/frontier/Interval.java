package dev.cape.analysis.frontier;

/**
 * A two-sided confidence interval.
 *
 * @param lower lower bound
 * @param upper upper bound
 */
public record Interval(double lower, double upper) {
    public Interval {
        if (!(lower <= upper)) {
            throw new IllegalArgumentException("interval bounds must satisfy lower <= upper: " + lower + ", " + upper);
        }
    }
}
