package dev.cape.inference.steer;

import dev.cape.inference.eval.StatementSet;
import dev.cape.inference.eval.TrueFalseTask;
import dev.cape.inference.model.LanguageModel;
import java.util.Arrays;
import java.util.Random;

/**
 * Does steering along a direction move the answer towards each statement's label more often than steering along a
 * random direction of the same norm? For every statement {@code i} with label {@code s_i = ±1},
 * {@code Δ_i = m_i(steered at +α) − m_i(unsteered)} with {@code m = P(" True") − P(" False")} (whole-answer
 * probabilities, {@link TrueFalseTask#probabilityMargins}); the <em>count</em> of a vector is
 * {@code #{i : s_i Δ_i > 0}}. The same is computed for {@code randoms} directions drawn as standard normal vectors
 * ({@code java.util.Random(seed + k).nextGaussian()}, k = 0, 1, ...) at the same layer with the same σ, so every
 * added vector has the norm {@code α σ}. The <em>separation</em> {@code mean(Δ | true) − mean(Δ | false)} is
 * reported beside it: unlike the count it ignores a shift common to all statements.
 *
 * <p>A vector that shifts every margin the same way has a count equal to the number of statements of one label, so
 * on a balanced set the count of a truth direction is close to half the items by construction; the count can only
 * exceed that of random vectors through effects that differ between true and false statements.
 */
public final class RandomVectorControl {

    /** Which positions of the scored prompts are steered. */
    public enum Positions {
        /** Every position (prompt and answer context). */
        ALL,
        /** Only the prompt's last token, whose output is the answer's distribution. */
        LAST
    }

    /**
     * The comparison, with the settings used.
     *
     * @param layer             steered layer
     * @param alpha             steering strength in units of σ
     * @param sigma             σ of the direction (and of every random vector)
     * @param positions         which positions were steered
     * @param seed              seed of the first random direction
     * @param labels            the statements' labels
     * @param truthDelta        Δ of the direction per statement
     * @param randomDeltas      Δ per random direction and statement
     */
    public record Result(int layer, double alpha, double sigma, Positions positions, long seed, boolean[] labels,
            double[] truthDelta, double[][] randomDeltas) {

        /** Statements moved towards their label by the direction. */
        public int truthCount() {
            return count(truthDelta, labels);
        }

        /** Statements whose margin the direction raised (moved towards " True"). */
        public int truthUp() {
            int n = 0;
            for (double d : truthDelta) {
                n += d > 0 ? 1 : 0;
            }
            return n;
        }

        /** Count of each random direction. */
        public int[] randomCounts() {
            return Arrays.stream(randomDeltas).mapToInt(d -> count(d, labels)).toArray();
        }

        /** Share of random directions whose count is below the direction's (ties count one half). */
        public double countPercentile() {
            return percentile(truthCount(), Arrays.stream(randomCounts()).asDoubleStream().toArray());
        }

        public double truthSeparation() {
            return separation(truthDelta, labels);
        }

        public double[] randomSeparations() {
            return Arrays.stream(randomDeltas).mapToDouble(d -> separation(d, labels)).toArray();
        }

        /** Share of random directions whose separation is below the direction's (ties count one half). */
        public double separationPercentile() {
            return percentile(truthSeparation(), randomSeparations());
        }

        public double meanRandomCount() {
            return Arrays.stream(randomCounts()).average().orElse(Double.NaN);
        }
    }

    private final int randoms;
    private final long seed;
    private final Positions positions;
    private final SteeringSession.Site site;

    private RandomVectorControl(int randoms, long seed, Positions positions, SteeringSession.Site site) {
        this.randoms = randoms;
        this.seed = seed;
        this.positions = positions;
        this.site = site;
    }

    /** 100 random directions from seed 0, every position, resid_post. */
    public static RandomVectorControl withDefaults() {
        return new RandomVectorControl(100, 0, Positions.ALL, SteeringSession.Site.RESID_POST);
    }

    public RandomVectorControl withRandoms(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("randoms must be >= 1: " + n);
        }
        return new RandomVectorControl(n, seed, positions, site);
    }

    public RandomVectorControl withSeed(long s) {
        return new RandomVectorControl(randoms, s, positions, site);
    }

    public RandomVectorControl with(Positions p) {
        return new RandomVectorControl(randoms, seed, p, site);
    }

    public RandomVectorControl at(SteeringSession.Site s) {
        return new RandomVectorControl(randoms, seed, positions, s);
    }

    /** The k-th random direction (unit norm), at the layer and with the σ of {@code like}. */
    public SteeringVector random(SteeringVector like, int k) {
        Random rnd = new Random(seed + k);
        float[] u = new float[like.dim()];
        for (int j = 0; j < u.length; j++) {
            u[j] = (float) rnd.nextGaussian();
        }
        return new SteeringVector(like.layer(), u, like.sigma());
    }

    /**
     * Runs the comparison on {@code statements} prompted by {@code template} (answers " True" and " False").
     *
     * @param vector the direction to test (its layer and σ are used for the random ones too)
     * @param alpha  steering strength in units of σ (finite)
     */
    public Result run(LanguageModel model, StatementSet statements, String template, SteeringVector vector,
            double alpha, int batchSize) {
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException("alpha must be finite: " + alpha);
        }
        TrueFalseTask task = new TrueFalseTask(statements, template, batchSize);
        double[] base = task.probabilityMargins(model);
        double[] truth = delta(model, task, vector, alpha, base);
        double[][] rand = new double[randoms][];
        for (int k = 0; k < randoms; k++) {
            if (Thread.currentThread().isInterrupted()) {
                throw new java.util.concurrent.CancellationException("random-vector control cancelled after " + k
                        + " of " + randoms + " random directions");
            }
            rand[k] = delta(model, task, random(vector, k), alpha, base);
        }
        return new Result(vector.layer(), alpha, vector.sigma(), positions, seed, statements.labels(), truth, rand);
    }

    private double[] delta(LanguageModel model, TrueFalseTask task, SteeringVector v, double alpha, double[] base) {
        SteeringSession.Builder b = SteeringSession.on(model).at(site).add(v, alpha);
        if (positions == Positions.LAST) {
            b.lastPositionOnly();
        }
        double[] m;
        try (SteeringSession s = b.open()) {
            m = task.probabilityMargins(model);
        }
        for (int i = 0; i < m.length; i++) {
            m[i] -= base[i];
        }
        return m;
    }

    static int count(double[] delta, boolean[] labels) {
        int n = 0;
        for (int i = 0; i < delta.length; i++) {
            n += (labels[i] ? delta[i] > 0 : delta[i] < 0) ? 1 : 0;
        }
        return n;
    }

    static double separation(double[] delta, boolean[] labels) {
        double t = 0;
        double f = 0;
        int nt = 0;
        int nf = 0;
        for (int i = 0; i < delta.length; i++) {
            if (labels[i]) {
                t += delta[i];
                nt++;
            } else {
                f += delta[i];
                nf++;
            }
        }
        return (nt == 0 || nf == 0) ? Double.NaN : t / nt - f / nf;
    }

    static double percentile(double x, double[] others) {
        double below = 0;
        for (double o : others) {
            below += o < x ? 1 : (o == x ? 0.5 : 0);
        }
        return below / others.length;
    }
}
