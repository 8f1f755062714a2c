package dev.cape.inference.direction;

import dev.cape.inference.model.Progress;
import dev.cape.inference.eval.ItemSplit;
import dev.cape.inference.eval.StatementDataException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * Fits a direction at every layer on the training rows of a split and scores it on the held-out rows: the projection
 * classifier's threshold is fitted on the training projections, its accuracy measured on the test projections, and σ
 * is the sample standard deviation of the training projections. The best layer has the highest held-out accuracy
 * (the earliest on ties). The layer is thus chosen on the split it is scored on, so the best accuracy is an optimistic
 * estimate; the curve over layers is the honest picture.
 */
public final class DirectionFinder {

    private final DirectionMethod method;
    private final DirectionFitter fitter;
    private final boolean compareAll;

    private DirectionFinder(DirectionMethod method, DirectionFitter fitter, boolean compareAll) {
        this.method = method;
        this.fitter = fitter;
        this.compareAll = compareAll;
    }

    /** Mass-mean, default fitter, cosines of the cheap methods (mass-mean, PCA) only. */
    public static DirectionFinder withDefaults() {
        return new DirectionFinder(DirectionMethod.MASS_MEAN, DirectionFitter.withDefaults(), false);
    }

    public DirectionFinder with(DirectionMethod m) {
        return new DirectionFinder(m, fitter, compareAll);
    }

    public DirectionFinder with(DirectionFitter f) {
        return new DirectionFinder(method, f, compareAll);
    }

    /** Also fit every other method (the logistic probe included) to report its cosine to mass-mean. */
    public DirectionFinder withAllCosines(boolean all) {
        return new DirectionFinder(method, fitter, all);
    }

    public DirectionReport find(LayerActivations acts, boolean[] labels, String[] items, ItemSplit split,
            Progress progress) {
        if (labels.length != acts.rows()) {
            throw new IllegalArgumentException("labels (" + labels.length + ") and activation rows (" + acts.rows()
                    + ") differ");
        }
        boolean[] yTrain = pick(labels, split.train());
        boolean[] yTest = pick(labels, split.test());
        String[] itTrain = items == null ? null : new String[split.train().length];
        if (itTrain != null) {
            for (int i = 0; i < itTrain.length; i++) {
                itTrain[i] = items[split.train()[i]];
            }
        }
        List<LayerDirection> out = new java.util.ArrayList<>();
        int best = 0;
        for (int l = 0; l < acts.layers(); l++) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("direction fitting cancelled at layer " + l);
            }
            float[][] xTrain = rows(acts.layer(l), split.train());
            float[][] xTest = rows(acts.layer(l), split.test());
            double[] mm = DirectionFitter.massMean(xTrain, yTrain);
            double[] v = Vectors.unit(nonZero(fitter.fit(method, xTrain, yTrain, itTrain), l));
            Map<String, Double> cos = new LinkedHashMap<>();
            for (DirectionMethod m : DirectionMethod.values()) {
                if (m == method) {
                    cos.put(m.id(), Vectors.cosine(v, mm));
                } else if (m != DirectionMethod.LOGISTIC || compareAll) {
                    cos.put(m.id(), Vectors.cosine(fitter.fit(m, xTrain, yTrain, itTrain), mm));
                }
            }
            double[] pTrain = project(xTrain, v);
            double[] pTest = project(xTest, v);
            ProjectionClassifier c = ProjectionClassifier.fit(pTrain, yTrain);
            double acc = c.accuracy(pTest, yTest);
            out.add(new LayerDirection(l, v, acc, c.trainAccuracy(), c.threshold(), std(pTrain), Vectors.cosine(v, mm),
                    cos));
            if (acc > out.get(best).accuracy()) {
                best = l;
            }
            progress.progress("directions", l + 1, acts.layers());
        }
        return new DirectionReport(method, out, best, split.train().length, split.test().length, split.seed());
    }

    static double[] project(float[][] x, double[] v) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Vectors.dot(x[i], v);
        }
        return out;
    }

    static double std(double[] v) {
        double m = 0;
        for (double x : v) {
            m += x;
        }
        m /= v.length;
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }

    private static float[][] rows(float[][] x, int[] idx) {
        float[][] out = new float[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            out[i] = x[idx[i]];
        }
        return out;
    }

    private static boolean[] pick(boolean[] y, int[] idx) {
        boolean[] out = new boolean[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = y[idx[i]];
        }
        return out;
    }

    /** The fitted direction, or a data error when it is zero: the two classes cannot be told apart at this layer. */
    private double[] nonZero(double[] v, int layer) {
        double n = Vectors.norm(v);
        if (!Double.isFinite(n)) {
            throw new StatementDataException("layer " + layer + ": the " + method.id() + " direction has norm " + n
                    + ": the activations hold NaN or infinite values (the model's weights do, or float16 overflowed: "
                    + "try --dtype float32)");
        }
        if (!(n > 0)) {
            throw new StatementDataException("layer " + layer + ": the " + method.id() + " direction has norm " + n
                    + ": the true and false training statements give the same activations there; expected statements "
                    + "that differ (a tokenizer that does not know their words encodes them all alike)");
        }
        return v;
    }
}
