package dev.cape.inference.heads;

/**
 * One head in the census.
 *
 * @param layer          block index
 * @param head           head index
 * @param truthEffect    mean projection of the head's last-token output on the layer's truth direction, true minus
 *                       false statements, in units of σ (std of the truth set's resid_post projections at the layer)
 * @param truthZ         {@code truthEffect} standardised by its label-permutation null (mean and sd)
 * @param truthP         family-wise adjusted one-sided p for "negative on truth" (max-statistic over heads)
 * @param truthRandomP   share of random unit directions on which the head's true−false difference is at least as
 *                       large in absolute value (a second null: is the truth direction special for this head?)
 * @param reasoningEffect the same on the reasoning set (correct minus incorrect) and its own direction
 * @param reasoningZ     its permutation z
 * @param reasoningP     family-wise adjusted one-sided p for "positive on reasoning"
 * @param competing      significantly negative on truth and significantly positive on reasoning
 * @param ablationEffect change of the truth probe's mean signed margin (σ units) when the head is mean-ablated
 *                       (positive: the head worked against the probe); NaN when not measured
 */
public record HeadResult(int layer, int head, double truthEffect, double truthZ, double truthP, double truthRandomP,
        double reasoningEffect, double reasoningZ, double reasoningP, boolean competing, double ablationEffect) {
}
