package dev.cape.inference.direction;

import java.util.Map;

/**
 * A direction fitted at one layer and how well it separates the classes.
 *
 * @param layer             block index (the direction lives in {@code blocks.layer.hook_resid_post})
 * @param unit              unit direction, true projecting higher
 * @param accuracy          held-out accuracy of the projection classifier
 * @param trainAccuracy     its training accuracy
 * @param threshold         projection threshold fitted on the training split (on the unit direction)
 * @param sigma             sample standard deviation of the training projections on {@code unit}
 * @param cosineToMassMean  cosine between this direction and the mass-mean direction at the layer
 * @param cosines           cosine to mass-mean of every method that was fitted (by method id)
 */
public record LayerDirection(int layer, double[] unit, double accuracy, double trainAccuracy, double threshold,
        double sigma, double cosineToMassMean, Map<String, Double> cosines) {

    public LayerDirection {
        unit = unit.clone();
        cosines = Map.copyOf(cosines);
    }

    @Override
    public double[] unit() {
        return unit.clone();
    }
}
