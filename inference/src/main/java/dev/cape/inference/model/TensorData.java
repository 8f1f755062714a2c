package dev.cape.inference.model;

import java.nio.ByteBuffer;

/**
 * One stored tensor: its name, element type, shape and raw little-endian bytes (often a memory-mapped view).
 *
 * @param name  checkpoint name, e.g. {@code model.layers.0.self_attn.q_proj.weight}
 * @param dtype element type of {@code data}
 * @param shape dimensions, outermost first
 * @param data  exactly {@code product(shape) * dtype.bytes()} bytes, little-endian, position 0
 */
public record TensorData(String name, DType dtype, long[] shape, ByteBuffer data) {

    public long elementCount() {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }
}
