package dev.cape.inference.model;

import java.util.Arrays;

/**
 * What an architecture adapter reads from a {@link TensorStore}: tensors by checkpoint name with the shape the config
 * implies, failing loudly (naming the tensor, found and expected shape) when one is missing or misshaped.
 */
public final class CheckpointReader {

    private final TensorStore store;
    private final String description;

    /**
     * @param store       the checkpoint
     * @param description names the checkpoint in messages (e.g. the model folder)
     */
    public CheckpointReader(TensorStore store, String description) {
        this.store = store;
        this.description = description;
    }

    public boolean has(String name) {
        return store.has(name);
    }

    /** The tensor {@code name}, which must have exactly {@code expectedShape}. */
    public Weight tensor(String name, long... expectedShape) {
        if (!store.has(name)) {
            throw new ModelLoadException("checkpoint " + description + " has no tensor '" + name + "' (expected shape "
                    + Arrays.toString(expectedShape) + ")");
        }
        long[] shape = store.shape(name);
        if (!Arrays.equals(shape, expectedShape)) {
            throw new ModelLoadException("checkpoint " + description + ": tensor '" + name + "' has shape "
                    + Arrays.toString(shape) + ", expected " + Arrays.toString(expectedShape));
        }
        return new Weight(name, expectedShape, () -> Widening.toFloats(store.get(name)),
                new Weight.Stored(store, name, store.dtype(name)));
    }

    /** The element type of the checkpoint's weights: its half type (BF16 or F16) when any tensor has one, else F32. */
    public DType storedDtype() {
        for (String name : store.names()) {
            DType d;
            try {
                d = store.dtype(name);
            } catch (ModelLoadException unreadable) {
                continue;  // a buffer of another type (e.g. GPT-2's attn.bias mask), which adapters skip too
            }
            if (d != DType.F32) {
                return d;
            }
        }
        return DType.F32;
    }

    public String description() {
        return description;
    }
}
