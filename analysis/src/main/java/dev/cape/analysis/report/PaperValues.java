package dev.cape.analysis.report;

import java.util.List;

/**
 * The headline numbers the paper reports (method §10), as reference values to compare our results with. Nothing in
 * the analysis reads these as results; the reproduction report prints them beside ours.
 */
public final class PaperValues {

    private PaperValues() {
    }

    /**
     * One headline number of the paper.
     *
     * @param id       stable key used in report.json
     * @param quantity what it measures
     * @param value    the paper's value (NaN for a claim without a single number)
     * @param text     the paper's statement as printed
     */
    public record Headline(String id, String quantity, double value, String text) {
    }

    public static final Headline TAX_R = new Headline("pooled_tax_r",
            "pooled R-T correlation below N_c (tax phase)", -0.989, "r = -0.989 (p = 4e-5)");
    public static final Headline TAX_P = new Headline("pooled_tax_p",
            "permutation p of the pooled tax-phase correlation", 4e-5, "p = 4e-5");
    public static final Headline MEAN_NC = new Headline("mean_nc_b",
            "mean critical scale N_c (billions)", 3.5, "N_c = 3.5B [2.9B, 13.4B]");
    public static final Headline QWEN15 = new Headline("qwen15_coupling",
            "Qwen1.5 coupling at the matched scale", 0.025, "0.025");
    public static final Headline QWEN25 = new Headline("qwen25_coupling",
            "Qwen2.5 coupling at the matched scale", 0.830, "0.830");
    public static final Headline GEMMA4 = new Headline("gemma4_4b_coupling",
            "Gemma-4 4B coupling", 0.871, "0.871");
    public static final Headline WIDTH = new Headline("width_normalisation",
            "tax-phase anticorrelation after width normalisation", Double.NaN,
            "removed in all families");
    public static final Headline HEADS = new Headline("zero_competing_heads",
            "models with zero competing heads", 38, "38/40 models");
    public static final Headline ODE = new Headline("ode_mape_llama2",
            "ODE MAPE on held-out Llama-2 (%)", 5.6, "5.6%");
    public static final Headline FRONTIER = new Headline("frontier_r",
            "frontier Pearson r (reasoning vs truthfulness)", 0.72, "r = +0.72 (34 models, 10 labs)");
    public static final Headline STEERING = new Headline("steering_corrected",
            "share of misaligned outputs corrected by steering (%)", 60, "60%");

    /** The paper's N_c interval in billions. */
    public static final double[] MEAN_NC_CI = {2.9, 13.4};
    /** Frontier sample size of the paper. */
    public static final int FRONTIER_MODELS = 34;
    /** Frontier labs of the paper. */
    public static final int FRONTIER_LABS = 10;

    /** Every headline, in the order of method §10. */
    public static final List<Headline> ALL = List.of(TAX_R, TAX_P, MEAN_NC, QWEN15, QWEN25, GEMMA4, WIDTH, HEADS, ODE,
            FRONTIER, STEERING);
}
