package dev.cape.app.workflow.charts;

import dev.cape.app.workflow.WorkbenchAnalysis;
import java.awt.Font;
import java.util.EnumMap;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;

/** Builds the workbench's charts from an analysis result, for the GUI and for exports alike. */
public final class WorkbenchCharts {

    private WorkbenchCharts() {
    }

    /** One chart; when the result lacks what it needs (no ODE fit), a chart with the reason as its message. */
    public static JFreeChart build(ChartKind kind, WorkbenchAnalysis.Result result, ChartStyle style) {
        boolean pending = result.stage() == WorkbenchAnalysis.Stage.QUICK;
        return switch (kind) {
            case REASONING_TRUTH -> ReasoningTruthChart.build(result.diagnosis(), style);
            case COUPLING -> CouplingChart.build(result.diagnosis(), style);
            case FOREST -> ForestChart.build(result.diagnosis(), style);
            case POOLED -> PooledChart.build(result.diagnosis(), style, pending);
            case WIDTH -> WidthChart.build(result.diagnosis(), style, pending);
            case PHASE_PORTRAIT -> result.ode().map(o -> PhasePortraitChart.build(o, style))
                    .orElseGet(() -> unavailable(kind, String.join("; ", result.notes()), style));
            case FRONTIER -> FrontierChart.build(result.frontier(), style, pending);
        };
    }

    /** Every chart, in tab order. */
    public static Map<ChartKind, JFreeChart> buildAll(WorkbenchAnalysis.Result result, ChartStyle style) {
        Map<ChartKind, JFreeChart> out = new EnumMap<>(ChartKind.class);
        for (ChartKind k : ChartKind.values()) {
            out.put(k, build(k, result, style));
        }
        return out;
    }

    private static JFreeChart unavailable(ChartKind kind, String why, ChartStyle style) {
        JFreeChart chart = new JFreeChart(kind.title(), new XYPlot());
        chart.removeLegend();
        TextTitle t = new TextTitle("not available: " + why, new Font("SansSerif", Font.PLAIN, 13));
        return style.finish(chart, java.util.List.of(t.getText()));
    }
}
