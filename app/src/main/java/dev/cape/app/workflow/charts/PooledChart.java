package dev.cape.app.workflow.charts;

import dev.cape.analysis.diagnosis.DiagnosisResult;
import dev.cape.analysis.diagnosis.FamilyDiagnosis;
import dev.cape.analysis.phase.Phase;
import dev.cape.analysis.phase.PooledPhaseCorrelation;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.stat.StatUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;

/**
 * Chart 4: the models pooled by the phase correlations, R and T z-scored within each family's selection (population
 * standard deviation, as {@link PooledPhaseCorrelation#zProductSum} does), tax phase and cooperative phase, with the
 * pooled r and its permutation p from the diagnosis.
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
        for (FamilyDiagnosis f : d.families()) {
            if (!pooled.families().contains(f.family())) {
                continue;
            }
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < f.phases().size(); i++) {
                if (f.phases().get(i) == pooled.phase()) {
                    idx.add(i);
                }
            }
            double[] r = idx.stream().mapToDouble(i -> f.scores().reasoning()[i]).toArray();
            double[] t = idx.stream().mapToDouble(i -> f.scores().truth()[i]).toArray();
            double[] zr = z(r);
            double[] zt = z(t);
            for (int j = 0; j < idx.size(); j++) {
                String model = f.scores().models().get(idx.get(j));
                String tip = model + " (" + f.family() + ", " + pooled.phase().id() + "): z_R = " + Layers.f2(zr[j])
                        + ", z_T = " + Layers.f2(zt[j]);
                points.add(k, zr[j], zt[j], tip);
                if (style.selected().contains(model)) {
                    selected.add(0, zr[j], zt[j], tip);
                }
            }
        }
    }

    private static double[] z(double[] v) {
        double mean = StatUtils.mean(v);
        double sd = Math.sqrt(StatUtils.populationVariance(v, mean));
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (v[i] - mean) / sd;
        }
        return out;
    }

    static String summary(PooledPhaseCorrelation.Result r, boolean testPending) {
        String p = r.test() == null ? "no test" : "permutation p = " + Layers.p(r.test().p()) + " (B = "
                + r.test().permutations() + (testPending ? ", provisional: full test running" : "") + ")";
        return r.phase().id() + " phase: pooled r = " + Layers.f(r.r()) + ", " + p + ", " + r.nModels() + " models in "
                + r.nFamilies() + " families";
    }
}
