package dev.cape.app.workflow.charts;

/** The workbench's charts, in tab order, with their titles and export file names. */
public enum ChartKind {
    REASONING_TRUTH("Reasoning vs truthfulness", "reasoning-truthfulness"),
    COUPLING("Coupling curves", "coupling-curves"),
    FOREST("N_c forest plot", "nc-forest"),
    POOLED("Pooled phase scatter", "pooled-phases"),
    WIDTH("Width normalisation", "width-normalisation"),
    PHASE_PORTRAIT("ODE phase portrait", "ode-phase-portrait"),
    FRONTIER("Frontier by lab", "frontier");

    private final String title;
    private final String fileName;

    ChartKind(String title, String fileName) {
        this.title = title;
        this.fileName = fileName;
    }

    public String title() {
        return title;
    }

    /** Base file name of an export, without extension. */
    public String fileName() {
        return fileName;
    }
}
