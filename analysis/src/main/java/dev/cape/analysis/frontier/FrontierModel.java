package dev.cape.analysis.frontier;

import java.util.Objects;

/**
 * One frontier model with its reasoning and truthfulness scores (fractions in [0, 1]).
 *
 * @param model     model name
 * @param lab       developer
 * @param reasoning reasoning score (bundled table: GPQA Diamond)
 * @param truth     truthfulness score (bundled table: SimpleQA correct)
 * @param origin    where the row came from, e.g. {@code "frontier_models.csv:3"}
 */
public record FrontierModel(String model, String lab, double reasoning, double truth, String origin) {

    public FrontierModel {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(lab, "lab");
        if (!(reasoning >= 0 && reasoning <= 1)) {
            throw new IllegalArgumentException("reasoning must be in [0, 1]: " + reasoning + " (" + model + ")");
        }
        if (!(truth >= 0 && truth <= 1)) {
            throw new IllegalArgumentException("truth must be in [0, 1]: " + truth + " (" + model + ")");
        }
        origin = origin == null ? "" : origin;
    }
}
