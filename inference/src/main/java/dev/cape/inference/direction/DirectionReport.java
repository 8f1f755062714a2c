package dev.cape.inference.direction;

import java.util.List;

/**
 * Directions at every layer and the layer chosen.
 *
 * @param method    how the directions were fitted
 * @param layers    one per layer, in order
 * @param bestLayer layer with the highest held-out accuracy (the first on ties)
 * @param nTrain    training statements
 * @param nTest     held-out statements
 * @param splitSeed seed of the split by item
 */
public record DirectionReport(DirectionMethod method, List<LayerDirection> layers, int bestLayer, int nTrain,
        int nTest, long splitSeed) {

    public DirectionReport {
        layers = List.copyOf(layers);
    }

    public LayerDirection best() {
        return layers.get(bestLayer);
    }
}
