package dev.cape.analysis.width;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Partial correlation of reasoning R and truthfulness T given log2 of the hidden width, within families and pooled
 * over families (method §5).
 *
 * <p>Within each family, R and T are regressed on [1, log2 d] by OLS and replaced by their residuals
 * e_R = R − (a_R + b_R log2 d), e_T likewise. The statistic is the Pearson correlation of the residuals over the
 * concatenation of all families, r = Σ(e_R − ē_R)(e_T − ē_T) / sqrt(Σ(e_R − ē_R)² Σ(e_T − ē_T)²). For one family it
 * equals the first-order partial correlation r_RT·d = (r_RT − r_Rd r_Td) / sqrt((1 − r_Rd²)(1 − r_Td²)).
 * NumPy equivalent per family: {@code y - X @ np.linalg.lstsq(X, y)[0]} with {@code X = np.c_[np.ones(n), np.log2(d)]},
 * then {@code np.corrcoef(np.concatenate(eR), np.concatenate(eT))[0, 1]}.
 *
 * <p>A family whose models all have the same width cannot be residualised on width with an intercept (log2 d is
 * collinear with the intercept); such a family, and a family with fewer than {@code minModels} models, is excluded
 * and listed with the reason. The per-family residual arrays are returned so that a stratified permutation test can
 * shuffle e_T within each family and recompute {@link #statistic(List, List)}.
 */
public final class PartialCorrelation {

    /**
     * Scores and widths of the models of one family (arrays of equal length, one entry per model).
     *
     * @param family       family name
     * @param reasoning    R per model, finite
     * @param truthfulness T per model, finite
     * @param hiddenWidth  hidden width d per model, finite and &gt; 0
     */
    public record Family(String family, double[] reasoning, double[] truthfulness, double[] hiddenWidth) {

        public Family {
            Objects.requireNonNull(family, "family");
            reasoning = checked(reasoning, "reasoning", family).clone();
            truthfulness = checked(truthfulness, "truthfulness", family).clone();
            hiddenWidth = checked(hiddenWidth, "hiddenWidth", family).clone();
            if (truthfulness.length != reasoning.length || hiddenWidth.length != reasoning.length) {
                throw new IllegalArgumentException("reasoning, truthfulness and hiddenWidth must have the same length: "
                        + reasoning.length + ", " + truthfulness.length + ", " + hiddenWidth.length
                        + " (family " + family + ")");
            }
            for (int i = 0; i < hiddenWidth.length; i++) {
                if (!(hiddenWidth[i] > 0)) {
                    throw new IllegalArgumentException("hiddenWidth[" + i + "] must be > 0: " + hiddenWidth[i]
                            + " (family " + family + ")");
                }
            }
        }

        /** Number of models. */
        public int size() {
            return reasoning.length;
        }

        /** log2 d per model. */
        public double[] log2Width() {
            double[] x = new double[hiddenWidth.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = log2(hiddenWidth[i]);
            }
            return x;
        }

        @Override
        public double[] reasoning() {
            return reasoning.clone();
        }

        @Override
        public double[] truthfulness() {
            return truthfulness.clone();
        }

        @Override
        public double[] hiddenWidth() {
            return hiddenWidth.clone();
        }
    }

    /**
     * Residuals of R and T on [1, log2 d] within one family.
     *
     * @param family       family name
     * @param reasoning    e_R per model, in input order
     * @param truthfulness e_T per model, in input order
     */
    public record Residuals(String family, double[] reasoning, double[] truthfulness) {

        public Residuals {
            reasoning = reasoning.clone();
            truthfulness = truthfulness.clone();
        }

        @Override
        public double[] reasoning() {
            return reasoning.clone();
        }

        @Override
        public double[] truthfulness() {
            return truthfulness.clone();
        }
    }

    /** A family left out, with the reason. */
    public record Exclusion(String family, String reason) {
    }

    /**
     * Result of {@link #compute(List)}.
     *
     * @param r         pooled residual correlation; empty when no family is left or the residuals have no variance
     * @param message   one sentence for a report
     * @param included  residuals of the families used, in input order
     * @param excluded  families left out with the reason
     * @param models    number of models in the included families
     * @param minModels minimum family size used
     */
    public record Result(OptionalDouble r, String message, List<Residuals> included, List<Exclusion> excluded,
                         int models, int minModels) {

        public Result {
            included = List.copyOf(included);
            excluded = List.copyOf(excluded);
        }

        /** Reasoning residuals of the included families, one array per family. */
        public List<double[]> reasoningResiduals() {
            return included.stream().map(Residuals::reasoning).toList();
        }

        /** Truthfulness residuals of the included families, one array per family. */
        public List<double[]> truthfulnessResiduals() {
            return included.stream().map(Residuals::truthfulness).toList();
        }
    }

    private static final double LN2 = Math.log(2);

    private final int minModels;

    private PartialCorrelation(int minModels) {
        this.minModels = minModels;
    }

    /** Families need at least 3 models. */
    public static PartialCorrelation withDefaults() {
        return new PartialCorrelation(3);
    }

    /** Minimum number of models for a family to be used (&gt;= 3: two points leave no residual). */
    public PartialCorrelation withMinModels(int n) {
        if (n < 3) {
            throw new IllegalArgumentException("minModels must be >= 3: " + n);
        }
        return new PartialCorrelation(n);
    }

    public int minModels() {
        return minModels;
    }

    /**
     * Residuals of y after OLS on [1, x]: y_i − ȳ − b(x_i − x̄), b = Σ(x − x̄)(y − ȳ) / Σ(x − x̄)².
     *
     * @param y         values (at least 3, finite)
     * @param log2Width log2 of the hidden width, same length, finite, not all equal
     * @throws IllegalArgumentException on bad input, naming the argument and value
     */
    public static double[] residualize(double[] y, double[] log2Width) {
        checked(y, "y", null);
        checked(log2Width, "log2Width", null);
        if (y.length != log2Width.length) {
            throw new IllegalArgumentException("y and log2Width must have the same length: " + y.length + " vs "
                    + log2Width.length);
        }
        if (y.length < 3) {
            throw new IllegalArgumentException("y must have at least 3 values: " + y.length);
        }
        if (isConstant(log2Width)) {
            throw new IllegalArgumentException("log2Width is constant (" + log2Width[0] + " for all " + y.length
                    + " values): width cannot be separated from the intercept");
        }
        int n = y.length;
        double mx = mean(log2Width);
        double my = mean(y);
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            double dx = log2Width[i] - mx;
            sxx += dx * dx;
            sxy += dx * (y[i] - my);
        }
        double b = sxy / sxx;
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            e[i] = (y[i] - my) - b * (log2Width[i] - mx);
        }
        return e;
    }

    /**
     * Pearson correlation of the residuals over the concatenation of all families.
     *
     * @param rResid reasoning residuals, one array per family
     * @param tResid truthfulness residuals, arrays of the same lengths in the same order
     * @throws IllegalArgumentException on mismatched or non-finite input, or when either side has zero variance
     */
    public static double statistic(List<double[]> rResid, List<double[]> tResid) {
        Objects.requireNonNull(rResid, "rResid");
        Objects.requireNonNull(tResid, "tResid");
        if (rResid.size() != tResid.size()) {
            throw new IllegalArgumentException("rResid and tResid must have the same number of families: "
                    + rResid.size() + " vs " + tResid.size());
        }
        int n = 0;
        double sr = 0;
        double st = 0;
        for (int f = 0; f < rResid.size(); f++) {
            double[] r = checked(rResid.get(f), "rResid[" + f + "]", null);
            double[] t = checked(tResid.get(f), "tResid[" + f + "]", null);
            if (r.length != t.length) {
                throw new IllegalArgumentException("rResid[" + f + "] and tResid[" + f
                        + "] must have the same length: " + r.length + " vs " + t.length);
            }
            for (int i = 0; i < r.length; i++) {
                sr += r[i];
                st += t[i];
            }
            n += r.length;
        }
        if (n < 2) {
            throw new IllegalArgumentException("residuals must contain at least 2 models: " + n);
        }
        double mr = sr / n;
        double mt = st / n;
        double srr = 0;
        double stt = 0;
        double srt = 0;
        for (int f = 0; f < rResid.size(); f++) {
            double[] r = rResid.get(f);
            double[] t = tResid.get(f);
            for (int i = 0; i < r.length; i++) {
                double a = r[i] - mr;
                double b = t[i] - mt;
                srr += a * a;
                stt += b * b;
                srt += a * b;
            }
        }
        if (!(srr > 0)) {
            throw new IllegalArgumentException("rResid has zero variance over " + n + " models: r is undefined");
        }
        if (!(stt > 0)) {
            throw new IllegalArgumentException("tResid has zero variance over " + n + " models: r is undefined");
        }
        double r = srt / Math.sqrt(srr * stt);
        return Math.max(-1, Math.min(1, r));
    }

    /** Residualises every usable family and pools the residual correlation. */
    public Result compute(List<Family> families) {
        Objects.requireNonNull(families, "families");
        if (families.isEmpty()) {
            throw new IllegalArgumentException("families must not be empty: []");
        }
        List<Residuals> included = new ArrayList<>();
        List<Family> used = new ArrayList<>();
        List<Exclusion> excluded = new ArrayList<>();
        int models = 0;
        for (int i = 0; i < families.size(); i++) {
            Family f = families.get(i);
            if (f == null) {
                throw new IllegalArgumentException("families must not contain null: element " + i);
            }
            double[] x = f.log2Width();
            if (f.size() < minModels) {
                excluded.add(new Exclusion(f.family(), f.size() + " models, fewer than " + minModels));
            } else if (isConstant(x)) {
                excluded.add(new Exclusion(f.family(), "all " + f.size() + " models have hidden width "
                        + f.hiddenWidth[0] + ": width cannot be separated from the intercept"));
            } else {
                included.add(new Residuals(f.family(), residualize(f.reasoning, x), residualize(f.truthfulness, x)));
                used.add(f);
                models += f.size();
            }
        }
        if (included.isEmpty()) {
            return new Result(OptionalDouble.empty(), "no family with >= " + minModels
                    + " models of at least two widths: no partial correlation", included, excluded, 0, minModels);
        }
        List<double[]> er = included.stream().map(Residuals::reasoning).toList();
        List<double[]> et = included.stream().map(Residuals::truthfulness).toList();
        boolean flatR = negligible(er, used, true);
        if (flatR || negligible(et, used, false)) {
            return new Result(OptionalDouble.empty(), "the width residuals of " + (flatR ? "R" : "T")
                    + " vanish: it is linear in log2 d within every family, no partial correlation",
                    included, excluded, models, minModels);
        }
        double r = statistic(er, et);
        return new Result(OptionalDouble.of(r), "partial correlation of R and T given log2 d over " + included.size()
                + " families (" + models + " models): r = " + r, included, excluded, models, minModels);
    }

    /** log2 of a width; exact for powers of two. */
    static double log2(double d) {
        long bits = Double.doubleToRawLongBits(d);
        if (d > 0 && Double.isFinite(d) && Math.getExponent(d) >= Double.MIN_EXPONENT
                && (bits & 0x000FFFFFFFFFFFFFL) == 0) {
            return Math.getExponent(d);
        }
        return Math.log(d) / LN2;
    }

    /**
     * Whether the pooled residual sum of squares is below 1e-20 of the pooled within-family sum of squares of the
     * scores themselves (rounding level): the scores are exactly linear in log2 d and r would be noise.
     */
    private static boolean negligible(List<double[]> residuals, List<Family> families, boolean reasoning) {
        double ssResid = residuals.stream().flatMapToDouble(Arrays::stream).map(v -> v * v).sum();
        double ssScores = 0;
        for (Family f : families) {
            double[] y = reasoning ? f.reasoning : f.truthfulness;
            double m = mean(y);
            for (double v : y) {
                ssScores += (v - m) * (v - m);
            }
        }
        return !(ssResid > 1e-20 * ssScores);
    }

    private static boolean isConstant(double[] x) {
        for (double v : x) {
            if (v != x[0]) {
                return false;
            }
        }
        return true;
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    static double[] checked(double[] x, String name, String family) {
        String where = family == null ? "" : " (family " + family + ")";
        if (x == null) {
            throw new IllegalArgumentException(name + " must not be null" + where);
        }
        if (x.length == 0) {
            throw new IllegalArgumentException(name + " must not be empty: []" + where);
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] must be finite: " + x[i] + where);
            }
        }
        return x;
    }
}
