package dev.cape.analysis.coupling;

/**
 * A family's coupling curve c(x) on a grid of x = log10 N, and its value at each model's x (the model's
 * coupling score). NaN marks points where the curve is undefined.
 *
 * @param family    family name
 * @param bandwidth kernel bandwidth h used (decades)
 * @param gridX     grid of x spanning [min x_i, max x_i], ascending
 * @param gridC     c at each grid point
 * @param modelX    x_i of each model, in the family's model order
 * @param modelC    c(x_i) of each model
 */
public record CouplingCurve(String family, double bandwidth, double[] gridX, double[] gridC,
                            double[] modelX, double[] modelC) {

    /** True when c is defined at least at one grid point. */
    public boolean defined() {
        for (double c : gridC) {
            if (!Double.isNaN(c)) {
                return true;
            }
        }
        return false;
    }

    /** Linear interpolation of c at x inside the grid; NaN outside it or where undefined. */
    public double at(double x) {
        int n = gridX.length;
        if (n == 0 || x < gridX[0] || x > gridX[n - 1]) {
            return Double.NaN;
        }
        if (n == 1 || x == gridX[n - 1]) {
            return gridC[n - 1];
        }
        int i = java.util.Arrays.binarySearch(gridX, x);
        if (i >= 0) {
            return gridC[i];
        }
        int hi = -i - 1;
        int lo = hi - 1;
        double f = (x - gridX[lo]) / (gridX[hi] - gridX[lo]);
        return gridC[lo] + f * (gridC[hi] - gridC[lo]);
    }
}
