package dev.cape.inference.hook;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A set of hooks on one model, active from creation ({@code model.hooks()}) until {@link #close()}, which removes all
 * of them. Capture hooks keep the latest value of their point as an {@link Activation}; edit hooks replace it. Hooks
 * of one session run in the order they were added; sessions run in the order they were opened.
 * <pre>{@code
 * try (HookSession s = model.hooks().capture(HookPoints.pattern(0)).add(HookPoints.residPost(0), v, 4.0)) {
 *     model.forward(ids);
 *     Activation p = s.captured(HookPoints.pattern(0)).orElseThrow();  // [1, heads, T, T]
 * }
 * }</pre>
 */
public final class HookSession implements AutoCloseable {

    private record Hook(String point, ActivationEdit edit) {
    }

    private final HookRegistry registry;
    private final List<Hook> hooks = new ArrayList<>();
    private final Map<String, Activation> captured = new ConcurrentHashMap<>();
    private volatile boolean open = true;

    HookSession(HookRegistry registry) {
        this.registry = registry;
    }

    /** Captures {@code point} on every forward (the latest value is kept). */
    public synchronized HookSession capture(String point) {
        checkUsable(point);
        hooks.add(new Hook(point, null));
        return this;
    }

    /** Replaces the value at {@code point} by what {@code edit} returns. */
    public synchronized HookSession edit(String point, ActivationEdit edit) {
        checkUsable(point);
        if (edit == null) {
            throw new IllegalArgumentException("edit must not be null");
        }
        hooks.add(new Hook(point, edit));
        return this;
    }

    /**
     * Adds {@code alpha · vector} to the last dimension at every position (steering), e.g. on
     * {@code blocks.L.hook_resid_post} with a {@code d_model} vector.
     */
    public HookSession add(String point, float[] vector, double alpha) {
        float[] scaled = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            scaled[i] = (float) (alpha * vector[i]);
        }
        return edit(point, (x, ctx) -> {
            long last = x.getShape().get(x.getShape().dimension() - 1);
            if (last != scaled.length) {
                throw new IllegalArgumentException("steering vector has " + scaled.length + " values, but "
                        + ctx.point() + " has last dimension " + last);
            }
            try (NDArray v = x.getManager().create(scaled)) {
                return x.add(v);
            }
        });
    }

    /** The latest captured value of {@code point}, if a capture hook on it has fired. */
    public Optional<Activation> captured(String point) {
        return Optional.ofNullable(captured.get(point));
    }

    /** The latest captured value of {@code point}; fails when it has not fired. */
    public Activation require(String point) {
        Activation a = captured.get(point);
        if (a == null) {
            throw new IllegalStateException("no captured value for " + point
                    + (hooks.stream().anyMatch(h -> h.point().equals(point) && h.edit() == null)
                            ? " (no forward pass has reached it yet)" : " (no capture hook on it)"));
        }
        return a;
    }

    /** Forgets captured values. */
    public void clearCaptures() {
        captured.clear();
    }

    public boolean isOpen() {
        return open;
    }

    /** Removes every hook of this session from the model; captured values stay readable. */
    @Override
    public void close() {
        if (open) {
            open = false;
            registry.remove(this);
        }
    }

    synchronized boolean wants(String point) {
        for (Hook h : hooks) {
            if (h.point().equals(point)) {
                return true;
            }
        }
        return false;
    }

    synchronized NDArray fire(NDArray x, HookContext ctx) {
        NDArray current = x;
        for (Hook h : hooks) {
            if (!h.point().equals(ctx.point())) {
                continue;
            }
            if (h.edit() == null) {
                captured.put(ctx.point(), new Activation(ctx.point(), current.getShape().getShape(),
                        floats(current)));
            } else {
                NDArray next = h.edit().apply(current, ctx);
                if (next == null || !next.getShape().equals(current.getShape())) {
                    throw new IllegalStateException("edit hook on " + ctx.point() + " returned shape "
                            + (next == null ? "null" : Arrays.toString(next.getShape().getShape())) + ", expected "
                            + Arrays.toString(current.getShape().getShape()));
                }
                current = next;
            }
        }
        return current;
    }

    /** The values as float32 (a float16 model's activations are widened exactly). */
    private static float[] floats(NDArray x) {
        if (x.getDataType() == DataType.FLOAT32) {
            return x.toFloatArray();
        }
        try (NDArray f = x.toType(DataType.FLOAT32, false)) {
            return f.toFloatArray();
        }
    }

    private void checkUsable(String point) {
        if (!open) {
            throw new IllegalStateException("hook session is closed");
        }
        registry.checkPoint(point);
    }
}
