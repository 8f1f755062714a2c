package dev.cape.analysis.ode;

import org.apache.commons.math3.exception.MathIllegalArgumentException;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.events.EventHandler;
import org.apache.commons.math3.ode.nonstiff.DormandPrince853Integrator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Integrates an autonomous field ds/dx = f(s) on the (R, T) plane with the adaptive Dormand–Prince 8(5,3)
 * integrator of Commons Math ({@code DormandPrince853Integrator}; SciPy {@code solve_ivp(method="DOP853")}).
 *
 * <p>Two event functions watch the trajectory: g₁(s) = min(R, 1 − R, T, 1 − T), whose downward zero is the exit
 * from [0,1]² (located to 1e-12 in x), and g₂(s) = L − max(|R|, |T|) with the blow-up limit L. Nothing is clipped:
 * an exit either stops the trajectory or is flagged ({@link BoundaryPolicy}); a blow-up, a non-finite field value or
 * an integrator failure stops it with a status and message.
 */
public final class TrajectoryIntegrator {

    /**
     * The integrator settings recorded with every trajectory.
     *
     * @param absoluteTolerance absolute error tolerance per step
     * @param relativeTolerance relative error tolerance per step
     * @param minStep           smallest step in x (decades)
     * @param maxStep           largest step in x (decades); also bounds the event check interval
     * @param blowUpLimit       L: |R| or |T| above it is a blow-up
     * @param boundaryPolicy    what happens at an exit from [0,1]²
     */
    public record Settings(double absoluteTolerance, double relativeTolerance, double minStep, double maxStep,
                           double blowUpLimit, BoundaryPolicy boundaryPolicy) {
    }

    private final Settings s;

    private TrajectoryIntegrator(Settings s) {
        this.s = s;
    }

    /** Tolerances 1e-10 (absolute and relative), steps in [1e-10, 0.05] decades, L = 1e3, stop at exit. */
    public static TrajectoryIntegrator withDefaults() {
        return new TrajectoryIntegrator(new Settings(1e-10, 1e-10, 1e-10, 0.05, 1e3, BoundaryPolicy.STOP_AT_EXIT));
    }

    /** Absolute and relative step tolerances, both finite and &gt; 0. */
    public TrajectoryIntegrator withTolerances(double absolute, double relative) {
        positive("absolute tolerance", absolute);
        positive("relative tolerance", relative);
        return new TrajectoryIntegrator(new Settings(absolute, relative, s.minStep(), s.maxStep(), s.blowUpLimit(),
                s.boundaryPolicy()));
    }

    /** Step bounds in decades, 0 &lt; min ≤ max. */
    public TrajectoryIntegrator withStepBounds(double minStep, double maxStep) {
        positive("minStep", minStep);
        positive("maxStep", maxStep);
        if (minStep > maxStep) {
            throw new IllegalArgumentException("minStep must be <= maxStep: " + minStep + " > " + maxStep);
        }
        return new TrajectoryIntegrator(new Settings(s.absoluteTolerance(), s.relativeTolerance(), minStep, maxStep,
                s.blowUpLimit(), s.boundaryPolicy()));
    }

    /** Blow-up limit L &gt; 1. */
    public TrajectoryIntegrator withBlowUpLimit(double limit) {
        if (!(limit > 1) || Double.isInfinite(limit)) {
            throw new IllegalArgumentException("blow-up limit must be a finite number > 1: " + limit);
        }
        return new TrajectoryIntegrator(new Settings(s.absoluteTolerance(), s.relativeTolerance(), s.minStep(),
                s.maxStep(), limit, s.boundaryPolicy()));
    }

    public TrajectoryIntegrator with(BoundaryPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        return new TrajectoryIntegrator(new Settings(s.absoluteTolerance(), s.relativeTolerance(), s.minStep(),
                s.maxStep(), s.blowUpLimit(), policy));
    }

    public Settings settings() {
        return s;
    }

    private static void positive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be a finite number > 0: " + v);
        }
    }

    private static final class NonFiniteField extends RuntimeException {
        NonFiniteField(String m) {
            super(m, null, false, false);
        }
    }

    /**
     * Integrates from (x0, r0, t0) to each target in turn.
     *
     * @param targets target scales, non-decreasing and ≥ x0
     */
    public Trajectory integrate(StateField field, double x0, double r0, double t0, double[] targets) {
        Objects.requireNonNull(field, "field");
        if (!Double.isFinite(x0) || !Double.isFinite(r0) || !Double.isFinite(t0)) {
            throw new IllegalArgumentException("initial state must be finite: x0=" + x0 + ", R0=" + r0 + ", T0=" + t0);
        }
        double prev = x0;
        for (double x : targets) {
            if (!Double.isFinite(x) || x < prev) {
                throw new IllegalArgumentException("targets must be finite, non-decreasing and >= x0 (" + x0 + "): "
                        + java.util.Arrays.toString(targets));
            }
            prev = x;
        }
        List<Trajectory.Point> points = new ArrayList<>();
        if (!inBox(r0, t0)) {
            String msg = String.format(Locale.ROOT, "initial state (R=%.6g, T=%.6g) lies outside [0,1]^2", r0, t0);
            if (s.boundaryPolicy() == BoundaryPolicy.STOP_AT_EXIT) {
                return new Trajectory(x0, r0, t0, points, targets.length, TrajectoryStatus.LEFT_BOX,
                        OptionalDouble.of(x0), OptionalDouble.of(x0), msg, s);
            }
        }
        FirstOrderDifferentialEquations ode = new FirstOrderDifferentialEquations() {
            @Override
            public int getDimension() {
                return 2;
            }

            @Override
            public void computeDerivatives(double x, double[] y, double[] yDot) {
                double[] f = field.rate(y[0], y[1]);
                if (!Double.isFinite(f[0]) || !Double.isFinite(f[1])) {
                    throw new NonFiniteField(String.format(Locale.ROOT,
                            "field is not finite at x=%.6g (R=%.6g, T=%.6g)", x, y[0], y[1]));
                }
                yDot[0] = f[0];
                yDot[1] = f[1];
            }
        };
        DormandPrince853Integrator dp = new DormandPrince853Integrator(s.minStep(), s.maxStep(),
                s.absoluteTolerance(), s.relativeTolerance());
        double[] exit = {Double.NaN};
        boolean[] blew = {false};
        boolean[] leftAndStopped = {false};
        double checkInterval = Math.min(s.maxStep(), 0.01);
        dp.addEventHandler(new EventHandler() {
            @Override
            public void init(double t0, double[] y0, double t) {
            }

            @Override
            public double g(double x, double[] y) {
                return Math.min(Math.min(y[0], 1 - y[0]), Math.min(y[1], 1 - y[1]));
            }

            @Override
            public Action eventOccurred(double x, double[] y, boolean increasing) {
                if (increasing) {
                    return Action.CONTINUE;
                }
                if (Double.isNaN(exit[0])) {
                    exit[0] = x;
                }
                if (s.boundaryPolicy() == BoundaryPolicy.STOP_AT_EXIT) {
                    leftAndStopped[0] = true;
                    return Action.STOP;
                }
                return Action.CONTINUE;
            }

            @Override
            public void resetState(double x, double[] y) {
            }
        }, checkInterval, 1e-12, 10_000);
        dp.addEventHandler(new EventHandler() {
            @Override
            public void init(double t0, double[] y0, double t) {
            }

            @Override
            public double g(double x, double[] y) {
                return s.blowUpLimit() - Math.max(Math.abs(y[0]), Math.abs(y[1]));
            }

            @Override
            public Action eventOccurred(double x, double[] y, boolean increasing) {
                if (increasing) {
                    return Action.CONTINUE;
                }
                blew[0] = true;
                return Action.STOP;
            }

            @Override
            public void resetState(double x, double[] y) {
            }
        }, checkInterval, 1e-12, 10_000);
        if (!inBox(r0, t0)) {
            exit[0] = x0;
        }
        double[] y = {r0, t0};
        double x = x0;
        for (double target : targets) {
            if (target > x) {
                double reached;
                try {
                    reached = dp.integrate(ode, x, y, target, y);
                } catch (NonFiniteField e) {
                    return stop(x0, r0, t0, points, targets.length, TrajectoryStatus.BLEW_UP, exit, x, e.getMessage());
                } catch (MathIllegalStateException | MathIllegalArgumentException e) {
                    return stop(x0, r0, t0, points, targets.length, TrajectoryStatus.FAILED, exit, x,
                            "integrator failed after x=" + fmt(x) + ": " + e.getMessage());
                }
                if (blew[0]) {
                    return stop(x0, r0, t0, points, targets.length, TrajectoryStatus.BLEW_UP, exit, reached,
                            String.format(Locale.ROOT, "blew up: |R| or |T| reached %.3g at x=%.6g",
                                    s.blowUpLimit(), reached));
                }
                if (leftAndStopped[0]) {
                    return stop(x0, r0, t0, points, targets.length, TrajectoryStatus.LEFT_BOX, exit, reached,
                            String.format(Locale.ROOT, "left [0,1]^2 at x=%.6g (R=%.6g, T=%.6g); integration stopped",
                                    reached, y[0], y[1]));
                }
                x = target;
            }
            points.add(new Trajectory.Point(target, y[0], y[1], inBox(y[0], y[1])));
        }
        if (!Double.isNaN(exit[0])) {
            return new Trajectory(x0, r0, t0, points, targets.length, TrajectoryStatus.LEFT_BOX,
                    OptionalDouble.of(exit[0]), OptionalDouble.empty(),
                    "left [0,1]^2 first at x=" + fmt(exit[0]) + "; integration continued, points outside are flagged",
                    s);
        }
        return new Trajectory(x0, r0, t0, points, targets.length, TrajectoryStatus.COMPLETED, OptionalDouble.empty(),
                OptionalDouble.empty(), "all " + targets.length + " targets reached inside [0,1]^2", s);
    }

    private Trajectory stop(double x0, double r0, double t0, List<Trajectory.Point> points, int n,
                            TrajectoryStatus status, double[] exit, double at, String message) {
        OptionalDouble ex = Double.isNaN(exit[0]) ? OptionalDouble.empty() : OptionalDouble.of(exit[0]);
        return new Trajectory(x0, r0, t0, points, n, status, ex, OptionalDouble.of(at), message, s);
    }

    private static boolean inBox(double r, double t) {
        return r >= 0 && r <= 1 && t >= 0 && t <= 1;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
