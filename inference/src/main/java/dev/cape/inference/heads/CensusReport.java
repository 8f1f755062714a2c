package dev.cape.inference.heads;

import java.util.List;

/**
 * The census of every attention head.
 *
 * @param heads        every head, layer by layer
 * @param probeLayer   layer of the truth probe whose margin the ablations measure
 * @param probeAccuracy held-out accuracy of that probe
 * @param baseMargin   the probe's mean signed margin without ablation (σ units)
 * @param permutations label permutations of the null
 * @param randomDirections random directions of the second null
 * @param alpha        family-wise significance level
 * @param seed         seed of every random step
 */
public record CensusReport(List<HeadResult> heads, int probeLayer, double probeAccuracy, double baseMargin,
        int permutations, int randomDirections, double alpha, long seed) {

    public CensusReport {
        heads = List.copyOf(heads);
    }

    /** The competing heads (empty: "no competing heads"). */
    public List<HeadResult> competing() {
        return heads.stream().filter(HeadResult::competing).toList();
    }
}
