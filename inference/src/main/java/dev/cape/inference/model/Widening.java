package dev.cape.inference.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;

/**
 * Widening of stored tensors to float32 in Java (DJL's own BF16 path aborts the JVM): BF16 is the upper half of a
 * float32 ({@code bits << 16}), F16 is IEEE binary16 converted exactly.
 */
public final class Widening {

    private Widening() {
    }

    /** The values of a stored tensor as float32, row-major. */
    public static float[] toFloats(TensorData t) {
        long n = t.elementCount();
        if (n > Integer.MAX_VALUE - 8) {
            throw new ModelLoadException("tensor '" + t.name() + "' has " + n + " elements; more than a Java array holds");
        }
        long expectedBytes = n * t.dtype().bytes();
        ByteBuffer b = t.data().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        b.position(0);
        if (b.remaining() != expectedBytes) {
            throw new ModelLoadException("tensor '" + t.name() + "' holds " + b.remaining() + " bytes, expected "
                    + expectedBytes + " for its shape and dtype " + t.dtype());
        }
        float[] out = new float[(int) n];
        switch (t.dtype()) {
            case F32 -> b.asFloatBuffer().get(out);
            case BF16 -> {
                ShortBuffer s = b.asShortBuffer();
                for (int i = 0; i < out.length; i++) {
                    out[i] = bf16ToFloat(s.get(i));
                }
            }
            case F16 -> {
                ShortBuffer s = b.asShortBuffer();
                for (int i = 0; i < out.length; i++) {
                    out[i] = f16ToFloat(s.get(i));
                }
            }
        }
        return out;
    }

    /** bfloat16 bits → float32 (exact). */
    public static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }

    /** IEEE 754 binary16 bits → float32 (exact, including subnormals, infinities and NaN). */
    public static float f16ToFloat(short bits) {
        int h = bits & 0xFFFF;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1F;
        int mant = h & 0x3FF;
        if (exp == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
        }
        if (exp == 0) {
            if (mant == 0) {
                return Float.intBitsToFloat(sign);
            }
            float v = mant * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }
}
