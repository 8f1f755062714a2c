package dev.cape.analysis.ode;

import org.apache.commons.math3.complex.Complex;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EigenstructureTest {

    private static final Eigenstructure E = Eigenstructure.withDefaults();
    private static final PolynomialLibrary LIB = PolynomialLibrary.ofOrder(2);

    @Test
    void invalidOptionsAndShapesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> E.withStartsPerAxis(1));
        assertThrows(IllegalArgumentException.class, () -> E.withZeroTolerance(-1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> E.of(0, 0, new double[][] {{1, Double.NaN}, {0, 1}}));
        assertTrue(e.getMessage().startsWith("Jacobian must be finite"), e.getMessage());
    }

    /** Checks J v = λ v for every eigenpair and unit norm. */
    private static void assertEigenpairs(double[][] j, JacobianAnalysis a) {
        for (int i = 0; i < 2; i++) {
            Complex l = a.eigenvalues().get(i);
            List<Complex> v = a.eigenvectors().get(i);
            Complex jv0 = v.get(0).multiply(j[0][0]).add(v.get(1).multiply(j[0][1]));
            Complex jv1 = v.get(0).multiply(j[1][0]).add(v.get(1).multiply(j[1][1]));
            assertEquals(0, jv0.subtract(l.multiply(v.get(0))).abs(), 1e-12);
            assertEquals(0, jv1.subtract(l.multiply(v.get(1))).abs(), 1e-12);
            double norm = Math.sqrt(Math.pow(v.get(0).abs(), 2) + Math.pow(v.get(1).abs(), 2));
            assertEquals(1, norm, 1e-12);
        }
    }

    @Test
    void realEigenvaluesOfASaddleMatchTheClosedForm() {
        // tr = -3, det = 2 - 6 = -4: λ = (-3 ± 5) / 2 = 1, -4
        double[][] j = {{-1, 2}, {3, -2}};
        JacobianAnalysis a = E.of(0.2, 0.3, j);
        assertEquals(1, a.eigenvalues().get(0).getReal(), 1e-12);
        assertEquals(-4, a.eigenvalues().get(1).getReal(), 1e-12);
        assertEquals(0, a.eigenvalues().get(0).getImaginary(), 0);
        assertEigenpairs(j, a);
        // eigenvector of 1: (b, λ - a) = (2, 2) / |.| = (1, 1)/√2
        assertEquals(1 / Math.sqrt(2), a.eigenvectors().get(0).get(0).getReal(), 1e-12);
        assertEquals(1 / Math.sqrt(2), a.eigenvectors().get(0).get(1).getReal(), 1e-12);
        assertEquals(LinearType.SADDLE, a.type());
        assertEquals(InteractionClass.COOPERATIVE, a.interaction());
        assertEquals(-3, a.trace(), 0);
        assertEquals(-4, a.determinant(), 0);
    }

    @Test
    void complexPairOfAStableFocusMatchesTheClosedForm() {
        // [[-1, -2], [2, -1]]: λ = -1 ± 2i
        double[][] j = {{-1, -2}, {2, -1}};
        JacobianAnalysis a = E.of(0, 0, j);
        assertTrue(a.complex());
        assertEquals(-1, a.eigenvalues().get(0).getReal(), 1e-12);
        assertEquals(2, a.eigenvalues().get(0).getImaginary(), 1e-12);
        assertEquals(-2, a.eigenvalues().get(1).getImaginary(), 1e-12);
        assertEigenpairs(j, a);
        assertEquals(LinearType.STABLE_FOCUS, a.type());
        assertEquals(InteractionClass.MIXED, a.interaction());
    }

    @Test
    void rotationIsACenter() {
        double[][] j = {{0, -1}, {1, 0}};
        JacobianAnalysis a = E.of(0, 0, j);
        assertEquals(1, a.eigenvalues().get(0).getImaginary(), 1e-12);
        assertEquals(0, a.eigenvalues().get(0).getReal(), 1e-12);
        assertEigenpairs(j, a);
        assertEquals(LinearType.CENTER, a.type());
    }

    @Test
    void competitiveStableNodeMatchesTheClosedForm() {
        // tr = -5, det = 5: λ = (-5 ± √5) / 2
        double[][] j = {{-2, -1}, {-1, -3}};
        JacobianAnalysis a = E.of(0, 0, j);
        assertEquals((-5 + Math.sqrt(5)) / 2, a.eigenvalues().get(0).getReal(), 1e-12);
        assertEquals((-5 - Math.sqrt(5)) / 2, a.eigenvalues().get(1).getReal(), 1e-12);
        assertEigenpairs(j, a);
        assertEquals(LinearType.STABLE_NODE, a.type());
        assertEquals(InteractionClass.COMPETITIVE, a.interaction());
    }

    @Test
    void diagonalDefectiveAndSingularCases() {
        JacobianAnalysis d = E.of(0, 0, new double[][] {{1, 0}, {0, 2}});
        assertEquals(2, d.eigenvalues().get(0).getReal(), 1e-12);
        assertEquals(1, d.eigenvectors().get(0).get(1).getReal(), 0); // e2 for λ = 2
        assertEquals(1, d.eigenvectors().get(1).get(0).getReal(), 0); // e1 for λ = 1
        assertEquals(InteractionClass.NONE, d.interaction());
        assertEquals(LinearType.UNSTABLE_NODE, d.type());
        double[][] defective = {{1, 1}, {0, 1}};
        JacobianAnalysis j = E.of(0, 0, defective);
        assertEquals(1, j.eigenvalues().get(0).getReal(), 1e-7);
        assertEquals(1, j.eigenvalues().get(1).getReal(), 1e-7);
        assertEquals(InteractionClass.MIXED, j.interaction()); // ∂Ṙ/∂T > 0, ∂Ṫ/∂R = 0
        assertEquals(LinearType.DEGENERATE, E.of(0, 0, new double[][] {{1, 0}, {0, 0}}).type());
    }

    @Test
    void interactionClassUsesTheZeroTolerance() {
        assertEquals(InteractionClass.NONE, InteractionClass.of(0, 0, 0));
        assertEquals(InteractionClass.MIXED, InteractionClass.of(0.1, -0.1, 0));
        assertEquals(InteractionClass.MIXED, InteractionClass.of(0, -0.1, 0));
        assertEquals(InteractionClass.NONE, InteractionClass.of(1e-9, -1e-9, 1e-6));
        assertEquals(InteractionClass.COOPERATIVE, E.withZeroTolerance(1e-3)
                .of(0, 0, new double[][] {{0, 0.01}, {0.01, 0}}).interaction());
    }

    @Test
    void fixedPointsOfTwoLogisticsAreTheFourCornerStates() {
        // dR/dx = R - R², dT/dx = T/2 - T²: fixed points R ∈ {0, 1} × T ∈ {0, 1/2}
        PolynomialField f = PolynomialField.of(LIB, Map.of("R", 1.0, "R^2", -1.0), Map.of("T", 0.5, "T^2", -1.0));
        List<JacobianAnalysis> fp = E.fixedPoints(f);
        assertEquals(4, fp.size());
        double[][] expect = {{0, 0}, {0, 0.5}, {1, 0}, {1, 0.5}};
        LinearType[] types = {LinearType.UNSTABLE_NODE, LinearType.SADDLE, LinearType.SADDLE, LinearType.STABLE_NODE};
        for (int i = 0; i < 4; i++) {
            assertEquals(expect[i][0], fp.get(i).r(), 1e-10);
            assertEquals(expect[i][1], fp.get(i).t(), 1e-10);
            assertEquals(types[i], fp.get(i).type());
            assertEquals(InteractionClass.NONE, fp.get(i).interaction());
        }
    }

    @Test
    void competitiveLotkaVolterraHasItsInteriorFixedPoint() {
        // dR/dx = R(1 - R - T/2), dT/dx = T(1 - T - R/2): interior point (2/3, 2/3) with J = [[-2/3, -1/3],
        // [-1/3, -2/3]], eigenvalues -1/3 and -1
        PolynomialField f = PolynomialField.of(LIB, Map.of("R", 1.0, "R^2", -1.0, "R*T", -0.5),
                Map.of("T", 1.0, "T^2", -1.0, "R*T", -0.5));
        List<JacobianAnalysis> fp = E.fixedPoints(f);
        assertEquals(4, fp.size()); // (0,0), (0,1), (2/3,2/3), (1,0)
        JacobianAnalysis in = fp.get(2);
        assertEquals(2.0 / 3, in.r(), 1e-10);
        assertEquals(2.0 / 3, in.t(), 1e-10);
        assertEquals(-1.0 / 3, in.eigenvalues().get(0).getReal(), 1e-10);
        assertEquals(-1.0, in.eigenvalues().get(1).getReal(), 1e-10);
        assertEquals(InteractionClass.COMPETITIVE, in.interaction());
        assertEquals(LinearType.STABLE_NODE, in.type());
        assertEquals(LinearType.SADDLE, fp.get(1).type());
        assertEquals(LinearType.SADDLE, fp.get(3).type());
    }

    @Test
    void zeroFieldHasNoListedFixedPointsAndSaysWhy() {
        PolynomialField zero = PolynomialField.of(LIB, new double[6], new double[6]);
        Eigenstructure.Result r = E.analyse(zero, List.of());
        assertTrue(r.fixedPoints().isEmpty());
        assertTrue(r.notes().get(0).contains("identically zero"), r.notes().toString());
    }

    @Test
    void analysesEveryObservedStateOfAFit() {
        SindyFit fit = Sindy.withDefaults().fit(Synthetic.families(3, Synthetic.grid(-1, 2, 0.25), x -> 0));
        Eigenstructure.Result r = E.analyse(fit);
        assertEquals(fit.states().size(), r.observed().size());
        long total = 0;
        for (InteractionClass c : InteractionClass.values()) {
            total += r.count(c);
        }
        assertEquals(r.observed().size(), total);
        // the true field has ∂Ṙ/∂T = 0.4 R > 0 and ∂Ṫ/∂R = -0.3 T < 0 everywhere in the open box
        assertEquals(r.observed().size(), r.count(InteractionClass.MIXED));
    }
}
