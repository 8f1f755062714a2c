package dev.cape.analysis.resampling;

import java.util.Arrays;
import java.util.Objects;

/**
 * Pointwise bootstrap percentile band of a family's coupling curve c(x) on the grid of the original curve.
 *
 * <p>At grid point x_k the band is [q(α/2), q(1 − α/2)] of c*(x_k) over the kept bootstrap resamples whose curve is
 * defined at x_k (q: numpy's default linear quantile, α = 1 − level); NaN where fewer than
 * {@link FamilyBootstrap#MIN_CURVES_FOR_BAND} resamples contributed. It is pointwise: the band covers c(x_k) at each
 * x_k separately, not the whole curve at once.
 *
 * @param gridX        grid of x = log10 N, the original curve's grid
 * @param lower        lower percentile at each grid point, NaN where undefined
 * @param upper        upper percentile at each grid point, NaN where undefined
 * @param contributing number of resamples whose curve is defined at each grid point
 * @param drawn        bootstrap resamples drawn (B)
 * @param kept         resamples with at least 3 distinct sizes (the ones N_c uses too)
 * @param level        coverage level of the band, e.g. 0.95
 * @param seed         seed of the random streams the resamples came from
 */
public record CouplingBand(double[] gridX, double[] lower, double[] upper, int[] contributing, int drawn, int kept,
                           double level, long seed) {

    public CouplingBand {
        Objects.requireNonNull(gridX, "gridX");
        int n = gridX.length;
        if (lower.length != n || upper.length != n || contributing.length != n) {
            throw new IllegalArgumentException("band arrays must all have the grid's length " + n + ": lower "
                    + lower.length + ", upper " + upper.length + ", contributing " + contributing.length);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must be in (0, 1): " + level);
        }
        gridX = gridX.clone();
        lower = lower.clone();
        upper = upper.clone();
        contributing = contributing.clone();
    }

    @Override
    public double[] gridX() {
        return gridX.clone();
    }

    @Override
    public double[] lower() {
        return lower.clone();
    }

    @Override
    public double[] upper() {
        return upper.clone();
    }

    @Override
    public int[] contributing() {
        return contributing.clone();
    }

    /** Number of grid points. */
    public int size() {
        return gridX.length;
    }

    /** Lower end at grid point k (NaN where undefined). */
    public double lower(int k) {
        return lower[k];
    }

    /** Upper end at grid point k (NaN where undefined). */
    public double upper(int k) {
        return upper[k];
    }

    /** x = log10 N of grid point k. */
    public double x(int k) {
        return gridX[k];
    }

    /** Whether the band is defined at grid point k. */
    public boolean defined(int k) {
        return !Double.isNaN(lower[k]) && !Double.isNaN(upper[k]);
    }

    /** Equal when every array and setting is equal (arrays by content). */
    @Override
    public boolean equals(Object o) {
        return o instanceof CouplingBand b && Arrays.equals(gridX, b.gridX) && Arrays.equals(lower, b.lower)
                && Arrays.equals(upper, b.upper) && Arrays.equals(contributing, b.contributing) && drawn == b.drawn
                && kept == b.kept && Double.compare(level, b.level) == 0 && seed == b.seed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(gridX), Arrays.hashCode(lower), Arrays.hashCode(upper),
                Arrays.hashCode(contributing), drawn, kept, level, seed);
    }

    @Override
    public String toString() {
        return "CouplingBand[" + gridX.length + " grid points, B = " + drawn + ", kept = " + kept + ", level = "
                + level + ", seed = " + seed + "]";
    }
}
