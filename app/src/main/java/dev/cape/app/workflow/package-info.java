/**
 * JavaFX-free jobs shared by the command line and the workbench: the whole analysis behind the workbench's charts
 * ({@link dev.cape.app.workflow.WorkbenchAnalysis}), the versioned session file, and (in {@code charts}) the charts
 * themselves with their PNG/SVG export, so {@code cape report} and {@code cape screenshot} draw what the GUI shows.
 */
package dev.cape.app.workflow;
