package dev.cape.app.workflow.charts;

import dev.cape.analysis.coupling.FamilyScores;
import dev.cape.analysis.diagnosis.DiagnosisResult;
import dev.cape.analysis.diagnosis.FamilyDiagnosis;
import dev.cape.analysis.phase.Phase;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.awt.Shape;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;

/** Chart 1: reasoning R against truthfulness T per family, lines in size order, points sized by N and coloured by phase. */
final class ReasoningTruthChart {

    private ReasoningTruthChart() {
    }

    static JFreeChart build(DiagnosisResult d, ChartStyle style) {
        Layers points = new Layers();
        Layers selected = new Layers();
        selected.series("selected");
        List<List<Phase>> phases = new ArrayList<>();
        List<double[]> sizes = new ArrayList<>();
        double minLog = Double.POSITIVE_INFINITY;
        for (FamilyDiagnosis f : d.families()) {
            FamilyScores s = f.scores();
            int k = points.series(f.family());
            for (int i = 0; i < s.size(); i++) {
                String tip = s.models().get(i) + " (" + f.family() + "): N = " + Layers.n(s.paramsB()[i]) + ", R = "
                        + Layers.f(s.reasoning()[i]) + ", T = " + Layers.f(s.truth()[i]) + ", c = "
                        + Layers.f2(f.coupling(i)) + ", " + f.phases().get(i).id();
                points.add(k, s.reasoning()[i], s.truth()[i], tip);
                if (style.selected().contains(s.models().get(i))) {
                    selected.add(0, s.reasoning()[i], s.truth()[i], tip);
                }
                minLog = Math.min(minLog, Math.log10(s.paramsB()[i]));
            }
            phases.add(f.phases());
            sizes.add(s.paramsB());
        }
        double base = minLog;
        Color line = style.dark() ? new Color(255, 255, 255, 70) : new Color(0, 0, 0, 60);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true) {
            @Override
            public Shape getItemShape(int series, int item) {
                return ChartStyle.circle(5 + 2.5 * (Math.log10(sizes.get(series)[item]) - base));
            }

            @Override
            public Paint getItemFillPaint(int series, int item) {
                return ChartStyle.phaseColour(phases.get(series).get(item));
            }

            @Override
            public Paint getItemPaint(int series, int item) {
                return line;
            }
        };
        r.setUseFillPaint(true);
        r.setUseOutlinePaint(true);
        r.setDefaultOutlinePaint(style.dark() ? Color.LIGHT_GRAY : Color.DARK_GRAY);
        r.setDefaultStroke(new BasicStroke(1f));
        r.setAutoPopulateSeriesStroke(false);
        r.setDefaultToolTipGenerator(points.tooltips());
        NumberAxis x = new NumberAxis("reasoning R (mean of " + String.join(", ", d.options().reasoning())
                + ", fraction correct)");
        NumberAxis y = new NumberAxis("truthfulness T (" + d.options().truth() + ", fraction)");
        x.setAutoRangeIncludesZero(false);
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(points.dataset(), x, y, r);
        Layers.addSelection(plot, 1, selected, style);
        plot.setFixedLegendItems(ChartStyle.phaseLegend(!style.selected().isEmpty(), style));
        JFreeChart chart = new JFreeChart(ChartKind.REASONING_TRUTH.title() + " per family", plot);
        return style.finish(chart, List.of(d.families().size() + " families; point area grows with log N; lines join"
                + " each family's models in size order; τ = " + d.options().tau()));
    }
}
