package dev.cape.analysis.ode;

import java.util.OptionalDouble;

/**
 * Observed and predicted scores of one model of a held-out family.
 *
 * @param model    model name
 * @param paramsB  parameter count in billions
 * @param x        log10 paramsB
 * @param rObs     observed R
 * @param tObs     observed T
 * @param rPred    predicted R (the start state for {@link Status#INITIAL_STATE}); empty when not reached
 * @param tPred    predicted T; empty when not reached
 * @param apeR     |rPred − rObs| / |rObs| · 100; empty when not predicted or rObs = 0
 * @param apeT     |tPred − tObs| / |tObs| · 100; empty when not predicted or tObs = 0
 * @param status   what this row is
 */
public record ModelPrediction(String model, double paramsB, double x, double rObs, double tObs, OptionalDouble rPred,
                              OptionalDouble tPred, OptionalDouble apeR, OptionalDouble apeT, Status status) {

    /** Role of a row in a hold-out prediction. */
    public enum Status {
        /** A model at the smallest size: the trajectory starts from it, so it is not scored. */
        INITIAL_STATE,
        /** Predicted inside [0,1]². */
        PREDICTED,
        /** Predicted, but the predicted state lies outside [0,1]² (only with {@link BoundaryPolicy#FLAG_AND_CONTINUE}). */
        OUTSIDE_BOX,
        /** The trajectory stopped before this size. */
        NOT_REACHED
    }
}
