package dev.cape.inference.model;

import java.util.Set;

/**
 * Read access to the tensors of a checkpoint (a safetensors file or shard set, a llama2.c {@code model.bin}, ...).
 * Closing it releases mappings; tensors obtained earlier must not be used after close.
 */
public interface TensorStore extends AutoCloseable {

    /** Every tensor name in the checkpoint. */
    Set<String> names();

    default boolean has(String name) {
        return names().contains(name);
    }

    /**
     * The tensor with this name.
     *
     * @throws ModelLoadException naming the checkpoint file and tensor when absent or unreadable
     */
    TensorData get(String name);

    @Override
    void close();
}
