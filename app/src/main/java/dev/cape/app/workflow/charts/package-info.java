/**
 * The workbench's seven charts as JFreeChart objects built from a {@link dev.cape.app.workflow.WorkbenchAnalysis}
 * result (AWT only, no JavaFX), and their export to PNG and SVG, one chart or all at once. Every number drawn comes
 * from the analysis module; these classes only lay it out.
 */
package dev.cape.app.workflow.charts;
