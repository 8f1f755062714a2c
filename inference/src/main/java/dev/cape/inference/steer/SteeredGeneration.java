package dev.cape.inference.steer;

import dev.cape.inference.generate.Generation;
import dev.cape.inference.generate.GenerationOptions;
import dev.cape.inference.generate.Generator;
import dev.cape.inference.generate.TokenListener;
import dev.cape.inference.model.LanguageModel;

/** The unsteered and the steered continuation of one prompt, with the same generation options (and seed). */
public final class SteeredGeneration {

    /** Both continuations. */
    public record Comparison(Generation unsteered, Generation steered) {
    }

    private SteeredGeneration() {
    }

    /**
     * Generates from {@code prompt} without steering, then inside a session built by {@code steering} (opened and
     * closed here). With {@code newTokensOnly} the vectors act only on positions after the prompt.
     */
    public static Comparison compare(LanguageModel model, int[] prompt, GenerationOptions options,
            SteeringSession.Builder steering, boolean newTokensOnly) {
        return compare(model, prompt, options, steering, newTokensOnly, null, null);
    }

    /**
     * As {@link #compare(LanguageModel, int[], GenerationOptions, SteeringSession.Builder, boolean)}, streaming each
     * run's tokens to its listener (either may be null), e.g. to show progress.
     */
    public static Comparison compare(LanguageModel model, int[] prompt, GenerationOptions options,
            SteeringSession.Builder steering, boolean newTokensOnly, TokenListener unsteered, TokenListener steered) {
        Generation plain = Generator.generate(model, prompt, options, unsteered);
        if (newTokensOnly) {
            steering.fromPosition(prompt.length);
        }
        Generation withVector;
        try (SteeringSession s = steering.open()) {
            withVector = Generator.generate(model, prompt, options, steered);
        }
        return new Comparison(plain, withVector);
    }
}
