package dev.cape.analysis.ode;

import java.util.List;
import java.util.OptionalDouble;

/**
 * Prediction of a held-out family by a field fitted on the other families (method §7).
 *
 * <p>MAPE_R and MAPE_T are the means of the per-model absolute percentage errors over the predicted models (the
 * models at the starting size are excluded); the combined MAPE is the mean of all those R and T errors together.
 *
 * @param family       the held-out family
 * @param status       how far the prediction got
 * @param message      one-line summary of the status
 * @param fit          the field fitted without the family
 * @param start        the starting state (the family's smallest size; averaged when it has several models)
 * @param trajectory   the integrated trajectory
 * @param models       one row per model of the family, ascending size
 * @param mapeR        MAPE of R (%), empty when no model was predicted
 * @param mapeT        MAPE of T (%), empty when no model was predicted
 * @param mapeCombined MAPE of R and T together (%), empty when no model was predicted
 * @param notes        averaging and undefined percentage errors
 */
public record HoldOutPrediction(String family, HoldOutStatus status, String message, SindyFit fit,
                                FamilyStates.SizeState start, Trajectory trajectory, List<ModelPrediction> models,
                                OptionalDouble mapeR, OptionalDouble mapeT, OptionalDouble mapeCombined,
                                List<String> notes) {
    public HoldOutPrediction {
        models = List.copyOf(models);
        notes = List.copyOf(notes);
    }

    public SindySettings settings() {
        return fit.settings();
    }
}
