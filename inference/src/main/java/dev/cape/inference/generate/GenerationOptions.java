package dev.cape.inference.generate;

/**
 * How to generate. Temperature 0 is greedy (argmax, first index on ties); otherwise logits are divided by the
 * temperature, cut to the {@code topK} largest (0 = no cut), then to the smallest set whose probability reaches
 * {@code topP} (1 = no cut), and sampled with a generator seeded by {@code seed} — HF's warper order.
 *
 * @param maxTokens   new tokens at most (> 0)
 * @param temperature ≥ 0
 * @param topK        ≥ 0
 * @param topP        in (0, 1]
 * @param seed        seed of the sampling generator (same seed ⇒ same tokens)
 * @param stopAtEos   stop after emitting an end-of-sequence token
 */
public record GenerationOptions(int maxTokens, double temperature, int topK, double topP, long seed,
        boolean stopAtEos) {

    public GenerationOptions {
        if (maxTokens <= 0) {
            throw new IllegalArgumentException("maxTokens must be > 0: " + maxTokens);
        }
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be >= 0: " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("topK must be >= 0: " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("topP must be in (0, 1]: " + topP);
        }
    }

    /** Greedy, 64 tokens, stop at EOS. */
    public static GenerationOptions withDefaults() {
        return new GenerationOptions(64, 0, 0, 1, 0, true);
    }

    public GenerationOptions withMaxTokens(int v) {
        return new GenerationOptions(v, temperature, topK, topP, seed, stopAtEos);
    }

    public GenerationOptions withTemperature(double v) {
        return new GenerationOptions(maxTokens, v, topK, topP, seed, stopAtEos);
    }

    public GenerationOptions withTopK(int v) {
        return new GenerationOptions(maxTokens, temperature, v, topP, seed, stopAtEos);
    }

    public GenerationOptions withTopP(double v) {
        return new GenerationOptions(maxTokens, temperature, topK, v, seed, stopAtEos);
    }

    public GenerationOptions withSeed(long v) {
        return new GenerationOptions(maxTokens, temperature, topK, topP, v, stopAtEos);
    }

    public GenerationOptions withStopAtEos(boolean v) {
        return new GenerationOptions(maxTokens, temperature, topK, topP, seed, v);
    }

    public boolean greedy() {
        return temperature == 0;
    }
}
