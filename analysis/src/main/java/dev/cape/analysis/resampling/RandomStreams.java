package dev.cape.analysis.resampling;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Seeded, independent random streams: stream k of seed s is the same on every run and every thread
 * count, so work split into fixed chunks is deterministic however the chunks are scheduled.
 *
 * <p>The seed of stream k is the k-th output of SplitMix64 started at s, fed to XoRoShiRo128++.
 */
public final class RandomStreams {

    private final long seed;

    private RandomStreams(long seed) {
        this.seed = seed;
    }

    public static RandomStreams of(long seed) {
        return new RandomStreams(seed);
    }

    public long seed() {
        return seed;
    }

    /** Generator for chunk {@code k} (k ≥ 0). */
    public UniformRandomProvider stream(long k) {
        if (k < 0) {
            throw new IllegalArgumentException("stream index must be >= 0: " + k);
        }
        long z = seed + (k + 1) * 0x9E3779B97F4A7C15L;
        long a = mix(z);
        long b = mix(z + 0x9E3779B97F4A7C15L);
        return RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {a, b});
    }

    /** Derived streams for a sub-task, independent of this object's own streams. */
    public RandomStreams child(long k) {
        return new RandomStreams(mix(seed ^ mix(k + 0x632BE59BD9B4E019L)));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
