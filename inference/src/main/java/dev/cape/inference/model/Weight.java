package dev.cape.inference.model;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * A float32 tensor read lazily from a checkpoint: its shape is known at once, its values are widened (BF16, F16 →
 * F32) only when the transformer uploads it, so a model never holds two float copies of all weights in the heap.
 *
 * @param source description for messages (checkpoint name plus any transformation)
 * @param shape  dimensions, outermost first
 * @param values supplier of {@code product(shape)} row-major values
 * @param stored where the stored bytes lie when the weight is a checkpoint tensor used without transformation (the
 *               upload then reads them straight into native memory without a Java array); null otherwise
 */
public record Weight(String source, long[] shape, Supplier<float[]> values, Stored stored) {

    /** A tensor of a store, used without transformation; {@code dtype} is its stored element type. */
    public record Stored(TensorStore store, String name, DType dtype) {
    }

    public Weight {
        shape = shape.clone();
    }

    /** A weight computed in Java (widened, transposed, sliced, ...). */
    public Weight(String source, long[] shape, Supplier<float[]> values) {
        this(source, shape, values, null);
    }

    /** A weight from values already in memory. */
    public static Weight of(String source, float[] values, long... shape) {
        return new Weight(source, shape, () -> values);
    }

    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** The transpose of a matrix (HF Conv1D {@code [in, out]} → Linear {@code [out, in]}). */
    public Weight transposed() {
        requireRank(2);
        int rows = (int) shape[0];
        int cols = (int) shape[1];
        return new Weight(source + "ᵀ", new long[] {cols, rows}, () -> {
            float[] v = values.get();
            float[] t = new float[v.length];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    t[c * rows + r] = v[r * cols + c];
                }
            }
            return t;
        });
    }

    /** Rows {@code [from, to)} of a matrix, or elements {@code [from, to)} of a vector. */
    public Weight rows(int from, int to) {
        int[] idx = new int[to - from];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = from + i;
        }
        return gatherRows(idx, source + "[" + from + ":" + to + "]");
    }

    /** The given rows of a matrix (or elements of a vector), in that order. */
    public Weight gatherRows(int[] rowIndices, String description) {
        if (shape.length != 1 && shape.length != 2) {
            throw new IllegalArgumentException("gatherRows needs a vector or matrix: " + source + " has shape "
                    + Arrays.toString(shape));
        }
        int rowLen = shape.length == 2 ? (int) shape[1] : 1;
        for (int r : rowIndices) {
            if (r < 0 || r >= shape[0]) {
                throw new IllegalArgumentException("row " + r + " outside " + source + " with shape "
                        + Arrays.toString(shape));
            }
        }
        long[] newShape = shape.clone();
        newShape[0] = rowIndices.length;
        int[] rows = rowIndices.clone();
        return new Weight(description, newShape, () -> {
            float[] v = values.get();
            float[] out = new float[rows.length * rowLen];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(v, rows[i] * rowLen, out, i * rowLen, rowLen);
            }
            return out;
        });
    }

    private void requireRank(int rank) {
        if (shape.length != rank) {
            throw new IllegalArgumentException(source + " has shape " + Arrays.toString(shape) + ", expected rank "
                    + rank);
        }
    }
}
