package dev.cape.inference.direction;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Fits a direction in activation space from labelled rows, oriented so that true rows project higher than false ones
 * (the dot product with the mass-mean difference is ≥ 0).
 * <ul>
 * <li>{@link DirectionMethod#MASS_MEAN}: {@code mean(x | true) − mean(x | false)} (Marks and Tegmark 2023).</li>
 * <li>{@link DirectionMethod#LOGISTIC}: the weight vector {@code w} minimising
 * {@code (1/n) Σ log(1 + exp(−s_i (w·(x_i − x̄)/r + b))) + (λ/2)|w|²}, {@code s_i = ±1}, {@code r} the root mean
 * square of the centred features (so λ does not depend on the activation scale), intercept unpenalised; Newton's
 * method with a Cholesky solve, as scikit-learn's {@code LogisticRegression(C = 1/(n λ))} on the scaled features.</li>
 * <li>{@link DirectionMethod#PCA} / {@link DirectionMethod#PCA_UNCENTRED}: the first principal axis of the paired
 * differences {@code x_true − x_false}, after (or without) subtracting their mean, by power iteration (RepE's
 * "PCA of differences"). Pairs are a true and a false row of the same item where the items allow, the remaining rows
 * paired at random with {@code java.util.Random(seed)}.</li>
 * </ul>
 */
public final class DirectionFitter {

    private final double l2;
    private final long seed;

    private DirectionFitter(double l2, long seed) {
        this.l2 = l2;
        this.seed = seed;
    }

    /** λ = 0.01, pairing seed 0. */
    public static DirectionFitter withDefaults() {
        return new DirectionFitter(0.01, 0);
    }

    /** The L2 penalty λ of the logistic probe (> 0). */
    public DirectionFitter withL2(double lambda) {
        if (!(lambda > 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be > 0: " + lambda);
        }
        return new DirectionFitter(lambda, seed);
    }

    /** The seed of the random pairing of rows that share no item (PCA methods). */
    public DirectionFitter withSeed(long s) {
        return new DirectionFitter(l2, s);
    }

    public double l2() {
        return l2;
    }

    /**
     * The direction (not normalised) by {@code method}.
     *
     * @param x     rows {@code [n][d]}
     * @param y     labels (both classes present)
     * @param items item of each row (for pairing; may be null: all rows paired at random)
     */
    public double[] fit(DirectionMethod method, float[][] x, boolean[] y, String[] items) {
        check(x, y);
        double[] mm = massMean(x, y);
        double[] v = switch (method) {
            case MASS_MEAN -> mm;
            case LOGISTIC -> logistic(x, y);
            case PCA -> pca(x, y, items, true);
            case PCA_UNCENTRED -> pca(x, y, items, false);
        };
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            s += v[i] * mm[i];
        }
        if (s < 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] = -v[i];
            }
        }
        return v;
    }

    /** Difference of class means, true minus false. */
    public static double[] massMean(float[][] x, boolean[] y) {
        check(x, y);
        int d = x[0].length;
        double[] t = new double[d];
        double[] f = new double[d];
        int nt = 0;
        int nf = 0;
        for (int i = 0; i < x.length; i++) {
            double[] acc = y[i] ? t : f;
            for (int j = 0; j < d; j++) {
                acc[j] += x[i][j];
            }
            if (y[i]) {
                nt++;
            } else {
                nf++;
            }
        }
        double[] out = new double[d];
        for (int j = 0; j < d; j++) {
            out[j] = t[j] / nt - f[j] / nf;
        }
        return out;
    }

    private double[] logistic(float[][] x, boolean[] y) {
        int n = x.length;
        int d = x[0].length;
        double[] mean = new double[d];
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double ss = 0;
        double[][] z = new double[n][d + 1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                z[i][j] = x[i][j] - mean[j];
                ss += z[i][j] * z[i][j];
            }
        }
        double r = Math.sqrt(ss / ((double) n * d));
        if (!(r > 0)) {
            throw new IllegalArgumentException("all rows are identical; no probe can be fitted");
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                z[i][j] /= r;
            }
            z[i][d] = 1;   // intercept
        }
        int p = d + 1;
        double[] w = new double[p];
        double[] grad = new double[p];
        double[][] h = new double[p][p];
        for (int iter = 0; iter < 50; iter++) {
            java.util.Arrays.fill(grad, 0);
            for (double[] row : h) {
                java.util.Arrays.fill(row, 0);
            }
            for (int i = 0; i < n; i++) {
                double eta = 0;
                for (int j = 0; j < p; j++) {
                    eta += w[j] * z[i][j];
                }
                double prob = 1 / (1 + Math.exp(-eta));
                double resid = prob - (y[i] ? 1 : 0);
                double wt = Math.max(prob * (1 - prob), 1e-12);
                double[] zi = z[i];
                for (int a = 0; a < p; a++) {
                    grad[a] += resid * zi[a] / n;
                    double za = wt * zi[a] / n;
                    double[] ha = h[a];
                    for (int b = 0; b <= a; b++) {
                        ha[b] += za * zi[b];
                    }
                }
            }
            for (int a = 0; a < d; a++) {
                grad[a] += l2 * w[a];
                h[a][a] += l2;
            }
            h[d][d] += 1e-10;
            double[] step = Cholesky.solveLowerStored(h, grad);
            double change = 0;
            for (int j = 0; j < p; j++) {
                w[j] -= step[j];
                change = Math.max(change, Math.abs(step[j]));
            }
            if (change < 1e-9) {
                break;
            }
        }
        return java.util.Arrays.copyOf(w, d);
    }

    private double[] pca(float[][] x, boolean[] y, String[] items, boolean centred) {
        int[][] pairs = pairs(y, items);
        int d = x[0].length;
        int m = pairs.length;
        double[][] diff = new double[m][d];
        double[] mean = new double[d];
        for (int k = 0; k < m; k++) {
            for (int j = 0; j < d; j++) {
                diff[k][j] = (double) x[pairs[k][0]][j] - x[pairs[k][1]][j];
                mean[j] += diff[k][j] / m;
            }
        }
        if (centred) {
            for (double[] row : diff) {
                for (int j = 0; j < d; j++) {
                    row[j] -= mean[j];
                }
            }
        }
        Random rnd = new Random(seed ^ 0x5DEECE66DL);
        double[] v = new double[d];
        for (int j = 0; j < d; j++) {
            v[j] = rnd.nextGaussian();
        }
        v = Vectors.unit(v);
        for (int iter = 0; iter < 2000; iter++) {
            double[] next = new double[d];
            for (double[] row : diff) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += row[j] * v[j];
                }
                for (int j = 0; j < d; j++) {
                    next[j] += s * row[j];
                }
            }
            if (Vectors.norm(next) == 0) {
                throw new IllegalArgumentException("paired differences are all zero; PCA has no axis");
            }
            next = Vectors.unit(next);
            double delta = 0;
            for (int j = 0; j < d; j++) {
                delta = Math.max(delta, Math.abs(next[j] - v[j]));
            }
            v = next;
            if (delta < 1e-10) {
                break;
            }
        }
        return v;
    }

    /** (true row, false row) pairs: within items first, then the remaining rows at random. */
    int[][] pairs(boolean[] y, String[] items) {
        List<int[]> out = new ArrayList<>();
        List<Integer> restT = new ArrayList<>();
        List<Integer> restF = new ArrayList<>();
        if (items != null) {
            Map<String, List<Integer>[]> byItem = new LinkedHashMap<>();
            for (int i = 0; i < y.length; i++) {
                @SuppressWarnings("unchecked")
                List<Integer>[] tf = byItem.computeIfAbsent(items[i], k -> new List[] {new ArrayList<>(),
                    new ArrayList<>()});
                tf[y[i] ? 0 : 1].add(i);
            }
            for (List<Integer>[] tf : byItem.values()) {
                int k = Math.min(tf[0].size(), tf[1].size());
                for (int i = 0; i < k; i++) {
                    out.add(new int[] {tf[0].get(i), tf[1].get(i)});
                }
                restT.addAll(tf[0].subList(k, tf[0].size()));
                restF.addAll(tf[1].subList(k, tf[1].size()));
            }
        } else {
            for (int i = 0; i < y.length; i++) {
                (y[i] ? restT : restF).add(i);
            }
        }
        Random rnd = new Random(seed);
        Collections.shuffle(restT, rnd);
        Collections.shuffle(restF, rnd);
        for (int i = 0; i < Math.min(restT.size(), restF.size()); i++) {
            out.add(new int[] {restT.get(i), restF.get(i)});
        }
        return out.toArray(new int[0][]);
    }

    private static void check(float[][] x, boolean[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("rows and labels differ in number: " + x.length + " and " + y.length);
        }
        int t = 0;
        for (boolean b : y) {
            t += b ? 1 : 0;
        }
        if (t == 0 || t == y.length) {
            throw new IllegalArgumentException("both classes are needed, got " + t + " true of " + y.length);
        }
    }
}
