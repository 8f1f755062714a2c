package dev.cape.app.workflow.charts;

import dev.cape.analysis.coupling.KernelCoupling;
import dev.cape.analysis.diagnosis.DiagnosisResult;
import dev.cape.analysis.diagnosis.FamilyDiagnosis;
import dev.cape.analysis.phase.Phase;
import dev.cape.analysis.resampling.StratifiedPermutationTest;
import dev.cape.analysis.width.NormalisedCoupling;
import dev.cape.analysis.width.WidthNormalisation;
import java.awt.BasicStroke;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;

/**
 * Chart 5: each model's coupling from raw scores against its coupling from width-normalised scores
 * (R / log2 d and T / log2 d, as {@link NormalisedCoupling} gives them with the diagnosis' bandwidth), for families
 * whose widths are all known, coloured by raw phase, with the partial and ratio correlations of the diagnosis.
 */
final class WidthChart {

    private WidthChart() {
    }

    static JFreeChart build(DiagnosisResult d, ChartStyle style, boolean testPending) {
        Layers points = new Layers();
        for (Phase p : Phase.values()) {
            points.series(p.id());
        }
        Layers selected = new Layers();
        selected.series("selected");
        NormalisedCoupling.Result normalised = NormalisedCoupling.withDefaults()
                .with(KernelCoupling.withDefaults().withBandwidth(d.options().bandwidth()))
                .fit(d.families().stream().map(FamilyDiagnosis::scores).toList());
        Map<String, FamilyDiagnosis> byName = new HashMap<>();
        d.families().forEach(f -> byName.put(f.family(), f));
        for (NormalisedCoupling.Family n : normalised.families()) {
            List<Phase> phases = byName.get(n.family()).phases();
            double[] widths = n.widths();
            for (int i = 0; i < n.models().size(); i++) {
                double raw = n.rawCoupling(i);
                double norm = n.normalisedCoupling(i);
                String model = n.models().get(i);
                String tip = model + " (" + n.family() + ", d = " + (long) widths[i] + "): raw c = "
                        + Layers.f2(raw) + ", width-normalised c = " + Layers.f2(norm);
                points.add(phases.get(i).ordinal(), raw, norm, tip);
                if (style.selected().contains(model)) {
                    selected.add(0, raw, norm, tip);
                }
            }
        }
        int families = normalised.families().size();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        for (Phase p : Phase.values()) {
            r.setSeriesPaint(p.ordinal(), ChartStyle.phaseColour(p));
            r.setSeriesShape(p.ordinal(), ChartStyle.circle(7));
        }
        r.setDefaultToolTipGenerator(points.tooltips());
        NumberAxis x = new NumberAxis("coupling c from raw scores");
        NumberAxis y = new NumberAxis("coupling c from width-normalised scores (score / log2 d)");
        x.setRange(-1.05, 1.05);
        y.setRange(-1.05, 1.05);
        XYPlot plot = new XYPlot(points.dataset(), x, y, r);
        plot.addAnnotation(new XYLineAnnotation(-1, -1, 1, 1, new BasicStroke(1f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 1f, new float[] {4f, 4f}, 0f), style.foreground()));
        Layers.addSelection(plot, 1, selected, style);
        WidthNormalisation.Result w = d.width();
        JFreeChart chart = new JFreeChart(ChartKind.WIDTH.title() + ": raw vs normalised coupling", plot);
        String pending = testPending ? " (provisional: full test running)" : "";
        return style.finish(chart, List.of(families + " families with every width known; dashed: no change",
                "partial r (all models, given log2 d) = " + (w.all().r().isPresent() ? Layers.f(w.all().r().getAsDouble())
                        : "n/a") + test(w.allTest()) + "; tax region: partial r = " + Layers.f(w.partialRTax())
                        + test(w.taxTest()) + ", ratio r = " + Layers.f(w.ratioRTax()) + test(w.ratioTest()) + pending,
                "anticorrelation vanishes once width is accounted for: " + (w.anticorrelationVanishes() ? "yes" : "no")));
    }

    private static String test(StratifiedPermutationTest.Result t) {
        return t == null ? "" : " (p = " + Layers.p(t.p()) + ")";
    }

}
