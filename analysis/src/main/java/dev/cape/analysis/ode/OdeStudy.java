package dev.cape.analysis.ode;

import dev.cape.analysis.data.Dataset;
import java.util.Objects;

/**
 * The whole scaling-dynamics analysis of a data set (method §7) with one {@link Sindy} configuration: the field
 * fitted on every family, the prediction of one held-out family, the leave-one-family-out table and the
 * eigenstructure of the field fitted on every family.
 *
 * @param fit     the field fitted on every family with at least two distinct sizes (λ cross-validated over all
 *                families when the configuration asks for it)
 * @param holdOut the held-out family predicted by a field fitted on the other families
 * @param lofo    leave-one-family-out table
 * @param eigen   eigenstructure of {@code fit}
 */
public record OdeStudy(SindyFit fit, HoldOutPrediction holdOut, LofoTable lofo, Eigenstructure.Result eigen) {

    public OdeStudy {
        Objects.requireNonNull(fit, "fit");
        Objects.requireNonNull(holdOut, "holdOut");
        Objects.requireNonNull(lofo, "lofo");
        Objects.requireNonNull(eigen, "eigen");
    }

    /**
     * Runs every step.
     *
     * @throws IllegalArgumentException when the held-out family is absent or cannot be predicted, or no field can
     *                                  be fitted
     */
    public static OdeStudy run(Sindy sindy, Eigenstructure eigenstructure, Dataset data, String heldOut) {
        SindyFit fit = sindy.fit(data);
        HoldOutPrediction holdOut = sindy.holdOut(data, heldOut);
        LofoTable lofo = sindy.leaveOneFamilyOut(data);
        return new OdeStudy(fit, holdOut, lofo, eigenstructure.analyse(fit));
    }
}
