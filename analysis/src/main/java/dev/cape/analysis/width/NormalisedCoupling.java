package dev.cape.analysis.width;

import dev.cape.analysis.coupling.CouplingCurve;
import dev.cape.analysis.coupling.FamilyScores;
import dev.cape.analysis.coupling.KernelCoupling;
import java.util.ArrayList;
import java.util.List;

/**
 * Each family's coupling curve from raw scores beside the one from width-normalised scores (method §5, ratio
 * variant): c(x) of (R, T) and c(x) of (R / log2 d, T / log2 d), with the same {@link KernelCoupling}.
 *
 * <p>A family is used when it has at least {@link KernelCoupling#MIN_MODELS} models and every width is known and
 * greater than 1 (so that log2 d &gt; 0); other families are listed as skipped with the reason. NumPy equivalent of the
 * normalised scores: {@code R / np.log2(d)}; the curves are {@link KernelCoupling#fit} of the scores.
 */
public final class NormalisedCoupling {

    private final KernelCoupling coupling;

    private NormalisedCoupling(KernelCoupling coupling) {
        this.coupling = coupling;
    }

    /** h = 0.4 decades, 200 grid points. */
    public static NormalisedCoupling withDefaults() {
        return new NormalisedCoupling(KernelCoupling.withDefaults());
    }

    public NormalisedCoupling with(KernelCoupling c) {
        return new NormalisedCoupling(java.util.Objects.requireNonNull(c, "coupling"));
    }

    /**
     * The two curves of one family.
     *
     * @param family     family name
     * @param models     model names, in the family's order
     * @param widths     hidden width d of each model
     * @param raw        coupling curve of (R, T)
     * @param normalised coupling curve of (R / log2 d, T / log2 d)
     */
    public record Family(String family, List<String> models, double[] widths, CouplingCurve raw,
                         CouplingCurve normalised) {

        public Family {
            models = List.copyOf(models);
            widths = widths.clone();
        }

        @Override
        public double[] widths() {
            return widths.clone();
        }

        /** Coupling of model i from raw scores (NaN where undefined). */
        public double rawCoupling(int i) {
            return raw.modelC()[i];
        }

        /** Coupling of model i from width-normalised scores (NaN where undefined). */
        public double normalisedCoupling(int i) {
            return normalised.modelC()[i];
        }
    }

    /**
     * @param family family name
     * @param reason why it was not used
     */
    public record Skipped(String family, String reason) {
    }

    /**
     * @param bandwidth kernel bandwidth used (decades)
     * @param families  families used, in input order
     * @param skipped   families not used, with the reason
     */
    public record Result(double bandwidth, List<Family> families, List<Skipped> skipped) {

        public Result {
            families = List.copyOf(families);
            skipped = List.copyOf(skipped);
        }
    }

    /** Raw and width-normalised coupling curves of every family with all widths known. */
    public Result fit(List<FamilyScores> families) {
        List<Family> used = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (FamilyScores s : families) {
            if (s.size() < KernelCoupling.MIN_MODELS) {
                skipped.add(new Skipped(s.family(), "fewer than " + KernelCoupling.MIN_MODELS + " models"));
                continue;
            }
            String missing = missingWidth(s);
            if (missing != null) {
                skipped.add(new Skipped(s.family(), missing));
                continue;
            }
            RatioVariant.Ratios ratios = RatioVariant.of(s.reasoning(), s.truth(), s.width());
            CouplingCurve normalised = coupling.fit(new FamilyScores(s.family(), s.models(), s.paramsB(),
                    ratios.reasoning(), ratios.truthfulness(), s.width()));
            used.add(new Family(s.family(), s.models(), s.width(), coupling.fit(s), normalised));
        }
        return new Result(coupling.bandwidth(), used, skipped);
    }

    private static String missingWidth(FamilyScores s) {
        double[] w = s.width();
        for (int i = 0; i < w.length; i++) {
            if (Double.isNaN(w[i])) {
                return "no hidden width for " + s.models().get(i);
            }
            if (!(w[i] > 1)) {
                return "hidden width of " + s.models().get(i) + " must be > 1: " + w[i];
            }
        }
        return null;
    }
}
