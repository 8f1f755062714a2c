package dev.cape.app.workflow.charts;

import dev.cape.analysis.coupling.KernelCoupling;
import dev.cape.analysis.diagnosis.DiagnosisResult;
import dev.cape.analysis.diagnosis.FamilyDiagnosis;
import dev.cape.analysis.phase.Phase;
import dev.cape.analysis.phase.PooledPhaseCorrelation;
import dev.cape.analysis.phase.PooledZScores;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;

/**
 * Chart 4: the models pooled by the phase correlations, R and T z-scored within each family's selection as
 * {@link PooledZScores} gives them, tax phase and cooperative phase, with the pooled r and its permutation p from the
 * diagnosis.
 */
final class PooledChart {

    private PooledChart() {
    }

    static JFreeChart build(DiagnosisResult d, ChartStyle style, boolean testPending) {
        Layers points = new Layers();
        Layers selected = new Layers();
        selected.series("selected");
        add(points, selected, d, d.tax(), style);
        add(points, selected, d, d.cooperative(), style);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        r.setSeriesPaint(0, ChartStyle.phaseColour(Phase.TAX));
        r.setSeriesPaint(1, ChartStyle.phaseColour(Phase.COOPERATIVE));
        r.setSeriesShape(0, ChartStyle.circle(7));
        r.setSeriesShape(1, ChartStyle.circle(7));
        r.setDefaultToolTipGenerator(points.tooltips());
        XYPlot plot = new XYPlot(points.dataset(), new NumberAxis("z-scored reasoning z_R (within family and phase)"),
                new NumberAxis("z-scored truthfulness z_T (within family and phase)"), r);
        Layers.addSelection(plot, 1, selected, style);
        JFreeChart chart = new JFreeChart(ChartKind.POOLED.title() + ": tax vs cooperative", plot);
        return style.finish(chart, List.of(summary(d.tax(), testPending), summary(d.cooperative(), testPending)));
    }

    private static void add(Layers points, Layers selected, DiagnosisResult d, PooledPhaseCorrelation.Result pooled,
                            ChartStyle style) {
        int k = points.series(pooled.phase().id() + " (" + pooled.nModels() + " models, " + pooled.nFamilies()
                + " families)");
        PooledZScores.Result z = PooledZScores.withDefaults().with(pooled.phase()).withTau(d.options().tau())
                .with(KernelCoupling.withDefaults().withBandwidth(d.options().bandwidth()))
                .fit(d.families().stream().map(FamilyDiagnosis::scores).toList());
        for (PooledZScores.Point p : z.points()) {
            String tip = p.model() + " (" + p.family() + ", " + pooled.phase().id() + "): z_R = "
                    + Layers.f2(p.zReasoning()) + ", z_T = " + Layers.f2(p.zTruth());
            points.add(k, p.zReasoning(), p.zTruth(), tip);
            if (style.selected().contains(p.model())) {
                selected.add(0, p.zReasoning(), p.zTruth(), tip);
            }
        }
    }

    static String summary(PooledPhaseCorrelation.Result r, boolean testPending) {
        String p = r.test() == null ? "no test" : "permutation p = " + Layers.p(r.test().p()) + " (B = "
                + r.test().permutations() + (testPending ? ", provisional: full test running" : "") + ")";
        return r.phase().id() + " phase: pooled r = " + Layers.f(r.r()) + ", " + p + ", " + r.nModels() + " models in "
                + r.nFamilies() + " families";
    }
}
