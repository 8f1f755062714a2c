package dev.cape.inference.eval;

import dev.cape.inference.model.Progress;
import dev.cape.inference.model.LanguageModel;
import dev.cape.inference.model.Logits;
import dev.cape.inference.steer.SteeringSession;
import dev.cape.inference.steer.SteeringVector;
import java.util.ArrayList;
import java.util.List;

/**
 * Sweeps the steering strength α over an evaluation task: for each α the model is steered (α·σ·v̂ added at every
 * position of {@code vector.layer()}) while the task is scored, and compared item by item with the unsteered run.
 * <ul>
 * <li>{@code accuracy}: share of items answered correctly with steering;</li>
 * <li>{@code correctedShare}: of the items wrong without steering, the share right with it (NaN when none was
 * wrong);</li>
 * <li>{@code brokenShare}: of the items right without steering, the share wrong with it (NaN when none was right);</li>
 * <li>{@code kl}: mean over positions of neutral texts of {@code KL(P_unsteered ‖ P_steered)} of the next-token
 * distributions, in nats;</li>
 * <li>{@code mc2}: for tasks with a graded score (TruthfulQA MC2, {@link EvalTask.Outcome#graded()}) its mean over
 * items with steering, NaN for other tasks.</li>
 * </ul>
 */
public final class SteeringEvaluation {

    /** Short neutral texts for the KL term (children's-story register, to suit small story models as well). */
    public static final List<String> NEUTRAL_TEXTS = List.of(
            "Once upon a time, there was a little girl named Lily. She liked to play in the park with her dog.",
            "The sun was shining and the birds were singing in the tall green trees.",
            "Tom went to the shop with his mother to buy some bread and milk for breakfast.",
            "After dinner, the family sat together and read a book about the sea.",
            "The weather today is mild, with a light wind from the west and a few clouds.",
            "She opened the window, looked at the garden, and smiled at the flowers.");

    /** One α of the sweep; {@code mc2} is NaN when the task has no graded score. */
    public record Point(double alpha, double accuracy, double correctedShare, double brokenShare, double kl,
            double mc2) {

        /** A point of a task without a graded score. */
        public Point(double alpha, double accuracy, double correctedShare, double brokenShare, double kl) {
            this(alpha, accuracy, correctedShare, brokenShare, kl, Double.NaN);
        }
    }

    /**
     * The sweep: the layer steered, unsteered accuracy, one point per α, the number of items scored and what they
     * are ({@link EvalTask#unit()}), and the unsteered mean graded score (MC2; NaN when the task has none).
     */
    public record Result(int layer, double baselineAccuracy, List<Point> points, int nItems, double baselineMc2,
            String unit) {
        public Result {
            points = List.copyOf(points);
        }

        /** A sweep of generic items. */
        public Result(int layer, double baselineAccuracy, List<Point> points, int nItems, double baselineMc2) {
            this(layer, baselineAccuracy, points, nItems, baselineMc2, "items");
        }

        /** A sweep of a task without a graded score. */
        public Result(int layer, double baselineAccuracy, List<Point> points, int nItems) {
            this(layer, baselineAccuracy, points, nItems, Double.NaN);
        }
    }

    private SteeringEvaluation() {
    }

    public static Result sweep(LanguageModel model, EvalTask task, SteeringVector vector, double[] alphas,
            SteeringSession.Site site, List<String> neutralTexts) {
        return sweep(model, task, vector, alphas, site, neutralTexts, Progress.NONE);
    }

    /**
     * The sweep, reporting one step for the unsteered run and one per α; stops with a
     * {@link java.util.concurrent.CancellationException} between steps when the thread is interrupted.
     */
    public static Result sweep(LanguageModel model, EvalTask task, SteeringVector vector, double[] alphas,
            SteeringSession.Site site, List<String> neutralTexts, Progress progress) {
        int steps = alphas.length + 1;
        progress.progress("unsteered scores", 0, steps);
        EvalTask.Outcome base = task.outcome(model);
        List<int[]> neutral = new ArrayList<>();
        var tok = model.tokenizer().orElseThrow(() -> new IllegalArgumentException("the model has no tokenizer"));
        for (String t : neutralTexts) {
            neutral.add(tok.encode(t, tok.bosByDefault()));
        }
        List<double[][]> baseDist = new ArrayList<>();
        for (int[] ids : neutral) {
            baseDist.add(logDistributions(model.forward(ids)));
        }
        List<Point> points = new ArrayList<>();
        for (int k = 0; k < alphas.length; k++) {
            if (Thread.currentThread().isInterrupted()) {
                throw new java.util.concurrent.CancellationException("steering sweep cancelled");
            }
            double a = alphas[k];
            progress.progress("alpha " + a, k + 1, steps);
            EvalTask.Outcome steered;
            double kl = 0;
            int positions = 0;
            try (SteeringSession s = SteeringSession.on(model).at(site).add(vector, a).open()) {
                steered = task.outcome(model);
                for (int i = 0; i < neutral.size(); i++) {
                    double[][] q = logDistributions(model.forward(neutral.get(i)));
                    double[][] p = baseDist.get(i);
                    for (int t = 0; t < p.length; t++) {
                        kl += kl(p[t], q[t]);
                        positions++;
                    }
                }
            }
            points.add(compare(a, base, steered, positions == 0 ? Double.NaN : kl / positions));
        }
        progress.progress("alphas", steps, steps);
        return new Result(vector.layer(), share(base.correct()), points, task.size(), mean(base.graded()),
                task.unit());
    }

    /** {@link #compare(double, boolean[], boolean[], double)} of the outcomes, with the mean graded score as MC2. */
    public static Point compare(double alpha, EvalTask.Outcome base, EvalTask.Outcome steered, double kl) {
        Point p = compare(alpha, base.correct(), steered.correct(), kl);
        return new Point(p.alpha(), p.accuracy(), p.correctedShare(), p.brokenShare(), p.kl(), mean(steered.graded()));
    }

    /** Mean of the graded scores; NaN when there are none. */
    static double mean(double[] graded) {
        if (graded == null || graded.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (double g : graded) {
            s += g;
        }
        return s / graded.length;
    }

    /** Accuracy, corrected and broken shares of {@code steered} against {@code base}. */
    public static Point compare(double alpha, boolean[] base, boolean[] steered, double kl) {
        int wrong = 0;
        int right = 0;
        int corrected = 0;
        int broken = 0;
        for (int i = 0; i < base.length; i++) {
            if (base[i]) {
                right++;
                broken += steered[i] ? 0 : 1;
            } else {
                wrong++;
                corrected += steered[i] ? 1 : 0;
            }
        }
        return new Point(alpha, share(steered), wrong == 0 ? Double.NaN : (double) corrected / wrong,
                right == 0 ? Double.NaN : (double) broken / right, kl);
    }

    /** {@code KL(p ‖ q) = Σ p (log p − log q)} from log-probabilities. */
    public static double kl(double[] logP, double[] logQ) {
        double s = 0;
        for (int i = 0; i < logP.length; i++) {
            double p = Math.exp(logP[i]);
            if (p > 0) {
                s += p * (logP[i] - logQ[i]);
            }
        }
        return Math.max(0, s);
    }

    private static double[][] logDistributions(Logits l) {
        double[][] out = new double[l.positions()][];
        for (int t = 0; t < l.positions(); t++) {
            out[t] = AnswerScorer.logSoftmax(l.row(0, t));
        }
        return out;
    }

    private static double share(boolean[] v) {
        int n = 0;
        for (boolean b : v) {
            n += b ? 1 : 0;
        }
        return (double) n / v.length;
    }
}
