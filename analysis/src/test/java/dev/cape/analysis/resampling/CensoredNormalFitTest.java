package dev.cape.analysis.resampling;

import static dev.cape.analysis.resampling.FamilyCriticalScale.above;
import static dev.cape.analysis.resampling.FamilyCriticalScale.below;
import static dev.cape.analysis.resampling.FamilyCriticalScale.exact;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.analysis.resampling.CensoredNormalFit.Estimate;
import dev.cape.analysis.resampling.CensoredNormalFit.Result;
import dev.cape.analysis.resampling.CensoredNormalFit.Status;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CensoredNormalFitTest {

    /** Five exact values, one left-censored (x &lt; 0.2), two right-censored (x &gt; 1.3, x &gt; 1.45). */
    private static final List<FamilyCriticalScale> MIXED = List.of(
            exact("a", 0.3), exact("b", 0.55), exact("c", 0.62), exact("d", 0.9), exact("e", 1.1),
            below("f", 0.2), above("g", 1.3), above("h", 1.45));

    private static final List<FamilyCriticalScale> PLAIN = List.of(
            exact("a", 0.3), exact("b", 0.55), exact("c", 0.62), exact("d", 0.9), exact("e", 1.1));

    // ---- invalid input ----

    @Test
    void emptyInputHasNoEstimate() {
        CensoredNormalFit.Result r = CensoredNormalFit.withDefaults().fit(List.of());
        assertEquals(CensoredNormalFit.Status.NO_UNCENSORED_FAMILY, r.status());
        assertTrue(r.estimate().isEmpty());
    }

    @Test
    void rejectsNullElement() {
        List<FamilyCriticalScale> list = new ArrayList<>(PLAIN);
        list.add(null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CensoredNormalFit.withDefaults().fit(list));
        assertTrue(e.getMessage().contains("element 5"), e.getMessage());
    }

    @Test
    void rejectsNonFiniteBoundsAndValues() {
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> exact("x", Double.NaN));
        assertTrue(nan.getMessage().contains("log10Value") && nan.getMessage().contains("NaN"), nan.getMessage());
        IllegalArgumentException inf = assertThrows(IllegalArgumentException.class,
                () -> below("x", Double.NEGATIVE_INFINITY));
        assertTrue(inf.getMessage().contains("-Infinity"), inf.getMessage());
        assertThrows(IllegalArgumentException.class, () -> above("x", Double.POSITIVE_INFINITY));
    }

    @Test
    void rejectsConfidenceLevelOutsideUnitInterval() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CensoredNormalFit.withDefaults().withConfidenceLevel(1.0));
        assertEquals("confidenceLevel must be in (0, 1): 1.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CensoredNormalFit.withDefaults().withConfidenceLevel(Double.NaN));
    }

    @Test
    void logLikelihoodRejectsNonPositiveSigma() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CensoredNormalFit.logLikelihood(PLAIN, 0, -0.5));
        assertEquals("sigma must be a finite number > 0: -0.5", e.getMessage());
    }

    // ---- degenerate inputs: a status, never a number ----

    @Test
    void allCensoredOnOneSideHasNoMle() {
        Result r = CensoredNormalFit.withDefaults().fit(List.of(above("a", 1), above("b", 1.2)));
        assertEquals(Status.NO_UNCENSORED_FAMILY, r.status());
        assertTrue(r.estimate().isEmpty());
        assertTrue(r.mean().isEmpty());
        assertFalse(r.converged());
        assertEquals(2, r.censored());
        assertTrue(r.message().contains("does not exist"), r.message());
    }

    @Test
    void censoredOnBothSidesWithoutExactValuesHasNoMle() {
        Result r = CensoredNormalFit.withDefaults().fit(List.of(below("a", 0.1), above("b", 1.2)));
        assertEquals(Status.NO_UNCENSORED_FAMILY, r.status());
    }

    @Test
    void singleFamilyHasNoMle() {
        Result r = CensoredNormalFit.withDefaults().fit(List.of(exact("a", 0.5)));
        assertEquals(Status.ONE_DISTINCT_UNCENSORED_VALUE, r.status());
        assertTrue(r.estimate().isEmpty());
    }

    @Test
    void zeroVarianceOfExactValuesHasNoMleEvenWithCensoredFamilies() {
        Result r = CensoredNormalFit.withDefaults().fit(List.of(exact("a", 0.5), exact("b", 0.5), below("c", 0.1)));
        assertEquals(Status.ONE_DISTINCT_UNCENSORED_VALUE, r.status());
        assertTrue(r.message().contains("unbounded"), r.message());
    }

    // ---- closed form: nothing censored ----

    @Test
    void reducesToSampleMeanAndMleSigmaWithoutCensoring() {
        Estimate e = CensoredNormalFit.withDefaults().fit(PLAIN).estimate().orElseThrow();
        // numpy: x = np.array([0.3, 0.55, 0.62, 0.9, 1.1]); x.mean(), x.std(ddof=0), x.std(ddof=0)/np.sqrt(5)
        assertEquals(0.6940000000000001, e.mu(), 1e-12);
        assertEquals(0.2788261106854952, e.sigma(), 1e-12);
        // observed information of the normal MLE: Var(mu) = sigma^2 / n
        assertEquals(0.12469482747892953, e.muStandardError(), 1e-12);
        assertEquals(1.959963984540054 * 0.12469482747892953, e.mu() - e.wald().lowerLog10(), 1e-11);
        // profile likelihood of mu with sigma profiled out: n log(1 + (mu - xbar)^2 / s^2) = chi2_1(0.95)
        double q = 3.841458820694124; // scipy.stats.chi2.ppf(0.95, 1)
        double half = e.sigma() * Math.sqrt(Math.expm1(q / 5));
        Log10Interval p = e.profile().orElseThrow();
        assertEquals(e.mu() - half, p.lowerLog10(), 1e-9);
        assertEquals(e.mu() + half, p.upperLog10(), 1e-9);
    }

    // ---- SciPy reference ----

    @Test
    void matchesScipyMinimizeWithCensoring() {
        Result r = CensoredNormalFit.withDefaults().fit(MIXED);
        assertEquals(Status.OK, r.status(), r.message());
        assertEquals(5, r.exact());
        assertEquals(1, r.leftCensored());
        assertEquals(2, r.rightCensored());
        Estimate e = r.estimate().orElseThrow();
        // nll(p) = -(norm.logpdf(xe, mu, s).sum() + norm.logcdf(bl, mu, s).sum() + norm.logsf(br, mu, s).sum()),
        //   s = exp(p[1]), xe = [0.3, 0.55, 0.62, 0.9, 1.1], bl = [0.2], br = [1.3, 1.45];
        // r = scipy.optimize.minimize(nll, [0, 0], method='Nelder-Mead', options=dict(xatol=1e-13, fatol=1e-15,
        //   maxiter=20000)); r2 = scipy.optimize.minimize(nll, r.x, method='BFGS', options=dict(gtol=1e-12))
        //   -> mu = 0.8518648062095879, sigma = exp(r2.x[1]) = 0.6480609883917074 (NM: 0.6480610033007653),
        //   max log-likelihood -8.020878083741213
        assertEquals(0.8518648062095879, e.mu(), 1e-6);
        assertEquals(0.6480609883917074, e.sigma(), 1e-6);
        assertEquals(-8.020878083741213, e.logLikelihood(), 1e-9);
        assertEquals(Math.pow(10, 0.8518648062095879), r.mean().getAsDouble(), 1e-5);
        // SE: sqrt(inv(H)[0, 0]), H = central-difference Hessian of nll in (mu, sigma), step 1e-4 (error ~1e-8)
        assertEquals(0.24016948558083173, e.muStandardError(), 1e-6);
        assertEquals(0.38114126428564593, e.wald().lowerLog10(), 1e-6);
        assertEquals(1.3225883481335299, e.wald().upperLog10(), 1e-6);
        // profile: prof(m) = -minimize_scalar(lambda ls: nll([m, ls]), bracket=..., tol=1e-14).fun;
        //   brentq(lambda m: 2*(lmax - prof(m)) - chi2.ppf(0.95, 1), ..., xtol=1e-13)
        Log10Interval p = e.profile().orElseThrow();
        assertEquals(0.283666856833439, p.lowerLog10(), 1e-6);
        assertEquals(1.505884397592858, p.upperLog10(), 1e-6);
        assertEquals(0.95, r.confidenceLevel());
    }

    @Test
    void logLikelihoodAtTheMleMatchesScipy() {
        // -nll([0.8518648062095879, log(0.6480609883917074)]) from the script above
        assertEquals(-8.020878083741213,
                CensoredNormalFit.logLikelihood(MIXED, 0.8518648062095879, 0.6480609883917074), 1e-12);
    }

    @Test
    void rightCensoringPullsTheMeanUp() {
        double plain = CensoredNormalFit.withDefaults().fit(PLAIN).estimate().orElseThrow().mu();
        List<FamilyCriticalScale> withRight = new ArrayList<>(PLAIN);
        withRight.add(above("x", 1.2));
        double censored = CensoredNormalFit.withDefaults().fit(withRight).estimate().orElseThrow().mu();
        assertTrue(censored > plain, censored + " vs " + plain);
    }

    @Test
    void boundsFarOutsideTheDataChangeNothing() {
        // x < 40 and x > -30 are certain under any fit near the data: log Phi(~ +140) = 0 in double precision
        List<FamilyCriticalScale> list = new ArrayList<>(PLAIN);
        list.add(below("far", 40));
        list.add(above("farther", -30));
        Result r = CensoredNormalFit.withDefaults().fit(list);
        assertEquals(Status.OK, r.status(), r.message());
        assertEquals(0.6940000000000001, r.estimate().orElseThrow().mu(), 1e-9);
        assertEquals(0.2788261106854952, r.estimate().orElseThrow().sigma(), 1e-9);
    }

    @Test
    void boundsFarInsideTheTailsStillConverge() {
        // x < -30 contradicts the exact values: the start has z ~ -110, far into the tails of log Phi
        List<FamilyCriticalScale> list = new ArrayList<>(PLAIN);
        list.add(below("far", -30));
        Result r = CensoredNormalFit.withDefaults().fit(list);
        assertEquals(Status.OK, r.status(), r.message());
        Estimate e = r.estimate().orElseThrow();
        // same nll as in matchesScipyMinimizeWithCensoring with xe = PLAIN, bl = [-30.0], br = []:
        //   Nelder-Mead then BFGS from its optimum -> mu = -5.316428493699682, sigma = 13.585354173512481
        assertEquals(-5.316428493699682, e.mu(), 1e-6);
        assertEquals(13.585354173512481, e.sigma(), 1e-6);
    }

    @Test
    void tailFunctionsAreAccurate() {
        // scipy.stats.norm.logcdf(-40) = -804.6084420137539 ; norm.logcdf(3) = -0.0013508099647481925
        assertEquals(-804.6084420137539, CensoredNormalFit.logPhi(-40), 1e-10);
        assertEquals(-0.0013508099647481925, CensoredNormalFit.logPhi(3), 1e-15);
        // np.exp(norm.logpdf(-40) - norm.logcdf(-40)) = 40.024968847210886
        assertEquals(40.024968847210886, CensoredNormalFit.mills(-40), 1e-10);
    }
}
