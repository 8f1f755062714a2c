package dev.cape.inference.heads;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.cape.inference.direction.ActivationCollector;
import dev.cape.inference.direction.DirectionFinder;
import dev.cape.inference.direction.DirectionReport;
import dev.cape.inference.direction.LayerDirection;
import dev.cape.inference.model.Progress;
import dev.cape.inference.eval.ItemSplit;
import dev.cape.inference.eval.Statement;
import dev.cape.inference.eval.StatementDataException;
import dev.cape.inference.eval.StatementSet;
import dev.cape.inference.hook.Activation;
import dev.cape.inference.hook.HookPoints;
import dev.cape.inference.hook.HookSession;
import dev.cape.inference.model.LanguageModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;

/**
 * Census of attention heads against a truth direction and a reasoning direction.
 * <ol>
 * <li>One forward pass per batch of each set captures everything the census reads: last-token
 * {@code blocks.L.hook_resid_post} and {@code blocks.L.attn.hook_result} of every layer and head, and (truth set) each
 * head's mean output over all positions ({@link CensusActivations}). Everything below reuses these activations; the
 * only further passes are the mean-ablations of step 4.</li>
 * <li>Per layer L, a truth direction v̂_L (mass-mean of last-token {@code hook_resid_post} on the training split of
 * the truth set, {@link DirectionFinder}) with σ_L, and likewise a reasoning direction from a reasoning contrast set
 * (correct vs incorrect statements). The truth probe is the truth direction at its best held-out layer. Each head's
 * last-token contribution is projected on its layer's direction. A head's effect is (mean over true − mean over
 * false) / σ_L.</li>
 * <li>Null: the same effect under {@code B} permutations of the labels (seeded), all heads per permutation. z is the
 * effect standardised by the null's mean and sd. Family-wise adjusted one-sided p-values by the max-statistic method
 * (Westfall and Young): for "negative on truth", {@code p_h = (1 + #{b : min_h' z_h'^b ≤ z_h}) / (B + 1)}; for
 * "positive on reasoning" with the maximum. A second null projects each head on {@code R} random unit directions.</li>
 * <li>Competing head: adjusted truth p &lt; α and adjusted reasoning p &lt; α. Each candidate (or every head, as asked)
 * at a layer ≤ the probe layer is mean-ablated — its {@code hook_result} replaced at every position by its mean over
 * all positions of the truth set — and the change of the probe's mean signed margin
 * {@code mean_i s_i (x_i·v̂ − threshold) / σ} ({@code s_i = ±1} by label) is its ablation effect. Heads after the
 * probe layer cannot change it and are not ablated.</li>
 * </ol>
 */
public final class HeadCensus {

    /** Which heads to mean-ablate. */
    public enum Ablate { NONE, CANDIDATES, ALL }

    private final int permutations;
    private final int randomDirections;
    private final double alpha;
    private final long seed;
    private final int batchSize;
    private final Ablate ablate;
    private final double testShare;

    private HeadCensus(int permutations, int randomDirections, double alpha, long seed, int batchSize, Ablate ablate,
            double testShare) {
        this.permutations = permutations;
        this.randomDirections = randomDirections;
        this.alpha = alpha;
        this.seed = seed;
        this.batchSize = batchSize;
        this.ablate = ablate;
        this.testShare = testShare;
    }

    /** 1000 permutations, 100 random directions, α = 0.05, seed 1, batches of 32, ablate candidates, half held out. */
    public static HeadCensus withDefaults() {
        return new HeadCensus(1000, 100, 0.05, 1, 32, Ablate.CANDIDATES, 0.5);
    }

    public HeadCensus withPermutations(int b) {
        if (b < 1) {
            throw new IllegalArgumentException("permutations must be >= 1: " + b);
        }
        return new HeadCensus(b, randomDirections, alpha, seed, batchSize, ablate, testShare);
    }

    public HeadCensus withRandomDirections(int r) {
        if (r < 0) {
            throw new IllegalArgumentException("randomDirections must be >= 0: " + r);
        }
        return new HeadCensus(permutations, r, alpha, seed, batchSize, ablate, testShare);
    }

    public HeadCensus withAlpha(double a) {
        if (!(a > 0 && a < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1): " + a);
        }
        return new HeadCensus(permutations, randomDirections, a, seed, batchSize, ablate, testShare);
    }

    public HeadCensus withSeed(long s) {
        return new HeadCensus(permutations, randomDirections, alpha, s, batchSize, ablate, testShare);
    }

    public HeadCensus withBatchSize(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1: " + n);
        }
        return new HeadCensus(permutations, randomDirections, alpha, seed, n, ablate, testShare);
    }

    public HeadCensus with(Ablate a) {
        return new HeadCensus(permutations, randomDirections, alpha, seed, batchSize, a, testShare);
    }

    public CensusReport run(LanguageModel model, StatementSet truth, StatementSet reasoning, Progress progress) {
        truth.requireBothClasses();
        reasoning.requireBothClasses();
        int layers = model.spec().nLayers();
        int heads = model.spec().nHeads();
        CensusActivations ta = CensusActivations.capture(model, encode(model, truth), batchSize, true, progress);
        CensusActivations ra = CensusActivations.capture(model, encode(model, reasoning), batchSize, false, progress);
        DirectionReport tr = directions(truth, ta, progress);
        DirectionReport rr = directions(reasoning, ra, progress);
        Random rnd = new Random(seed);
        int d = model.spec().dModel();
        double[][] random = new double[randomDirections][d];
        for (double[] r : random) {
            double n = 0;
            for (int j = 0; j < d; j++) {
                r[j] = rnd.nextGaussian();
                n += r[j] * r[j];
            }
            n = Math.sqrt(n);
            for (int j = 0; j < d; j++) {
                r[j] /= n;
            }
        }
        Projections tp = project(ta, tr, random);
        Projections rp = project(ra, rr, new double[0][]);
        boolean[] ty = truth.labels();
        boolean[] ry = reasoning.labels();
        double[][] tEffect = effects(tp.onDirection, ty, tr);
        double[][] rEffect = effects(rp.onDirection, ry, rr);
        Null tNull = permutationNull(tp.onDirection, ty, tr, new Random(seed + 1));
        Null rNull = permutationNull(rp.onDirection, ry, rr, new Random(seed + 2));
        double[][] tz = tNull.z(tEffect);
        double[][] rz = rNull.z(rEffect);
        double[][] tpAdj = tNull.adjusted(tz, false);
        double[][] rpAdj = rNull.adjusted(rz, true);

        LayerDirection probe = tr.best();
        double sigma = probe.sigma();
        List<int[]> ids = ta.ids();
        double baseMargin = capturedMargin(ta, ty, probe, sigma);
        List<HeadResult> out = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < heads; h++) {
                double randomP = Double.NaN;
                if (randomDirections > 0) {
                    int extreme = 0;
                    for (int r = 0; r < randomDirections; r++) {
                        double e = effect(tp.onRandom[l][h][r], ty) / tr.layers().get(l).sigma();
                        extreme += Math.abs(e) >= Math.abs(tEffect[l][h]) ? 1 : 0;
                    }
                    randomP = (double) extreme / randomDirections;
                }
                boolean competing = tz[l][h] < 0 && tpAdj[l][h] < alpha && rz[l][h] > 0 && rpAdj[l][h] < alpha;
                double ablation = Double.NaN;
                boolean wanted = ablate == Ablate.ALL || (ablate == Ablate.CANDIDATES && competing);
                if (wanted && l <= probe.layer()) {
                    ablation = ablatedMargin(model, ids, ty, probe, sigma, l, h, ta.meanResult()[l][h]) - baseMargin;
                    progress.progress("ablations", (long) l * heads + h + 1, (long) (probe.layer() + 1) * heads);
                }
                out.add(new HeadResult(l, h, tEffect[l][h], tz[l][h], tpAdj[l][h], randomP, rEffect[l][h], rz[l][h],
                        rpAdj[l][h], competing, ablation));
            }
        }
        return new CensusReport(out, probe.layer(), probe.accuracy(), baseMargin, permutations, randomDirections,
                alpha, seed);
    }

    private static List<int[]> encode(LanguageModel model, StatementSet set) {
        return ActivationCollector.encode(model, set.statements().stream().map(Statement::text).toList());
    }

    /** Mass-mean directions per layer from the captured resid_post, split by item with the census seed. */
    private DirectionReport directions(StatementSet set, CensusActivations acts, Progress progress) {
        ItemSplit split = ItemSplit.of(set, testShare, seed);
        String[] items = set.statements().stream().map(Statement::item).toArray(String[]::new);
        try {
            return DirectionFinder.withDefaults().find(acts.residPost(), set.labels(), items, split, progress);
        } catch (StatementDataException e) {
            throw new StatementDataException(set.name() + ": " + e.getMessage(), e);
        }
    }

    /** Per-head last-token projections on each layer's direction and on the random directions. */
    private record Projections(double[][][] onDirection, double[][][][] onRandom) {
    }

    private static Projections project(CensusActivations acts, DirectionReport dirs, double[][] random) {
        float[][][][] last = acts.lastResult();   // [layer][head][n][d]
        int layers = last.length;
        int heads = last[0].length;
        int n = acts.ids().size();
        double[][][] proj = new double[layers][heads][n];
        double[][][][] rproj = new double[layers][heads][random.length][n];
        for (int l = 0; l < layers; l++) {
            double[] v = dirs.layers().get(l).unit();
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < n; i++) {
                    float[] a = last[l][h][i];   // [d]
                    proj[l][h][i] = dot(a, 0, v);
                    for (int r = 0; r < random.length; r++) {
                        rproj[l][h][r][i] = dot(a, 0, random[r]);
                    }
                }
            }
        }
        return new Projections(proj, rproj);
    }

    private static double dot(float[] a, int off, double[] v) {
        double s = 0;
        for (int j = 0; j < v.length; j++) {
            s += a[off + j] * v[j];
        }
        return s;
    }

    static double effect(double[] proj, boolean[] y) {
        double t = 0;
        double f = 0;
        int nt = 0;
        for (int i = 0; i < y.length; i++) {
            if (y[i]) {
                t += proj[i];
                nt++;
            } else {
                f += proj[i];
            }
        }
        return t / nt - f / (y.length - nt);
    }

    private static double[][] effects(double[][][] proj, boolean[] y, DirectionReport dirs) {
        double[][] out = new double[proj.length][];
        for (int l = 0; l < proj.length; l++) {
            out[l] = new double[proj[l].length];
            for (int h = 0; h < proj[l].length; h++) {
                out[l][h] = effect(proj[l][h], y) / dirs.layers().get(l).sigma();
            }
        }
        return out;
    }

    /** Effects of every head under each permutation: {@code [B][layer][head]}. */
    private final class Null {
        final double[][][] perm;
        final double[][] mean;
        final double[][] sd;

        Null(double[][][] perm) {
            this.perm = perm;
            int layers = perm[0].length;
            int heads = perm[0][0].length;
            mean = new double[layers][heads];
            sd = new double[layers][heads];
            for (int l = 0; l < layers; l++) {
                for (int h = 0; h < heads; h++) {
                    double m = 0;
                    for (double[][] p : perm) {
                        m += p[l][h];
                    }
                    m /= perm.length;
                    double s = 0;
                    for (double[][] p : perm) {
                        s += (p[l][h] - m) * (p[l][h] - m);
                    }
                    mean[l][h] = m;
                    sd[l][h] = Math.sqrt(s / Math.max(1, perm.length - 1));
                }
            }
        }

        double[][] z(double[][] effect) {
            double[][] out = new double[effect.length][];
            for (int l = 0; l < effect.length; l++) {
                out[l] = new double[effect[l].length];
                for (int h = 0; h < effect[l].length; h++) {
                    out[l][h] = sd[l][h] > 0 ? (effect[l][h] - mean[l][h]) / sd[l][h] : 0;
                }
            }
            return out;
        }

        /** Max-statistic adjusted one-sided p: upper tail when {@code upper}, else lower tail. */
        double[][] adjusted(double[][] z, boolean upper) {
            double[] extreme = new double[perm.length];
            for (int b = 0; b < perm.length; b++) {
                double[][] zb = z(perm[b]);
                double e = upper ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                for (double[] row : zb) {
                    for (double v : row) {
                        e = upper ? Math.max(e, v) : Math.min(e, v);
                    }
                }
                extreme[b] = e;
            }
            double[][] out = new double[z.length][];
            for (int l = 0; l < z.length; l++) {
                out[l] = new double[z[l].length];
                for (int h = 0; h < z[l].length; h++) {
                    int count = 0;
                    for (double e : extreme) {
                        count += (upper ? e >= z[l][h] : e <= z[l][h]) ? 1 : 0;
                    }
                    out[l][h] = (1.0 + count) / (perm.length + 1.0);
                }
            }
            return out;
        }
    }

    private Null permutationNull(double[][][] proj, boolean[] y, DirectionReport dirs, Random rnd) {
        int layers = proj.length;
        int heads = proj[0].length;
        double[][][] perm = new double[permutations][layers][heads];
        boolean[] shuffled = y.clone();
        for (int b = 0; b < permutations; b++) {
            for (int i = shuffled.length - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                boolean tmp = shuffled[i];
                shuffled[i] = shuffled[j];
                shuffled[j] = tmp;
            }
            for (int l = 0; l < layers; l++) {
                double s = dirs.layers().get(l).sigma();
                for (int h = 0; h < heads; h++) {
                    perm[b][l][h] = effect(proj[l][h], shuffled) / s;
                }
            }
        }
        return new Null(perm);
    }

    /** The probe's mean signed margin without ablation, from the captured last-token resid_post. */
    private double capturedMargin(CensusActivations acts, boolean[] y, LayerDirection probe, double sigma) {
        return signedMargin(acts.residPost().layer(probe.layer()), acts.ids(), y, probe, sigma);
    }

    /** The probe's mean signed margin with head {@code (layer, head)} mean-ablated: a pass over the truth set. */
    private double ablatedMargin(LanguageModel model, List<int[]> ids, boolean[] y, LayerDirection probe, double sigma,
            int layer, int head, float[] mean) {
        int heads = model.spec().nHeads();
        float[][] x = new float[ids.size()][];   // [n][d]: last-token resid_post at the probe layer
        try (HookSession s = model.hooks()) {
            float[] mask = new float[heads];   // [head]
            java.util.Arrays.fill(mask, 1f);
            mask[head] = 0;
            s.edit(HookPoints.result(layer), (r, ctx) -> {   // r: [b, pos, head, d]
                NDManager m = r.getManager();
                int d = mean.length;
                float[] fill = new float[heads * d];   // [head, d]: the mean at head, zeros elsewhere
                System.arraycopy(mean, 0, fill, head * d, d);
                NDArray keep = m.create(mask, new Shape(1, 1, heads, 1));
                NDArray add = m.create(fill, new Shape(1, 1, heads, d));
                return r.mul(keep).add(add);
            });
            s.capture(HookPoints.residPost(probe.layer()));
            for (int[] rows : ActivationCollector.batches(ids, batchSize)) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new CancellationException("head ablation cancelled");
                }
                int[][] batch = new int[rows.length][];
                for (int i = 0; i < rows.length; i++) {
                    batch[i] = ids.get(rows[i]);
                }
                model.forward(batch, null, false);
                Activation a = s.require(HookPoints.residPost(probe.layer()));   // [b, pos, d]
                for (int i = 0; i < rows.length; i++) {
                    x[rows[i]] = a.vector(i, batch[0].length - 1);
                }
            }
        }
        return signedMargin(x, ids, y, probe, sigma);
    }

    /** {@code mean_i s_i (x_i·v̂ − threshold) / σ}, summed in batch order. */
    private double signedMargin(float[][] x, List<int[]> ids, boolean[] y, LayerDirection probe, double sigma) {
        double[] v = probe.unit();
        double total = 0;
        for (int[] rows : ActivationCollector.batches(ids, batchSize)) {
            for (int row : rows) {
                double p = 0;
                for (int j = 0; j < v.length; j++) {
                    p += x[row][j] * v[j];
                }
                total += (y[row] ? 1 : -1) * (p - probe.threshold()) / sigma;
            }
        }
        return total / ids.size();
    }
}
