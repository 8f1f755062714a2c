package dev.cape.inference.hook;

import java.util.Arrays;

/**
 * An activation copied out of a forward pass: row-major float32 values with their shape (see {@link HookPoints}).
 *
 * @param point hook point name
 * @param shape dimensions, e.g. {@code [batch, pos, d_model]}
 * @param data  {@code product(shape)} values
 */
public record Activation(String point, long[] shape, float[] data) {

    public Activation {
        shape = shape.clone();
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("data has " + data.length + " values for shape " + Arrays.toString(shape));
        }
    }

    public long[] shape() {
        return shape.clone();
    }

    /** The innermost vector at the given leading indices, e.g. {@code vector(b, pos)} of a {@code [b, pos, d]} tensor. */
    public float[] vector(int... index) {
        if (index.length != shape.length - 1) {
            throw new IllegalArgumentException("vector needs " + (shape.length - 1) + " indices, got " + index.length);
        }
        int inner = (int) shape[shape.length - 1];
        long offset = 0;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + index[i] + " outside dimension " + i + " of size "
                        + shape[i]);
            }
            offset = offset * shape[i] + index[i];
        }
        int from = (int) (offset * inner);
        return Arrays.copyOfRange(data, from, from + inner);
    }
}
