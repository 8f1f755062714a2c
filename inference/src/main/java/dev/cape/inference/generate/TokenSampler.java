package dev.cape.inference.generate;

import dev.cape.inference.model.Logits;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Picks the next token from logits as {@link GenerationOptions} says; stateful only through its seeded generator. */
public final class TokenSampler {

    private final GenerationOptions options;
    private final SplittableRandom random;

    public TokenSampler(GenerationOptions options) {
        this.options = options;
        this.random = new SplittableRandom(options.seed());
    }

    /** The next token for these logits. */
    public int next(float[] logits) {
        if (options.greedy()) {
            return Logits.argmax(logits);
        }
        double[] p = probabilities(logits, options);
        double u = random.nextDouble();
        double cumulative = 0;
        int last = -1;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0) {
                cumulative += p[i];
                last = i;
                if (u < cumulative) {
                    return i;
                }
            }
        }
        return last;  // rounding left u just above the total
    }

    /**
     * The sampling distribution: softmax(logits / T) restricted to the top-k, then to the top-p nucleus, renormalised.
     */
    public static double[] probabilities(float[] logits, GenerationOptions o) {
        int n = logits.length;
        double t = o.temperature() > 0 ? o.temperature() : 1;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(logits[b], logits[a]));
        int keep = o.topK() > 0 ? Math.min(o.topK(), n) : n;
        double max = logits[order[0]] / t;
        double[] p = new double[n];
        double total = 0;
        for (int r = 0; r < keep; r++) {
            int i = order[r];
            p[i] = Math.exp(logits[i] / t - max);
            total += p[i];
        }
        for (int r = 0; r < keep; r++) {
            p[order[r]] /= total;
        }
        if (o.topP() < 1) {
            double cumulative = 0;
            int cut = keep;
            for (int r = 0; r < keep; r++) {
                cumulative += p[order[r]];
                if (cumulative >= o.topP()) {
                    cut = r + 1;
                    break;
                }
            }
            double kept = 0;
            for (int r = 0; r < keep; r++) {
                if (r >= cut) {
                    p[order[r]] = 0;
                } else {
                    kept += p[order[r]];
                }
            }
            for (int r = 0; r < cut; r++) {
                p[order[r]] /= kept;
            }
        }
        return p;
    }
}
