package dev.cape.app.data;

/**
 * One row of the data table: a model with its composites, coupling and phase from the latest analysis.
 *
 * @param family   family
 * @param model    model name
 * @param paramsB  size in billions
 * @param width    hidden width, NaN when unknown
 * @param r        reasoning composite, NaN when the model is left out
 * @param t        truthfulness, NaN when left out
 * @param coupling coupling score, NaN when undefined
 * @param phase    phase, or why the model is left out
 * @param nc       the family's critical scale as reported (value, bound of a censored one, or why undefined)
 */
public record ModelRow(String family, String model, double paramsB, double width, double r, double t, double coupling,
                       String phase, String nc) {
}
