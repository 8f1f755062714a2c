package dev.cape.analysis.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.analysis.compare.MatchedScaleComparison.EquivalentStatus;
import dev.cape.analysis.compare.MatchedScaleComparison.Point;
import dev.cape.analysis.compare.MatchedScaleComparison.Result;
import dev.cape.analysis.coupling.CouplingCurve;
import dev.cape.analysis.coupling.FamilyScores;
import dev.cape.analysis.coupling.KernelCoupling;
import dev.cape.analysis.resampling.RandomStreams;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatchedScaleComparisonTest {

    static final double[] SIZES = {1, 2, 4, 8, 16};
    static final double[] R = {0.30, 0.35, 0.42, 0.50, 0.61};

    /** T = a + b·R: every (weighted) correlation of R and T is sign(b), at every scale and in every resample. */
    static FamilyScores linear(String name, double[] sizes, double a, double b) {
        double[] t = new double[R.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = a + b * R[i];
        }
        return new FamilyScores(name, List.of("m1", "m2", "m3", "m4", "m5"), sizes, R, t, new double[5]);
    }

    static MatchedScaleComparison seeded(long seed) {
        return MatchedScaleComparison.withDefaults().withBootstrap(400).withRandom(RandomStreams.of(seed));
    }

    @Test
    void refusesWithoutRandomSource() {
        FamilyScores a = linear("A", SIZES, 0.9, -1);
        assertThrows(IllegalStateException.class, () -> MatchedScaleComparison.withDefaults().compare(a, a, 4));
    }

    @Test
    void scaleOutsideARangeIsRefusedWithTheRange() {
        FamilyScores a = linear("A", SIZES, 0.9, -1);
        FamilyScores b = linear("B", new double[] {4, 8, 16, 32, 64}, 0.1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> seeded(1).compare(a, b, 2));
        assertTrue(e.getMessage().contains("2B is outside B's observed range [4B, 64B]"), e.getMessage());
        assertTrue(e.getMessage().contains("overlap of A and B: [4B, 16B]"), e.getMessage());
    }

    @Test
    void disjointRangesAreRefused() {
        FamilyScores a = linear("A", SIZES, 0.9, -1);
        FamilyScores b = linear("B", new double[] {32, 64, 128, 256, 512}, 0.1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> seeded(1).compare(a, b));
        assertTrue(e.getMessage().contains("do not overlap"), e.getMessage());
    }

    @Test
    void familyWithTwoModelsIsRefused() {
        FamilyScores a = linear("A", SIZES, 0.9, -1);
        FamilyScores two = new FamilyScores("Two", List.of("x", "y"), new double[] {1, 16}, new double[] {0.3, 0.5},
                new double[] {0.4, 0.45}, new double[2]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> seeded(1).compare(a, two, 4));
        assertTrue(e.getMessage().contains("family Two has 2 model(s)"), e.getMessage());
    }

    @Test
    void perfectlyAntiAndPositivelyCoupledFamiliesDifferByTwoWithDegenerateIntervals() {
        FamilyScores a = linear("A", SIZES, 0.9, -1);
        FamilyScores b = linear("B", SIZES, 0.1, 1);
        Result r = seeded(7).compare(a, b, 4);
        Point p = r.points().get(0);
        // c_A ≡ −1 and c_B ≡ +1 exactly (up to rounding) in the data and in every resample with 3 sizes
        assertEquals(-1, p.couplingA().value(), 1e-12);
        assertEquals(1, p.couplingB().value(), 1e-12);
        assertEquals(2, p.difference().value(), 1e-12);
        assertEquals(-1, p.couplingA().lower(), 1e-12);
        assertEquals(-1, p.couplingA().upper(), 1e-12);
        assertEquals(2, p.difference().lower(), 1e-12);
        // B is at +1 from its smallest size on: the equivalent scale of A's −1 is at or below 1B
        assertEquals(EquivalentStatus.AT_OR_BELOW_SMALLEST, p.equivalent().status());
        assertEquals(1, p.equivalent().paramsB(), 1e-12);
        // swapped: −1 never reaches +1
        Point q = seeded(7).compare(b, a, 4).points().get(0);
        assertEquals(EquivalentStatus.NEVER_WITHIN_RANGE, q.equivalent().status());
        assertTrue(q.equivalent().message().contains("never reaches"), q.equivalent().message());
        assertEquals(0, q.equivalent().reachedShare(), 0);
    }

    @Test
    void defaultScalesAreTheSizesInTheOverlap() {
        FamilyScores a = linear("A", SIZES, 0.9, -1);
        FamilyScores b = linear("B", new double[] {3, 4, 8, 32, 64}, 0.1, 1);
        assertEquals(List.of(3.0, 4.0, 8.0, 16.0), seeded(1).compare(a, b).points().stream()
                .map(Point::paramsB).toList());
    }

    @Test
    void equivalentScaleInterpolatesTheFirstUpwardReach() {
        // hand-computed: c rises linearly from −0.5 at x = 0 to +0.5 at x = 2; c = 0.25 at x = 1.5
        CouplingCurve c = new CouplingCurve("B", 0.4, new double[] {0, 1, 2}, new double[] {-0.5, 0, 0.5},
                new double[0], new double[0]);
        MatchedScaleComparison.Reach eq = MatchedScaleComparison.reach(c, 0.25);
        assertEquals(EquivalentStatus.REACHED, eq.status());
        assertEquals(1.5, eq.log10N(), 1e-15);
        // the first reach counts, not a later one: c = 0.2 at x = 0.4 on a curve that dips again
        CouplingCurve dip = new CouplingCurve("B", 0.4, new double[] {0, 1, 2, 3},
                new double[] {-0.3, 0.7, -0.9, 0.9}, new double[0], new double[0]);
        assertEquals(0.5, MatchedScaleComparison.reach(dip, 0.2).log10N(), 1e-15);
        assertEquals(EquivalentStatus.NEVER_WITHIN_RANGE, MatchedScaleComparison.reach(dip, 0.95).status());
    }

    @Test
    void reachedEquivalentScaleHasBsCouplingEqualToAs() {
        // B: T falls then rises with R, so its curve crosses from negative to positive inside the range
        FamilyScores b = new FamilyScores("B", List.of("b1", "b2", "b3", "b4", "b5", "b6"),
                new double[] {0.5, 1, 2, 4, 8, 16}, new double[] {0.25, 0.30, 0.36, 0.45, 0.55, 0.66},
                new double[] {0.40, 0.37, 0.35, 0.38, 0.44, 0.52}, new double[6]);
        double target = 0.1;
        CouplingCurve cb = KernelCoupling.withDefaults().fit(b);
        MatchedScaleComparison.Reach eq = MatchedScaleComparison.reach(cb, target);
        assertEquals(EquivalentStatus.REACHED, eq.status());
        // linear interpolation on the grid is exact for the interpolated curve
        assertEquals(target, cb.at(eq.log10N()), 1e-12);
        // a family reaches its own coupling at 4B no later than 4B, and exactly that value where it is reached
        Point p = seeded(3).compare(b, b, 4).points().get(0);
        assertEquals(0, p.difference().value(), 0);
        assertTrue(p.equivalent().paramsB() <= 4 * (1 + 1e-12), p.equivalent().message());
        if (p.equivalent().status() == EquivalentStatus.REACHED) {
            assertEquals(p.couplingA().value(), cb.at(Math.log10(p.equivalent().paramsB())), 1e-9);
        }
    }

    @Test
    void sameSeedSameResultOtherSeedOtherIntervals() {
        FamilyScores b = new FamilyScores("B", List.of("b1", "b2", "b3", "b4", "b5", "b6"),
                new double[] {0.5, 1, 2, 4, 8, 16}, new double[] {0.25, 0.30, 0.36, 0.45, 0.55, 0.66},
                new double[] {0.40, 0.37, 0.35, 0.38, 0.44, 0.52}, new double[6]);
        FamilyScores a = new FamilyScores("A", List.of("a1", "a2", "a3", "a4", "a5"), SIZES, R,
                new double[] {0.41, 0.40, 0.43, 0.47, 0.46}, new double[5]);
        Point p1 = seeded(11).compare(a, b, 2, 8).points().get(1);
        Point p2 = seeded(11).compare(a, b, 2, 8).points().get(1);
        Point p3 = seeded(12).compare(a, b, 2, 8).points().get(1);
        assertEquals(p1, p2);
        assertTrue(p1.couplingA().lower() != p3.couplingA().lower() || p1.couplingB().lower() != p3.couplingB().lower());
        assertEquals(p1.couplingA().value(), p3.couplingA().value(), 0);
    }
}
