package dev.cape.inference.llama2c;

import dev.cape.inference.model.DType;
import dev.cape.inference.model.TensorData;
import dev.cape.inference.model.TensorStore;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Set;

/**
 * A negative control: the checkpoint's HF-named tensors, except that {@code q_proj} and {@code k_proj} keep
 * llama2.c's raw interleaved row order. A rotate-half forward on it must disagree with run.c.
 */
final class RawQkStore implements TensorStore {

    private final TensorStore delegate;
    private final RawLlama2cModel raw;

    RawQkStore(TensorStore delegate, RawLlama2cModel raw) {
        this.delegate = delegate;
        this.raw = raw;
    }

    @Override
    public Set<String> names() {
        return delegate.names();
    }

    @Override
    public TensorData get(String name) {
        TensorData t = delegate.get(name);
        boolean q = name.endsWith(".self_attn.q_proj.weight");
        if (!q && !name.endsWith(".self_attn.k_proj.weight")) {
            return t;
        }
        int layer = Integer.parseInt(name.split("\\.")[2]);
        int count = (int) t.elementCount();
        float[] source = q ? raw.wq : raw.wk;
        ByteBuffer buf = ByteBuffer.allocate(count * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(source, layer * count, count);
        return new TensorData(name, DType.F32, t.shape(), buf);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
