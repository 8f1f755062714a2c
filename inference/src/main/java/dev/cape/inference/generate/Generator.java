package dev.cape.inference.generate;

import dev.cape.inference.generate.Generation.StopReason;
import dev.cape.inference.model.KvCache;
import dev.cape.inference.model.LanguageModel;
import dev.cape.inference.model.ModelSpec;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * KV-cached generation: one forward over the prompt, then one per new token, each continuing the cache. Hooks open on
 * the model act at every step (a steering hook steers the whole generation). Stops on EOS (ids from the config and the
 * tokenizer), the token budget, the end of learned positions, or when the thread is interrupted.
 */
public final class Generator {

    private Generator() {
    }

    /** Generates from {@code prompt} (non-empty), calling {@code listener} (may be null) for every token. */
    public static Generation generate(LanguageModel model, int[] prompt, GenerationOptions options,
            TokenListener listener) {
        if (prompt.length == 0) {
            throw new IllegalArgumentException("prompt must hold at least one token");
        }
        ModelSpec spec = model.spec();
        Set<Integer> eos = new HashSet<>(spec.eosTokenIds());
        model.tokenizer().flatMap(t -> t.eosId().isPresent() ? java.util.Optional.of(t.eosId().getAsInt())
                : java.util.Optional.empty()).ifPresent(eos::add);
        TokenSampler sampler = new TokenSampler(options);
        int[] out = new int[options.maxTokens()];
        int n = 0;
        StopReason reason = StopReason.MAX_TOKENS;
        try (KvCache cache = model.newCache(1)) {
            if (Thread.currentThread().isInterrupted()) {
                return new Generation(prompt, new int[0], StopReason.CANCELLED, options);
            }
            float[] logits = model.forward(new int[][] {prompt}, cache, false).last(0);
            while (n < options.maxTokens()) {
                int next = sampler.next(logits);
                out[n++] = next;
                if (listener != null) {
                    listener.onToken(n - 1, next);
                }
                if (options.stopAtEos() && eos.contains(next)) {
                    reason = StopReason.EOS;
                    break;
                }
                if (n == options.maxTokens()) {
                    break;
                }
                if (Thread.currentThread().isInterrupted()) {
                    reason = StopReason.CANCELLED;
                    break;
                }
                if (spec.learnedPositions() && cache.length() + 1 > spec.maxPositions()) {
                    reason = StopReason.CONTEXT_FULL;
                    break;
                }
                logits = model.forward(new int[][] {{next}}, cache, false).last(0);
            }
        }
        return new Generation(prompt, Arrays.copyOf(out, n), reason, options);
    }
}
