package dev.cape.inference.direction;

import java.util.Arrays;

/**
 * The classifier "true iff projection &gt; threshold", with the threshold fitted on training projections to maximise
 * training accuracy (candidates: midpoints between consecutive sorted projections, and ±∞; the first best wins).
 *
 * @param threshold     fitted threshold
 * @param trainAccuracy accuracy on the projections it was fitted on
 */
public record ProjectionClassifier(double threshold, double trainAccuracy) {

    /** Fits the threshold on {@code proj} with labels {@code y}. */
    public static ProjectionClassifier fit(double[] proj, boolean[] y) {
        if (proj.length != y.length || proj.length == 0) {
            throw new IllegalArgumentException("need equal, non-zero numbers of projections and labels: " + proj.length
                    + ", " + y.length);
        }
        int n = proj.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(proj[a], proj[b]));
        int trues = 0;
        for (boolean b : y) {
            trues += b ? 1 : 0;
        }
        // threshold below everything: all predicted true
        int correct = trues;
        int best = correct;
        double bestThreshold = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            correct += y[i] ? -1 : 1;   // row i now predicted false
            boolean tieNext = k + 1 < n && proj[order[k + 1]] == proj[i];
            if (!tieNext && correct > best) {
                best = correct;
                bestThreshold = k + 1 < n ? (proj[i] + proj[order[k + 1]]) / 2 : Double.POSITIVE_INFINITY;
            }
        }
        return new ProjectionClassifier(bestThreshold, (double) best / n);
    }

    public boolean predict(double projection) {
        return projection > threshold;
    }

    /** Share of rows classified correctly. */
    public double accuracy(double[] proj, boolean[] y) {
        int c = 0;
        for (int i = 0; i < proj.length; i++) {
            c += predict(proj[i]) == y[i] ? 1 : 0;
        }
        return (double) c / proj.length;
    }
}
