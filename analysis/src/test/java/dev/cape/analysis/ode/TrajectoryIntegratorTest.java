package dev.cape.analysis.ode;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrajectoryIntegratorTest {

    private static final TrajectoryIntegrator DEFAULT = TrajectoryIntegrator.withDefaults();

    @Test
    void invalidSettingsAndTargetsAreRefusedWithTheValue() {
        assertThrows(IllegalArgumentException.class, () -> DEFAULT.withTolerances(0, 1e-8));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DEFAULT.withStepBounds(0.1, 0.01));
        assertEquals("minStep must be <= maxStep: 0.1 > 0.01", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DEFAULT.withBlowUpLimit(1));
        e = assertThrows(IllegalArgumentException.class,
                () -> DEFAULT.integrate((r, t) -> new double[] {0, 0}, 0, 0.5, 0.5, new double[] {1, 0.5}));
        assertTrue(e.getMessage().contains("non-decreasing") && e.getMessage().contains("[1.0, 0.5]"), e.getMessage());
    }

    @Test
    void logisticAndExponentialDecayMatchTheirClosedForms() {
        double a = 1.3;
        double b = 0.7;
        double x0 = -1;
        double r0 = 0.1;
        double t0 = 0.9;
        double[] xs = {-0.5, 0, 0.7, 1.5};
        Trajectory tr = DEFAULT.integrate((r, t) -> new double[] {a * r * (1 - r), -b * t}, x0, r0, t0, xs);
        assertEquals(TrajectoryStatus.COMPLETED, tr.status());
        assertTrue(tr.reachedAll());
        assertTrue(tr.exitX().isEmpty() && tr.stopX().isEmpty());
        for (int i = 0; i < xs.length; i++) {
            double rExact = 1 / (1 + (1 / r0 - 1) * Math.exp(-a * (xs[i] - x0)));
            double tExact = t0 * Math.exp(-b * (xs[i] - x0));
            // step tolerances 1e-10 over 2.5 decades of smooth dynamics: global error far below 1e-8
            assertEquals(rExact, tr.points().get(i).r(), 1e-8);
            assertEquals(tExact, tr.points().get(i).t(), 1e-8);
            assertTrue(tr.points().get(i).inBox());
        }
    }

    @Test
    void linearRotationMatchesItsClosedForm() {
        // dR/dx = -(T - 1/2), dT/dx = R - 1/2: circle of radius 0.3 around (1/2, 1/2)
        double[] xs = {1, 2, 3, 6};
        Trajectory tr = DEFAULT.integrate((r, t) -> new double[] {-(t - 0.5), r - 0.5}, 0, 0.8, 0.5, xs);
        for (int i = 0; i < xs.length; i++) {
            assertEquals(0.5 + 0.3 * Math.cos(xs[i]), tr.points().get(i).r(), 1e-8);
            assertEquals(0.5 + 0.3 * Math.sin(xs[i]), tr.points().get(i).t(), 1e-8);
        }
    }

    @Test
    void leavingTheBoxStopsAtTheExactExitScale() {
        Trajectory tr = DEFAULT.integrate((r, t) -> new double[] {1, 0}, 0, 0.5, 0.5, new double[] {0.25, 1, 2});
        assertEquals(TrajectoryStatus.LEFT_BOX, tr.status());
        // R = 0.5 + x reaches 1 at x = 0.5; the event is located to 1e-12
        assertEquals(0.5, tr.exitX().getAsDouble(), 1e-9);
        assertEquals(0.5, tr.stopX().getAsDouble(), 1e-9);
        assertEquals(1, tr.points().size());
        assertFalse(tr.reachedAll());
        assertEquals(0.75, tr.points().get(0).r(), 1e-12);
        assertTrue(tr.message().startsWith("left [0,1]^2 at x=0.5"), tr.message());
    }

    @Test
    void blowUpIsReportedAfterFlaggedPointsOutsideTheBox() {
        // dR/dx = R², R(0) = 1/2: R = 1/(2 - x) leaves the box at x = 1 and reaches L = 1e3 at x = 2 - 1e-3
        TrajectoryIntegrator flag = DEFAULT.with(BoundaryPolicy.FLAG_AND_CONTINUE);
        Trajectory tr = flag.integrate((r, t) -> new double[] {r * r, 0}, 0, 0.5, 0.5, new double[] {0.5, 1.5, 3});
        assertEquals(TrajectoryStatus.BLEW_UP, tr.status());
        assertEquals(1.0, tr.exitX().getAsDouble(), 1e-9);
        assertEquals(2 - 1e-3, tr.stopX().getAsDouble(), 1e-8);
        assertEquals(2, tr.points().size());
        assertEquals(2.0 / 3, tr.points().get(0).r(), 1e-9);
        assertTrue(tr.points().get(0).inBox());
        assertEquals(2.0, tr.points().get(1).r(), 1e-8);
        assertFalse(tr.points().get(1).inBox());
        assertTrue(tr.message().startsWith("blew up"), tr.message());
    }

    @Test
    void nonFiniteFieldIsABlowUpWithTheState() {
        Trajectory tr = DEFAULT.integrate((r, t) -> new double[] {r < 0.7 ? 1 : Double.NaN, 0}, 0, 0.5, 0.5,
                new double[] {0.1, 0.5});
        assertEquals(TrajectoryStatus.BLEW_UP, tr.status());
        assertEquals(1, tr.points().size());
        assertTrue(tr.message().startsWith("field is not finite at x="), tr.message());
    }

    @Test
    void initialStateOutsideTheBoxIsReportedAtTheStart() {
        Trajectory tr = DEFAULT.integrate((r, t) -> new double[] {0, 0}, 0.3, 1.2, 0.5, new double[] {1});
        assertEquals(TrajectoryStatus.LEFT_BOX, tr.status());
        assertEquals(0.3, tr.exitX().getAsDouble(), 0);
        assertTrue(tr.points().isEmpty());
        assertTrue(tr.message().contains("initial state"), tr.message());
    }

    @Test
    void targetsEqualToTheStartOrToEachOtherAreReturnedWithoutIntegrating() {
        Trajectory tr = DEFAULT.integrate((r, t) -> new double[] {0.1, -0.1}, 0, 0.5, 0.5, new double[] {0, 1, 1});
        assertEquals(3, tr.points().size());
        assertEquals(0.5, tr.points().get(0).r(), 0);
        assertEquals(tr.points().get(1).r(), tr.points().get(2).r(), 0);
        assertEquals(0.6, tr.points().get(1).r(), 1e-12);
    }

    @Test
    void quadraticFieldMatchesScipyDop853() {
        // a field of the size fitted on the bundled data (coefficients rounded), started at (0.37, 0.39) at 7B
        PolynomialField f = PolynomialField.of(PolynomialLibrary.ofOrder(2),
                java.util.Map.of("1", -0.07581, "R", 3.825, "T", -3.039, "R^2", -4.115, "R*T", -0.6678, "T^2", 4.954),
                java.util.Map.of("1", 0.2105, "R", 2.247, "T", -3.316, "R^2", -2.626, "R*T", -0.1021, "T^2", 4.676));
        Trajectory tr = DEFAULT.integrate(f, Math.log10(7.0), 0.37, 0.39,
                new double[] {Math.log10(13.0), Math.log10(70.0)});
        // scipy 1.17.1: solve_ivp(f, (log10(7), log10(70)), [0.37, 0.39], method='DOP853',
        //   t_eval=[log10(13), log10(70)], rtol=1e-12, atol=1e-12).y
        // both solutions carry errors ~1e-10 (our tolerances); 1e-8 is the agreement to expect
        assertEquals(0.4418503561839948, tr.points().get(0).r(), 1e-8);
        assertEquals(0.4155681449488289, tr.points().get(0).t(), 1e-8);
        assertEquals(0.6255342711561832, tr.points().get(1).r(), 1e-8);
        assertEquals(0.47485848912326384, tr.points().get(1).t(), 1e-8);
        assertEquals(TrajectoryStatus.COMPLETED, tr.status());
    }
}
