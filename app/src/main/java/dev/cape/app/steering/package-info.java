/**
 * The steering console: extract a truth direction layer by layer (or open a saved vector file) and save it with its
 * provenance, steer generation by adding α·σ·v̂ at a layer and compare the unsteered and the steered text side by
 * side, and sweep α on an evaluation set to see how many wrong answers steering corrects and how many right ones it
 * breaks. Every model job runs through the shared {@link dev.cape.app.model.ModelViewModel}; the work itself is the
 * same as {@code cape direction} and {@code cape steer}'s ({@link dev.cape.app.workflow.SteeringEvalSet} and the
 * charts in {@code workflow.charts}).
 */
package dev.cape.app.steering;
