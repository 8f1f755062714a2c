/**
 * The workbench's seven charts as JFreeChart objects built from a {@link dev.cape.app.workflow.WorkbenchAnalysis}
 * result (AWT only, no JavaFX), and their export to PNG and SVG, one chart or all at once; also the steering
 * console's figures (the truth direction by layer, the steering sweep), which {@code cape direction} and
 * {@code cape steer} write too. Every number drawn comes from the analysis or inference module; these classes only
 * lay it out.
 */
package dev.cape.app.workflow.charts;
