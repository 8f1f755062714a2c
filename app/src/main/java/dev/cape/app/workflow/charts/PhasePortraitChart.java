package dev.cape.app.workflow.charts;

import dev.cape.analysis.ode.CompositeScores;
import dev.cape.analysis.ode.Eigenstructure;
import dev.cape.analysis.ode.HoldOutPrediction;
import dev.cape.analysis.ode.JacobianAnalysis;
import dev.cape.analysis.ode.ModelPrediction;
import dev.cape.analysis.ode.PolynomialField;
import dev.cape.analysis.ode.Trajectory;
import dev.cape.app.workflow.WorkbenchAnalysis;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.complex.Complex;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.VectorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.util.ShapeUtils;
import org.jfree.data.xy.VectorSeries;
import org.jfree.data.xy.VectorSeriesCollection;

/**
 * Chart 6: the SINDy field ds/d(log N) in the (R, T) plane: direction arrows of the field on a grid, each family's
 * fitted trajectory from its smallest size, the held-out family's prediction against its observed scores, and the
 * real eigen-directions of the Jacobian at the fixed points and at the selected models.
 */
final class PhasePortraitChart {

    private static final int GRID = 16;
    private static final double EIGEN_HALF_LENGTH = 0.05;

    private PhasePortraitChart() {
    }

    static JFreeChart build(WorkbenchAnalysis.Ode ode, ChartStyle style) {
        double[] box = box(ode.fit().states(), ode.eigen().fixedPoints());
        VectorSeries field = new VectorSeries("field direction");
        PolynomialField f = ode.fit().field();
        double cell = Math.min(box[1] - box[0], box[3] - box[2]) / GRID;
        for (int i = 0; i <= GRID; i++) {
            for (int j = 0; j <= GRID; j++) {
                double r = box[0] + (box[1] - box[0]) * i / GRID;
                double t = box[2] + (box[3] - box[2]) * j / GRID;
                double[] v = f.rate(r, t);
                double len = Math.hypot(v[0], v[1]);
                if (len > 0 && Double.isFinite(len)) {
                    field.add(r, t, 0.7 * cell * v[0] / len, 0.7 * cell * v[1] / len);
                }
            }
        }
        VectorSeriesCollection vectors = new VectorSeriesCollection();
        vectors.addSeries(field);
        VectorRenderer vr = new VectorRenderer();
        vr.setSeriesPaint(0, style.dark() ? new Color(150, 150, 150) : new Color(170, 170, 170));
        Layers paths = new Layers();
        int observed = paths.series("observed states");
        for (CompositeScores.Scored s : ode.fit().states()) {
            paths.add(observed, s.r(), s.t(), s.model().model() + " (" + s.model().family() + "): R = " + Layers.f(s.r())
                    + ", T = " + Layers.f(s.t()));
        }
        XYLineAndShapeRenderer pr = new XYLineAndShapeRenderer(false, true);
        pr.setSeriesPaint(observed, style.foreground());
        pr.setSeriesShape(observed, ChartStyle.circle(4));
        List<Integer> lines = new ArrayList<>();
        for (WorkbenchAnalysis.FamilyTrajectory ft : ode.trajectories()) {
            int k = paths.series(ft.states().family() + " fitted");
            lines.add(k);
            addTrajectory(paths, k, ft.fitted(), ft.states().family());
        }
        ode.holdOut().ifPresent(h -> addHoldOut(paths, pr, h));
        int fixed = paths.series("fixed points");
        for (JacobianAnalysis j : ode.eigen().fixedPoints()) {
            paths.add(fixed, j.r(), j.t(), "fixed point R = " + Layers.f(j.r()) + ", T = " + Layers.f(j.t()) + ": "
                    + j.type() + ", " + j.interaction());
        }
        pr.setSeriesShape(fixed, ChartStyle.circle(11));
        pr.setSeriesPaint(fixed, style.foreground());
        pr.setSeriesShapesFilled(fixed, false);
        for (int k : lines) {
            pr.setSeriesLinesVisible(k, true);
            pr.setSeriesShapesVisible(k, false);
            pr.setSeriesPaint(k, new Color(44, 160, 44, 150));
        }

        pr.setDefaultToolTipGenerator(paths.tooltips());
        NumberAxis x = new NumberAxis("reasoning R (fraction correct)");
        NumberAxis y = new NumberAxis("truthfulness T (fraction)");
        x.setRange(box[0], box[1]);
        y.setRange(box[2], box[3]);
        XYPlot plot = new XYPlot(paths.dataset(), x, y, pr);
        plot.setFixedLegendItems(legend(pr, paths, style, ode.holdOut().isPresent()));
        plot.setDataset(1, vectors);
        plot.setRenderer(1, vr);
        Eigenstructure.Result eigen = ode.eigen();
        for (JacobianAnalysis j : eigen.fixedPoints()) {
            eigenDirections(plot, j, "fixed point", style);
        }
        for (Eigenstructure.ObservedState o : eigen.observed()) {
            if (style.selected().contains(o.model())) {
                eigenDirections(plot, o.analysis(), o.model(), style);
            }
        }
        JFreeChart chart = new JFreeChart(ChartKind.PHASE_PORTRAIT.title() + ": dR/dlogN, dT/dlogN", plot);
        List<String> sub = new ArrayList<>();
        sub.add("SINDy field (order " + ode.fit().settings().libraryOrder() + ", λ = " + ode.fit().threshold() + ") on "
                + ode.fit().trainingFamilies().size() + " families; " + eigen.fixedPoints().size()
                + " fixed points in [0,1]²; eigen-directions at fixed points and selected models");
        ode.holdOut().ifPresent(h -> sub.add("held out " + h.family() + ": " + h.message()));
        return style.finish(chart, sub);
    }

    private static LegendItemCollection legend(XYLineAndShapeRenderer pr, Layers paths, ChartStyle style,
                                               boolean holdOut) {
        LegendItemCollection items = new LegendItemCollection();
        items.add(new LegendItem("observed states", null, null, null, ChartStyle.circle(5), style.foreground()));
        items.add(new LegendItem("fitted trajectories", null, null, null, new Rectangle(-8, -1, 16, 2),
                new Color(44, 160, 44)));
        int n = paths.dataset().getSeriesCount();
        if (holdOut) {
            for (int k = n - 3; k < n - 1; k++) {
                items.add(new LegendItem(String.valueOf(paths.dataset().getSeriesKey(k)), null, null, null,
                        pr.getSeriesShape(k), pr.getSeriesPaint(k)));
            }
        }
        items.add(new LegendItem("fixed point", null, null, null, ChartStyle.circle(9), style.foreground()));
        items.add(new LegendItem("field direction", null, null, null, new Rectangle(-8, -1, 16, 2), Color.GRAY));
        items.add(new LegendItem("eigen-direction, λ < 0", null, null, null, new Rectangle(-8, -1, 16, 3),
                new Color(0x1f77b4)));
        items.add(new LegendItem("eigen-direction, λ > 0", null, null, null, new Rectangle(-8, -1, 16, 3),
                new Color(0xd62728)));
        return items;
    }

    private static void addTrajectory(Layers paths, int k, Trajectory tr, String family) {
        paths.add(k, tr.r0(), tr.t0(), family + " fitted, start at N = " + Layers.n(Math.pow(10, tr.x0())));
        for (Trajectory.Point p : tr.points()) {
            paths.add(k, p.r(), p.t(), family + " fitted at N = " + Layers.n(Math.pow(10, p.x())) + ": R = "
                    + Layers.f(p.r()) + ", T = " + Layers.f(p.t()));
        }
    }

    private static void addHoldOut(Layers paths, XYLineAndShapeRenderer pr, HoldOutPrediction h) {
        int obs = paths.series(h.family() + " observed (held out)");
        int pred = paths.series(h.family() + " predicted");
        for (ModelPrediction m : h.models()) {
            paths.add(obs, m.rObs(), m.tObs(), m.model() + " observed: R = " + Layers.f(m.rObs()) + ", T = "
                    + Layers.f(m.tObs()));
            if (m.rPred().isPresent() && m.tPred().isPresent()) {
                paths.add(pred, m.rPred().getAsDouble(), m.tPred().getAsDouble(), m.model() + " predicted ("
                        + m.status() + "): R = " + Layers.f(m.rPred().getAsDouble()) + ", T = "
                        + Layers.f(m.tPred().getAsDouble()));
            }
        }
        pr.setSeriesPaint(obs, new Color(0x9467bd));
        pr.setSeriesShape(obs, ChartStyle.circle(10));
        pr.setSeriesLinesVisible(obs, true);
        pr.setSeriesPaint(pred, new Color(0xff7f0e));
        pr.setSeriesShape(pred, ShapeUtils.createDiagonalCross(5, 1.2f));
        pr.setSeriesLinesVisible(pred, true);
        pr.setSeriesStroke(pred, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f,
                new float[] {5f, 3f}, 0f));
    }

    private static void eigenDirections(XYPlot plot, JacobianAnalysis j, String where, ChartStyle style) {
        if (j.complex()) {
            return;
        }
        for (int e = 0; e < 2; e++) {
            List<Complex> v = j.eigenvectors().get(e);
            double vr = v.get(0).getReal();
            double vt = v.get(1).getReal();
            double norm = Math.hypot(vr, vt);
            if (!(norm > 0)) {
                continue;
            }
            double dr = EIGEN_HALF_LENGTH * vr / norm;
            double dt = EIGEN_HALF_LENGTH * vt / norm;
            double lambda = j.eigenvalues().get(e).getReal();
            XYLineAnnotation a = new XYLineAnnotation(j.r() - dr, j.t() - dt, j.r() + dr, j.t() + dt,
                    new BasicStroke(2.5f), lambda < 0 ? new Color(0x1f77b4) : new Color(0xd62728));
            a.setToolTipText("eigen-direction at " + where + ": λ = " + Layers.f(lambda) + " (" + j.type() + ")");
            plot.addAnnotation(a);
        }
    }

    /** [rMin, rMax, tMin, tMax] around the observed states, with a margin. */
    private static double[] box(List<CompositeScores.Scored> states, List<JacobianAnalysis> fixedPoints) {
        double r0 = 1;
        double r1 = 0;
        double t0 = 1;
        double t1 = 0;
        for (CompositeScores.Scored s : states) {
            r0 = Math.min(r0, s.r());
            r1 = Math.max(r1, s.r());
            t0 = Math.min(t0, s.t());
            t1 = Math.max(t1, s.t());
        }
        for (JacobianAnalysis j : fixedPoints) {
            r0 = Math.min(r0, j.r() - EIGEN_HALF_LENGTH);
            r1 = Math.max(r1, j.r() + EIGEN_HALF_LENGTH);
            t0 = Math.min(t0, j.t() - EIGEN_HALF_LENGTH);
            t1 = Math.max(t1, j.t() + EIGEN_HALF_LENGTH);
        }
        if (r0 > r1 || t0 > t1) {
            return new double[] {0, 1, 0, 1};
        }
        double mr = Math.max(0.02, 0.08 * (r1 - r0));
        double mt = Math.max(0.02, 0.08 * (t1 - t0));
        return new double[] {Math.max(0, r0 - mr), Math.min(1, r1 + mr), Math.max(0, t0 - mt), Math.min(1, t1 + mt)};
    }
}
