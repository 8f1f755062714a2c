package dev.cape.inference.model;

import java.nio.ByteBuffer;
import java.nio.file.Path;
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

    /** The shape of tensor {@code name}, without reading or mapping its data (stores with a header override this). */
    default long[] shape(String name) {
        return get(name).shape();
    }

    /** The element type of tensor {@code name}, without reading or mapping its data where the store can. */
    default DType dtype(String name) {
        return get(name).dtype();
    }

    /**
     * Copies the stored bytes of tensor {@code name} (little-endian, {@code elementCount × dtype bytes}) into
     * {@code dst} from its position, advancing it. Stores backed by files override this with a positional read, so
     * that loading does not map the file into the process (mapped pages count as resident memory until the mapping
     * is garbage-collected).
     *
     * @throws ModelLoadException as {@link #get}, or when the file cannot be read
     */
    default void read(String name, ByteBuffer dst) {
        dst.put(get(name).data().duplicate());
    }

    /**
     * The stored bytes of tensor {@code name} as a read-only memory mapping of the file (little-endian,
     * {@code elementCount × dtype bytes}), for a tensor that can be used as stored; null where the store cannot map
     * it (a tensor transformed on reading, a store not backed by a file, a tensor over 2 GiB). The mapping stays valid
     * after {@link #close()} until it is garbage-collected; writing to it, or truncating the file while it is mapped,
     * crashes the process.
     */
    default ByteBuffer map(String name) {
        return null;
    }

    /**
     * Where the stored bytes of tensor {@code name} lie in a file, for a tensor that can be used as stored (as
     * {@link #map}); null where there is no such place. Lets a reader open the file itself and read parts of the
     * tensor after this store is closed.
     */
    default Location locate(String name) {
        return null;
    }

    /** Bytes {@code [offset, offset + bytes)} of {@code file} hold a tensor, little-endian. */
    record Location(Path file, long offset, long bytes) {
    }

    @Override
    void close();
}
