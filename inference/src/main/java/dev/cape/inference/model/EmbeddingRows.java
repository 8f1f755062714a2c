package dev.cape.inference.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * An untied token embedding read from its checkpoint file row by row, per forward: only the rows a batch uses are
 * read, with positional reads, straight into the forward's own tensor. None of the table stays in the process: mapped,
 * every page a token touches would stay resident, and the kernel maps 64 KiB around each (fault-around), about 50 MiB
 * after a few hundred distinct tokens of the 125m llama; the page cache keeps a warm file just as fast to read.
 * CPU only: the rows are written through a direct view of a tensor's memory. Holds one read-only channel until closed.
 */
final class EmbeddingRows implements AutoCloseable {

    private final TensorStore.Location location;
    private final FileChannel channel;
    private final long vocab;
    private final long width;
    private final DataType type;
    private final int rowBytes;

    private EmbeddingRows(TensorStore.Location location, FileChannel channel, long vocab, long width, DataType type) {
        this.location = location;
        this.channel = channel;
        this.vocab = vocab;
        this.width = width;
        this.type = type;
        this.rowBytes = Math.toIntExact(width * type.getNumOfBytes());
    }

    /**
     * Rows of a {@code [vocab, width]} table of {@code type} stored at {@code location}; null when it cannot be read so
     * (the location holds another size, or the manager's tensors have no direct view: a GPU).
     */
    static EmbeddingRows open(TensorStore.Location location, long vocab, long width, DataType type,
            NDManager manager) {
        if (location == null || location.bytes() != vocab * width * type.getNumOfBytes() || !directViews(manager, type)) {
            return null;
        }
        try {
            return new EmbeddingRows(location, FileChannel.open(location.file(), StandardOpenOption.READ), vocab, width,
                    type);
        } catch (IOException e) {
            throw new ModelLoadException("cannot open " + location.file() + " to read embedding rows: " + FileErrors.reason(e), e);
        }
    }

    private static boolean directViews(NDManager manager, DataType type) {
        if (manager.getDevice().isGpu()) {
            return false;
        }
        try (NDArray probe = manager.create(new Shape(1, 1), type)) {
            ByteBuffer view = probe.toByteBuffer(true);
            return view.isDirect() && view.capacity() == type.getNumOfBytes();
        }
    }

    /** The rows of {@code ids} as a new tensor {@code [n, width]} owned by {@code scope}. */
    NDArray rows(NDManager scope, long[] ids) {
        NDArray out = scope.create(new Shape(ids.length, width), type);
        ByteBuffer memory = out.toByteBuffer(true);  // a view: the reads land in the tensor
        for (int i = 0; i < ids.length; i++) {
            long id = ids[i];
            if (id < 0 || id >= vocab) {
                throw new IllegalArgumentException("token id " + id + " outside the vocabulary of " + vocab);
            }
            ByteBuffer row = memory.duplicate();
            row.limit((i + 1) * rowBytes).position(i * rowBytes);
            long at = location.offset() + id * rowBytes;
            try {
                PositionalReads.readFully(channel, row, at);
            } catch (IOException e) {
                throw new ModelLoadException(location.file() + ": cannot read the embedding row of token " + id
                        + " at byte " + at + " (" + e.getMessage() + "); was the file changed after the model was"
                        + " loaded?", e);
            }
        }
        return out;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // a read-only channel: nothing is lost
        }
    }
}
