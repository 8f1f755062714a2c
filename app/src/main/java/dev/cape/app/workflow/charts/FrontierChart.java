package dev.cape.app.workflow.charts;

import dev.cape.analysis.frontier.FrontierCorrelation;
import dev.cape.analysis.frontier.FrontierLine;
import dev.cape.analysis.frontier.FrontierModel;
import dev.cape.app.workflow.WorkbenchAnalysis;
import java.awt.BasicStroke;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;

/**
 * Chart 7: frontier models' reasoning against truthfulness by lab, the least-squares line ({@link FrontierLine}) and
 * Pearson r.
 */
final class FrontierChart {

    private FrontierChart() {
    }

    static JFreeChart build(WorkbenchAnalysis.Frontier frontier, ChartStyle style, boolean pending) {
        Layers points = new Layers();
        Map<String, Integer> labs = new LinkedHashMap<>();
        for (FrontierModel m : frontier.table().models()) {
            int k = labs.computeIfAbsent(m.lab(), points::series);
            points.add(k, m.reasoning(), m.truth(), m.model() + " (" + m.lab() + "): reasoning = "
                    + Layers.f(m.reasoning()) + ", truthfulness = " + Layers.f(m.truth()));
        }
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        for (int k = 0; k < labs.size(); k++) {
            r.setSeriesPaint(k, ChartStyle.categorical(k));
            r.setSeriesShape(k, ChartStyle.circle(8));
        }
        r.setDefaultToolTipGenerator(points.tooltips());
        NumberAxis x = new NumberAxis("reasoning (GPQA Diamond, fraction correct)");
        NumberAxis y = new NumberAxis("truthfulness (SimpleQA, fraction correct)");
        x.setAutoRangeIncludesZero(false);
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(points.dataset(), x, y, r);
        FrontierLine.Result line = FrontierLine.fit(frontier.table());
        if (line.defined()) {
            plot.addAnnotation(new XYLineAnnotation(line.minX(), line.at(line.minX()), line.maxX(),
                    line.at(line.maxX()), new BasicStroke(1.5f), style.foreground()));
        }
        FrontierCorrelation.Result c = frontier.correlation();
        JFreeChart chart = new JFreeChart(ChartKind.FRONTIER.title(), plot);
        return style.finish(chart, List.of(c.n() + " models from " + c.labs().size() + " labs ("
                + frontier.table().source() + "); line: least squares, truthfulness = " + Layers.f(line.intercept())
                + " + " + Layers.f(line.slope()) + " × reasoning",
                "Pearson r = " + Layers.f(c.pearson().r()) + " (permutation p = " + Layers.p(c.pearson().permutationP())
                        + "), Spearman ρ = " + Layers.f(c.spearman().r()) + " (p = "
                        + Layers.p(c.spearman().permutationP()) + "); B = " + c.settings().permutations()
                        + (pending ? " (provisional: full test running)" : "")));
    }
}
