package dev.cape.inference.steer;

import java.util.Arrays;

/**
 * A unit direction at one layer and the scale σ that one steering unit stands for: steering with α adds
 * {@code α · σ · unit} to the layer's residual stream.
 *
 * @param layer block index
 * @param unit  direction of norm 1 (normalised on construction)
 * @param sigma scale (> 0), e.g. the standard deviation of training projections on {@code unit}
 */
public record SteeringVector(int layer, float[] unit, double sigma) {

    public SteeringVector {
        if (layer < 0) {
            throw new IllegalArgumentException("layer must be >= 0: " + layer);
        }
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("sigma must be > 0: " + sigma);
        }
        double n = 0;
        for (float f : unit) {
            n += (double) f * f;
        }
        n = Math.sqrt(n);
        if (!(n > 0) || !Double.isFinite(n)) {
            throw new IllegalArgumentException("steering direction has norm " + n);
        }
        float[] u = new float[unit.length];
        for (int i = 0; i < u.length; i++) {
            u[i] = (float) (unit[i] / n);
        }
        unit = u;
    }

    @Override
    public float[] unit() {
        return unit.clone();
    }

    public int dim() {
        return unit.length;
    }

    /** {@code α · σ · unit} as float32. */
    public float[] delta(double alpha) {
        float[] out = new float[unit.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (alpha * sigma * unit[i]);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SteeringVector s && s.layer == layer && s.sigma == sigma && Arrays.equals(s.unit, unit);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * layer + Double.hashCode(sigma)) + Arrays.hashCode(unit);
    }

    @Override
    public String toString() {
        return "SteeringVector[layer=" + layer + ", dim=" + unit.length + ", sigma=" + sigma + "]";
    }
}
