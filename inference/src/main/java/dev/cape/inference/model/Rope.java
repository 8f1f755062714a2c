package dev.cape.inference.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Rotary position embeddings in HF's rotate-half layout: {@code x·cos + rotate_half(x)·sin} on the first r dims of each
 * head, the rest passed through. The cos/sin tables are built in float32 (as HF's float32 product of inv_freq and
 * positions) and cast to the model dtype.
 */
final class Rope {

    private final float[] invFreq;
    private final int headDim;
    private final int rotaryDim;
    private final DataType dtype;
    private final NDIndex rotary;       // ..., 0:r
    private final NDIndex passThrough;  // ..., r:
    /** {@code rotate_half} as a matrix {@code [r, r]} of 0 and ±1: one exact product instead of a slice, a negation
     *  and a concatenation per tensor (each new DJL array costs microseconds). */
    private final NDArray rotation;

    Rope(ModelSpec.Rope rope, int headDim, DataType dtype, NDManager manager) {
        this.invFreq = rope.inverseFrequencies();
        this.headDim = headDim;
        this.rotaryDim = rope.rotaryDim();
        this.dtype = dtype;
        this.rotary = new NDIndex("..., 0:" + rotaryDim);  // parsed once: DJL parses index strings with regexes
        this.passThrough = new NDIndex("..., " + rotaryDim + ":");
        this.rotation = rotateHalfMatrix(rotaryDim, manager);
    }

    /**
     * R with {@code x · R = rotate_half(x) = [−x₂, x₁]}: column j &lt; r/2 takes −x[j + r/2], column j ≥ r/2 takes
     * x[j − r/2]. Each output is one ±x term plus exact zeros, so the product is exact.
     */
    private NDArray rotateHalfMatrix(int r, NDManager manager) {
        int half = r / 2;
        float[] m = new float[r * r];
        for (int j = 0; j < half; j++) {
            m[(j + half) * r + j] = -1f;
            m[j * r + j + half] = 1f;
        }
        return inModelType(manager.create(m, new Shape(r, r)));  // [r, r]
    }

    /** cos/sin tables {@code [t, r]} for positions p0 .. p0+t-1. */
    NDArray[] tables(NDManager scope, int p0, int t) {
        int[] positions = new int[t];
        for (int i = 0; i < t; i++) {
            positions[i] = p0 + i;
        }
        return tables(scope, positions, new Shape(t, rotaryDim));
    }

    /** cos/sin tables {@code [b, 1, t, r]} for per-row positions {@code [b·t]}, broadcast over the heads. */
    NDArray[] tables(NDManager scope, int[] positions, int b, int t) {
        return tables(scope, positions, new Shape(b, 1, t, rotaryDim));
    }

    private NDArray[] tables(NDManager scope, int[] positions, Shape shape) {
        int half = invFreq.length;
        int r = 2 * half;
        int t = positions.length;
        float[] c = new float[t * r];
        float[] sn = new float[t * r];
        for (int i = 0; i < t; i++) {
            float pos = positions[i];
            for (int j = 0; j < half; j++) {
                float f = pos * invFreq[j];  // float32 product, as HF's float32 matmul of inv_freq and positions
                float cv = (float) Math.cos(f);
                float sv = (float) Math.sin(f);
                c[i * r + j] = cv;
                c[i * r + j + half] = cv;
                sn[i * r + j] = sv;
                sn[i * r + j + half] = sv;
            }
        }
        return new NDArray[] {inModelType(scope.create(c, shape)), inModelType(scope.create(sn, shape))};
    }

    /** Rotates {@code x [b, n, t, hd]} by tables from {@link #tables}. */
    NDArray apply(NDArray x, NDArray cos, NDArray sin) {
        NDArray rot = rotaryDim == headDim ? x : x.get(rotary);  // [b, n, t, r]
        NDArray out = rot.mul(cos).addi(rot.matMul(rotation).muli(sin));  // [b, n, t, r]
        return rotaryDim == headDim ? out : out.concat(x.get(passThrough), -1);  // [b, n, t, hd]
    }

    private NDArray inModelType(NDArray a) {
        return a.getDataType() == dtype ? a : a.toType(dtype, false);
    }
}
