package dev.cape.analysis.resampling;

import dev.cape.analysis.resampling.FamilyCriticalScale.Censoring;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.exception.MathIllegalArgumentException;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.numbers.gamma.Erfc;
import org.apache.commons.numbers.gamma.Erfcx;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Maximum-likelihood fit of a normal distribution to log10 N_c of several families when some N_c are only bounded
 * (Tobit / interval-censored normal model).
 *
 * <p>Log-likelihood over all families, with z = (v − μ)/σ for each family's value or bound v:
 * exact values contribute log φ(z) − log σ, left-censored ones (x &lt; v) log Φ(z), right-censored ones (x &gt; v)
 * log(1 − Φ(z)). It is maximised over (μ, log σ) by damped Newton steps with the analytic gradient and Hessian.
 * The Wald interval for μ uses the observed information, μ̂ ± z_{(1+c)/2}·SE(μ̂) with SE² = [I⁻¹]_{μμ}; the
 * profile-likelihood interval is {μ : 2(ℓ̂ − max_σ ℓ(μ, σ)) ≤ χ²₁(c)}. SciPy equivalent:
 * {@code scipy.optimize.minimize} of the negative of
 * {@code norm.logpdf(x_exact, mu, s).sum() + norm.logcdf(b_left, mu, s).sum() + norm.logsf(b_right, mu, s).sum()}.
 *
 * <p>The MLE exists only when at least two uncensored values differ: with none the likelihood grows without bound as
 * σ → 0 or σ → ∞, with one distinct value as σ → 0. Those cases are reported by {@link Status}, never as numbers.
 * With nothing censored the fit reduces to the sample mean and the MLE σ = sqrt(Σ(x − x̄)²/n).
 */
public final class CensoredNormalFit {

    /** Outcome of a fit. */
    public enum Status {
        /** The MLE was found; {@link Result#estimate()} is present. */
        OK,
        /** No uncensored family: the MLE does not exist (the likelihood has no maximum). */
        NO_UNCENSORED_FAMILY,
        /** All uncensored families have the same value: the likelihood grows without bound as σ → 0. */
        ONE_DISTINCT_UNCENSORED_VALUE,
        /** The optimiser stopped before the gradient vanished. */
        NOT_CONVERGED
    }

    /**
     * The fitted censored normal.
     *
     * @param mu              MLE of the mean of log10 N_c
     * @param sigma           MLE of the standard deviation of log10 N_c
     * @param muStandardError standard error of μ̂ from the observed information
     * @param wald            Wald interval for μ (log10 scale)
     * @param profile         profile-likelihood interval for μ; empty when unbounded on a side
     * @param logLikelihood   maximised log-likelihood (including the −½ log 2π constants)
     * @param iterations      Newton iterations used
     */
    public record Estimate(double mu, double sigma, double muStandardError, Log10Interval wald,
                           Optional<Log10Interval> profile, double logLikelihood, int iterations) {

        /** The fitted mean on the original scale, 10^μ. */
        public double mean() {
            return Math.pow(10, mu);
        }
    }

    /**
     * Result of {@link #fit(List)}, with the settings used.
     *
     * @param status          OK or why there is no estimate
     * @param message         one sentence for a report
     * @param estimate        the fit, present iff status is OK
     * @param exact           number of uncensored families
     * @param leftCensored    number of left-censored families
     * @param rightCensored   number of right-censored families
     * @param confidenceLevel confidence level of both intervals
     */
    public record Result(Status status, String message, Optional<Estimate> estimate,
                         int exact, int leftCensored, int rightCensored, double confidenceLevel) {

        public boolean converged() {
            return status == Status.OK;
        }

        public int censored() {
            return leftCensored + rightCensored;
        }

        /** 10^μ̂ when the fit exists. */
        public OptionalDouble mean() {
            return estimate.map(e -> OptionalDouble.of(e.mean())).orElse(OptionalDouble.empty());
        }
    }

    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
    private static final double SQRT2 = Math.sqrt(2);
    private static final int MAX_ITERATIONS = 500;

    private final double confidenceLevel;

    private CensoredNormalFit(double confidenceLevel) {
        this.confidenceLevel = confidenceLevel;
    }

    /** Confidence level 0.95. */
    public static CensoredNormalFit withDefaults() {
        return new CensoredNormalFit(0.95);
    }

    public CensoredNormalFit withConfidenceLevel(double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidenceLevel must be in (0, 1): " + level);
        }
        return new CensoredNormalFit(level);
    }

    public double confidenceLevel() {
        return confidenceLevel;
    }

    /**
     * Log-likelihood ℓ(μ, σ) of the censored normal model (including constants).
     *
     * @throws IllegalArgumentException if σ is not a finite number &gt; 0 or μ is not finite
     */
    public static double logLikelihood(List<FamilyCriticalScale> families, double mu, double sigma) {
        validate(families);
        if (!Double.isFinite(mu)) {
            throw new IllegalArgumentException("mu must be finite: " + mu);
        }
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("sigma must be a finite number > 0: " + sigma);
        }
        Data d = Data.of(families);
        return d.derivatives(mu, Math.log(sigma), false)[0];
    }

    /** Fits μ and σ by maximum likelihood over all families. */
    public Result fit(List<FamilyCriticalScale> families) {
        validate(families);
        Data d = Data.of(families);
        int exact = d.count(0);
        int left = d.count(1);
        int right = d.count(2);
        if (exact == 0) {
            return new Result(Status.NO_UNCENSORED_FAMILY,
                    "no uncensored family (" + left + " left-, " + right + " right-censored): "
                            + "the censored-normal MLE does not exist", Optional.empty(), exact, left, right,
                    confidenceLevel);
        }
        double mean = 0;
        for (int i = 0; i < d.v.length; i++) {
            if (d.kind[i] == 0) {
                mean += d.v[i];
            }
        }
        mean /= exact;
        double ss = 0;
        for (int i = 0; i < d.v.length; i++) {
            if (d.kind[i] == 0) {
                ss += (d.v[i] - mean) * (d.v[i] - mean);
            }
        }
        if (!(ss > 0)) {
            return new Result(Status.ONE_DISTINCT_UNCENSORED_VALUE,
                    "all " + exact + " uncensored families have N_c = " + MeanCriticalScale.billions(mean)
                            + ": the censored-normal likelihood is unbounded as sigma -> 0, no MLE",
                    Optional.empty(), exact, left, right, confidenceLevel);
        }
        double[] theta = {mean, 0.5 * Math.log(ss / exact)};
        int iterations = maximise(d, theta);
        if (iterations < 0) {
            return new Result(Status.NOT_CONVERGED,
                    "censored-normal fit did not converge in " + MAX_ITERATIONS + " iterations (last mu = "
                            + theta[0] + ", sigma = " + Math.exp(theta[1]) + ")",
                    Optional.empty(), exact, left, right, confidenceLevel);
        }
        double[] der = d.derivatives(theta[0], theta[1], true);
        double iMuMu = -der[3];
        double iMuTau = -der[4];
        double iTauTau = -der[5];
        double det = iMuMu * iTauTau - iMuTau * iMuTau;
        if (!(iMuMu > 0 && det > 0)) {
            return new Result(Status.NOT_CONVERGED,
                    "censored-normal fit stopped where the observed information is not positive definite (mu = "
                            + theta[0] + ", sigma = " + Math.exp(theta[1]) + "): no standard error",
                    Optional.empty(), exact, left, right, confidenceLevel);
        }
        double se = Math.sqrt(iTauTau / det);
        double z = NormalDistribution.of(0, 1).inverseSurvivalProbability((1 - confidenceLevel) / 2);
        Log10Interval wald = new Log10Interval(theta[0] - z * se, theta[0] + z * se);
        Optional<Log10Interval> profile = profileInterval(d, theta, der[0], se, z * z);
        Estimate e = new Estimate(theta[0], Math.exp(theta[1]), se, wald, profile, der[0], iterations);
        String msg = "censored-normal fit over " + d.v.length + " families (" + (left + right) + " censored): mean "
                + MeanCriticalScale.billions(theta[0]) + ", sigma " + String.format(java.util.Locale.ROOT, "%.3g", e.sigma())
                + " decades"
                + (profile.isEmpty() ? "; profile-likelihood interval unbounded" : "");
        return new Result(Status.OK, msg, Optional.of(e), exact, left, right, confidenceLevel);
    }

    private static void validate(List<FamilyCriticalScale> families) {
        Objects.requireNonNull(families, "families");
        for (int i = 0; i < families.size(); i++) {
            if (families.get(i) == null) {
                throw new IllegalArgumentException("families must not contain null: element " + i);
            }
        }
    }

    /** Damped Newton ascent on (μ, τ = log σ); returns iterations used, or −1 if not converged. */
    private static int maximise(Data d, double[] theta) {
        double[] der = d.derivatives(theta[0], theta[1], true);
        for (int it = 1; it <= MAX_ITERATIONS; it++) {
            double gMu = der[1];
            double gTau = der[2];
            // A = −H; Levenberg damping until A + λI is positive definite and the step increases ℓ
            double a11 = -der[3];
            double a12 = -der[4];
            double a22 = -der[5];
            double lambda = 0;
            double scale = Math.max(1e-12, Math.max(Math.abs(a11), Math.abs(a22)));
            boolean improved = false;
            double stepMu = 0;
            double stepTau = 0;
            for (int attempt = 0; attempt < 60 && !improved; attempt++) {
                double b11 = a11 + lambda;
                double b22 = a22 + lambda;
                double det = b11 * b22 - a12 * a12;
                if (b11 > 0 && det > 0) {
                    stepMu = (b22 * gMu - a12 * gTau) / det;
                    stepTau = (b11 * gTau - a12 * gMu) / det;
                    if (Math.abs(stepMu) < 1e-13 && Math.abs(stepTau) < 1e-13
                            && (lambda == 0 || Math.abs(gMu) < 1e-8 && Math.abs(gTau) < 1e-8)) {
                        return it;
                    }
                    double[] trial = d.derivatives(theta[0] + stepMu, theta[1] + stepTau, true);
                    if (trial[0] >= der[0]) {
                        theta[0] += stepMu;
                        theta[1] += stepTau;
                        der = trial;
                        improved = true;
                    }
                }
                lambda = lambda == 0 ? 1e-6 * scale : lambda * 10;
            }
            if (!improved) {
                // no ascent direction left at double precision: converged if the gradient is tiny
                return Math.abs(gMu) < 1e-8 && Math.abs(gTau) < 1e-8 ? it : -1;
            }
            if (Math.abs(stepMu) < 1e-12 && Math.abs(stepTau) < 1e-12
                    && Math.abs(der[1]) < 1e-8 && Math.abs(der[2]) < 1e-8) {
                return it;
            }
        }
        return -1;
    }

    /** max over τ of ℓ(μ, τ) for fixed μ, by damped 1-D Newton from τ0. */
    private static double profileLogLikelihood(Data d, double mu, double tau0) {
        double tau = tau0;
        double[] der = d.derivatives(mu, tau, true);
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            double g = der[2];
            double h = der[5];
            double step = h < 0 ? -g / h : Math.signum(g) * 0.5;
            double[] trial = null;
            for (int half = 0; half < 60; half++) {
                double[] t = d.derivatives(mu, tau + step, true);
                if (t[0] >= der[0]) {
                    trial = t;
                    break;
                }
                step /= 2;
            }
            if (trial == null) {
                break;
            }
            tau += step;
            der = trial;
            if (Math.abs(step) < 1e-13) {
                break;
            }
        }
        return der[0];
    }

    private static Optional<Log10Interval> profileInterval(Data d, double[] theta, double maxLogLik, double se,
                                                           double chi2) {
        double tau = theta[1];
        double lower = profileEnd(d, theta[0], tau, maxLogLik, se, chi2, -1);
        double upper = profileEnd(d, theta[0], tau, maxLogLik, se, chi2, +1);
        if (Double.isNaN(lower) || Double.isNaN(upper)) {
            return Optional.empty();
        }
        return Optional.of(new Log10Interval(lower, upper));
    }

    /** Root of 2(ℓ̂ − ℓ_p(μ)) = χ² on one side of μ̂; NaN when no crossing within 2^40 standard errors. */
    private static double profileEnd(Data d, double muHat, double tauHat, double maxLogLik, double se, double chi2,
                                     int side) {
        final double step0 = Math.max(se, 1e-8);
        double inner = muHat;
        double outer = muHat + side * step0;
        for (int k = 0; k < 40; k++) {
            double dev = 2 * (maxLogLik - profileLogLikelihood(d, outer, tauHat)) - chi2;
            if (dev > 0) {
                BrentSolver solver = new BrentSolver(1e-13, 1e-12);
                double a = Math.min(inner, outer);
                double b = Math.max(inner, outer);
                try {
                    return solver.solve(1000, mu -> 2 * (maxLogLik - profileLogLikelihood(d, mu, tauHat)) - chi2,
                            a, b);
                } catch (MathIllegalStateException | MathIllegalArgumentException e) {
                    return Double.NaN; // no reliable crossing: reported as an absent profile interval
                }
            }
            inner = outer;
            outer = muHat + side * step0 * Math.pow(2, k + 1);
        }
        return Double.NaN;
    }

    /** Values and kinds (0 exact, 1 left, 2 right) of the families. */
    private record Data(double[] v, int[] kind) {

        static Data of(List<FamilyCriticalScale> families) {
            double[] v = new double[families.size()];
            int[] kind = new int[families.size()];
            for (int i = 0; i < v.length; i++) {
                FamilyCriticalScale f = families.get(i);
                v[i] = f.log10Value();
                kind[i] = f.censoring() == Censoring.NONE ? 0 : f.censoring() == Censoring.LEFT ? 1 : 2;
            }
            return new Data(v, kind);
        }

        int count(int k) {
            int c = 0;
            for (int x : kind) {
                c += x == k ? 1 : 0;
            }
            return c;
        }

        /**
         * ℓ and, when asked, its gradient and Hessian in θ = (μ, τ = log σ):
         * {ℓ, ∂μ, ∂τ, ∂μμ, ∂μτ, ∂ττ}. Each term is h(z) with z = (v − μ)e^{−τ}, so
         * z_μ = −1/σ, z_τ = −z, z_μμ = 0, z_μτ = 1/σ, z_ττ = z.
         */
        double[] derivatives(double mu, double tau, boolean withDerivatives) {
            double sigma = Math.exp(tau);
            double ll = 0;
            double gMu = 0;
            double gTau = 0;
            double hMuMu = 0;
            double hMuTau = 0;
            double hTauTau = 0;
            for (int i = 0; i < v.length; i++) {
                double z = (v[i] - mu) / sigma;
                double h1;
                double h2;
                switch (kind[i]) {
                    case 0 -> {
                        ll += -0.5 * z * z - tau - LOG_SQRT_2PI;
                        h1 = -z;
                        h2 = -1;
                        gTau -= 1;
                    }
                    case 1 -> {
                        ll += logPhi(z);
                        double lam = mills(z);
                        h1 = lam;
                        h2 = -lam * (z + lam);
                    }
                    default -> {
                        ll += logPhi(-z);
                        double lam = mills(-z);
                        h1 = -lam;
                        h2 = -lam * (lam - z);
                    }
                }
                if (withDerivatives) {
                    double zMu = -1 / sigma;
                    double zTau = -z;
                    gMu += h1 * zMu;
                    gTau += h1 * zTau;
                    hMuMu += h2 * zMu * zMu;
                    hMuTau += h2 * zMu * zTau + h1 / sigma;
                    hTauTau += h2 * zTau * zTau + h1 * z;
                }
            }
            return new double[] {ll, gMu, gTau, hMuMu, hMuTau, hTauTau};
        }
    }

    /** log Φ(u), accurate in both tails. */
    static double logPhi(double u) {
        if (u < -1) {
            return Math.log(0.5 * Erfcx.value(-u / SQRT2)) - 0.5 * u * u;
        }
        return Math.log1p(-0.5 * Erfc.value(u / SQRT2));
    }

    /** Inverse Mills ratio φ(u)/Φ(u) = sqrt(2/π) / erfcx(−u/√2), stable for all u. */
    static double mills(double u) {
        return SQRT_2_OVER_PI / Erfcx.value(-u / SQRT2);
    }
}
