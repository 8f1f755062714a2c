package dev.cape.analysis.ode;

/**
 * An autonomous vector field on the (R, T) plane: ds/dx = f(s) with s = (R, T) and x = log10 N.
 */
@FunctionalInterface
public interface StateField {

    /** f(R, T) as {dR/dx, dT/dx}. */
    double[] rate(double r, double t);
}
