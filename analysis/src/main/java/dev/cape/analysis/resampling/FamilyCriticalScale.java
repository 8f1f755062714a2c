package dev.cape.analysis.resampling;

import java.util.Objects;

/**
 * The critical scale of one family as the across-family routines take it: log10 N_c (N in billions) and
 * whether it was observed or only bounded.
 *
 * <p>{@link Censoring#NONE}: N_c was found, {@code log10Value} = log10 N_c. {@link Censoring#LEFT}: the family is
 * cooperative at every observed size, N_c &lt; smallest size, {@code log10Value} is that bound.
 * {@link Censoring#RIGHT}: the family is in the tax phase at every observed size, N_c &gt; largest size,
 * {@code log10Value} is that bound.
 *
 * @param family     family name
 * @param censoring  whether the value is exact or a bound
 * @param log10Value log10 N_c (exact) or log10 of the bound (censored); finite
 */
public record FamilyCriticalScale(String family, Censoring censoring, double log10Value) {

    /** Whether log10 N_c is observed or only bounded. */
    public enum Censoring {
        /** Observed: x = log10Value. */
        NONE,
        /** Left-censored: x &lt; log10Value. */
        LEFT,
        /** Right-censored: x &gt; log10Value. */
        RIGHT
    }

    public FamilyCriticalScale {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(censoring, "censoring");
        if (!Double.isFinite(log10Value)) {
            throw new IllegalArgumentException("log10Value must be finite: " + log10Value + " (family " + family + ")");
        }
    }

    public static FamilyCriticalScale exact(String family, double log10Value) {
        return new FamilyCriticalScale(family, Censoring.NONE, log10Value);
    }

    public static FamilyCriticalScale below(String family, double log10Bound) {
        return new FamilyCriticalScale(family, Censoring.LEFT, log10Bound);
    }

    public static FamilyCriticalScale above(String family, double log10Bound) {
        return new FamilyCriticalScale(family, Censoring.RIGHT, log10Bound);
    }

    public boolean isCensored() {
        return censoring != Censoring.NONE;
    }
}
