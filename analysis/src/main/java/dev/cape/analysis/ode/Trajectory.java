package dev.cape.analysis.ode;

import java.util.List;
import java.util.OptionalDouble;

/**
 * An integrated trajectory of ds/dx = f(s) from an initial state to a list of target scales.
 *
 * @param x0       start scale
 * @param r0       start R
 * @param t0       start T
 * @param points   the reached targets, in target order (targets after a stop are absent)
 * @param targets  number of targets requested
 * @param status   how the integration ended
 * @param exitX    the first x at which the trajectory left [0,1]², when it did
 * @param stopX    the x at which integration stopped early (exit, blow-up or failure), when it did
 * @param message  a one-line explanation of the status
 * @param settings the integrator settings used
 */
public record Trajectory(double x0, double r0, double t0, List<Point> points, int targets, TrajectoryStatus status,
                         OptionalDouble exitX, OptionalDouble stopX, String message,
                         TrajectoryIntegrator.Settings settings) {

    public Trajectory {
        points = List.copyOf(points);
    }

    /**
     * The state at one target scale.
     *
     * @param x      target scale
     * @param r      R(x)
     * @param t      T(x)
     * @param inBox  whether (R, T) lies in [0,1]²
     */
    public record Point(double x, double r, double t, boolean inBox) {
    }

    /** Whether every target was reached. */
    public boolean reachedAll() {
        return points.size() == targets;
    }
}
