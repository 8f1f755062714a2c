package dev.cape.inference.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts checkpoint weights into native tensors of the model's dtype with as few copies as possible:
 * <ul>
 * <li>F32 and F16 tensors used as stored in the model dtype, on the CPU: the tensor <em>is</em> a read-only memory
 *     mapping of the file (libtorch {@code from_blob}; DJL keeps the mapping alive as long as the array), prefaulted
 *     at load unless it is a table read by rows ({@link Access#ROWS}: learned positions, or an untied embedding that
 *     cannot be read from the file by rows, whose rows become resident as tokens use them). No copy and no fresh
 *     memory: the pages are the page cache's, so load costs about as much as reading
 *     the file, and the kernel can reclaim them under memory pressure. The weights are never written (the transformer
 *     keeps them private), and a file replaced by rename (as cape writes files) keeps the mapped old version; a file
 *     truncated in place while mapped would crash the process (SIGBUS), which {@code -Dcape.mmap=false} avoids at
 *     the cost of copying;</li>
 * <li>otherwise F32 and F16 tensors: one positional read from the file straight into the memory of an empty tensor
 *     of the stored type (no Java array, no zero-fill);</li>
 * <li>BF16 tensors (DJL 0.36 has no bfloat16 tensors, see {@link ModelDtype}): the 2-byte values are read into the
 *     upper half of an empty float32 tensor and widened in place ({@code bits << 16}, exact), front to back;</li>
 * <li>a different model dtype: libtorch converts ({@code toType}) from a temporary mapping of the stored tensor,
 *     unmapped at once (without mapping: from the uploaded tensor, freed at once), so a load holds at most one
 *     extra tensor;</li>
 * <li>weights transformed in Java (transposed, sliced, permuted): from their float array.</li>
 * </ul>
 * Two weights of the CPU are not mapped: the unembedding, copied transposed from positional reads
 * ({@link #uploadTransposed}), and an untied embedding, left in the file and read by rows per forward
 * ({@link #embeddingRows}).
 * On a GPU the bytes go through a direct buffer that DJL copies to the device.
 */
final class WeightUploader {

    /** The smallest magnitude that rounds to infinity in float16 (65504 + half an ulp of 32). */
    private static final float HALF_OVERFLOW = 65520f;
    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    /** {@code -Dcape.mmap=false} copies weights into process memory instead of mapping the checkpoint. */
    static final boolean MAP_WEIGHTS = !"false".equalsIgnoreCase(System.getProperty("cape.mmap"));
    /** Rows copied per step of {@link #uploadTransposed}: a block of about 1 MiB stays in cache while transposed. */
    private static final long TRANSPOSE_BLOCK_BYTES = 1 << 20;

    private final NDManager manager;
    private final boolean gpu;
    /** Mappings under the model's weight tensors, unmapped by {@link #unmapAll()} once those tensors are closed. */
    private final List<ByteBuffer> mappings = new ArrayList<>();

    WeightUploader(NDManager manager) {
        this.manager = manager;
        this.gpu = manager.getDevice().isGpu();
    }

    /** How the forward pass reads a weight. */
    enum Access {
        /** Every value, every forward (matrices, norms): a mapping is prefaulted at load. */
        WHOLE,
        /**
         * Rows picked by token or position (learned positions; an untied embedding where it is not read from the
         * file by rows): a mapping is not prefaulted, so only the pages of rows used become resident, each with the
         * kernel's 64 KiB fault-around.
         */
        ROWS
    }

    /** {@link #upload(Weight, DataType, Shape, Access)} of a weight read whole. */
    NDArray upload(Weight weight, DataType target, Shape shape) {
        return upload(weight, target, shape, Access.WHOLE);
    }

    /**
     * The weight as a tensor of {@code target} type ({@link DataType#FLOAT32} or {@link DataType#FLOAT16}).
     *
     * @throws ModelLoadException when narrowing to float16 overflows (a value beyond ±65504)
     */
    NDArray upload(Weight weight, DataType target, Shape shape, Access access) {
        NDArray mapped = mapped(weight, target, shape, access);
        if (mapped != null) {
            return mapped;
        }
        ByteBuffer source = convertibleMapping(weight, target, shape);
        if (source != null) {
            // another dtype: libtorch converts straight from the file's pages, then the mapping goes at once
            try (NDArray stored = manager.create(source, shape, dataType(weight.stored().dtype()))) {
                return converted(stored, target, weight);
            } finally {
                Unmapper.unmap(source);
            }
        }
        NDArray a = uploadStoredOrValues(weight, shape);
        if (a.getDataType() == target) {
            return a;
        }
        try (NDArray original = a) {
            return converted(original, target, weight);
        }
    }

    /**
     * The matrix {@code [rows, cols]} as a contiguous tensor {@code [cols, rows]} of {@code target} type: the layout in
     * which libtorch multiplies one row by it several times faster on the CPU (see docs/benchmarks.md, "Unembedding
     * layout"). The stored matrix is read once, by blocks of rows: from the file with positional reads where it is
     * stored as it is used (none of it becomes resident), else uploaded first, a mapping under it not prefaulted and
     * unmapped when the copy is done.
     */
    NDArray uploadTransposed(Weight weight, DataType target, Shape shape) {
        long rows = shape.get(0);
        long cols = shape.get(1);
        TensorStore.Location inFile = asStored(weight, target);
        if (inFile != null && inFile.bytes() == shape.size() * target.getNumOfBytes()) {
            return transposedFromFile(inFile, target, rows, cols);
        }
        int mappedBefore = mappings.size();
        NDArray stored = upload(weight, target, shape, Access.ROWS);
        ByteBuffer ownMapping = mappings.size() > mappedBefore ? mappings.remove(mappings.size() - 1) : null;
        try (stored) {
            return transposed(target, rows, cols, (r0, r1) -> stored.get(new NDIndex().addSliceDim(r0, r1)));
        } finally {
            if (ownMapping != null) {
                Unmapper.unmap(ownMapping);  // after the stored tensor over it is closed
            }
        }
    }

    /** Rows {@code [r0, r1)} of the stored matrix as a tensor the caller closes. */
    private interface RowBlock {
        NDArray rows(long r0, long r1) throws IOException;
    }

    /** A new {@code [cols, rows]} tensor filled block by block with the transposes of {@code source}'s rows. */
    private NDArray transposed(DataType type, long rows, long cols, RowBlock source) {
        NDArray t = manager.create(new Shape(cols, rows), type);
        long block = Math.max(16, TRANSPOSE_BLOCK_BYTES / (cols * type.getNumOfBytes()));
        try {
            for (long r0 = 0; r0 < rows; r0 += block) {
                long r1 = Math.min(rows, r0 + block);
                try (NDArray part = source.rows(r0, r1); NDArray partT = part.transpose()) {
                    t.set(new NDIndex().addAllDim().addSliceDim(r0, r1), partT);
                }
            }
            return t;
        } catch (IOException e) {
            t.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            t.close();
            throw e;
        }
    }

    /**
     * {@link #uploadTransposed} of a tensor stored in the file as it is used: blocks of rows are read with positional
     * reads into one reused buffer and copied transposed into the new tensor, so none of the stored matrix becomes
     * resident in the process (mapped, its pages would be, until unmapped).
     */
    private NDArray transposedFromFile(TensorStore.Location stored, DataType type, long rows, long cols) {
        long rowBytes = cols * type.getNumOfBytes();
        long block = Math.max(16, TRANSPOSE_BLOCK_BYTES / rowBytes);
        ByteBuffer buffer = ByteBuffer.allocateDirect(Math.toIntExact(block * rowBytes)).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel channel = FileChannel.open(stored.file(), StandardOpenOption.READ)) {
            return transposed(type, rows, cols, (r0, r1) -> {
                buffer.clear().limit(Math.toIntExact((r1 - r0) * rowBytes));
                PositionalReads.readFully(channel, buffer, stored.offset() + r0 * rowBytes);
                return manager.create(buffer.flip().slice().order(ByteOrder.LITTLE_ENDIAN), new Shape(r1 - r0, cols),
                        type);  // over the buffer, reused for the next block once this one is closed
            });
        } catch (IOException | UncheckedIOException e) {
            Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            throw new ModelLoadException("cannot read " + stored.file() + " at byte " + stored.offset() + ": "
                    + cause, cause);
        }
    }

    /**
     * An untied embedding to be read from the file by rows ({@link EmbeddingRows}) instead of held, when it is stored
     * as it is used in {@code target} type and this is the CPU; else null.
     */
    EmbeddingRows embeddingRows(Weight weight, DataType target, Shape shape) {
        TensorStore.Location stored = asStored(weight, target);
        return stored == null ? null : EmbeddingRows.open(stored, shape.get(0), shape.get(1), target, manager);
    }

    /** Where a weight lies in its file when it is used as stored, in {@code target} type, on the CPU; else null. */
    private TensorStore.Location asStored(Weight weight, DataType target) {
        Weight.Stored stored = weight.stored();
        if (gpu || stored == null || !LITTLE_ENDIAN || stored.dtype() == DType.BF16
                || dataType(stored.dtype()) != target) {
            return null;
        }
        return stored.store().locate(stored.name());
    }

    /**
     * {@code a} in {@code target} type (a new array). Narrowing float32 to float16 first checks the range with two
     * reductions (no temporary of the tensor's size).
     */
    private static NDArray converted(NDArray a, DataType target, Weight weight) {
        if (target == DataType.FLOAT16 && a.getDataType() == DataType.FLOAT32) {
            try (NDArray max = a.max(); NDArray min = a.min()) {
                if (max.getFloat() >= HALF_OVERFLOW || min.getFloat() <= -HALF_OVERFLOW) {
                    throw new ModelLoadException("weight '" + weight.source() + "' has values beyond float16's range"
                            + " (±65504); load this model with --dtype float32");
                }
            }
        }
        return a.toType(target, false);
    }

    /** A mapping of an F32 or F16 tensor used as stored, to convert to {@code target}; null where there is none. */
    private ByteBuffer convertibleMapping(Weight weight, DataType target, Shape shape) {
        Weight.Stored stored = weight.stored();
        if (!MAP_WEIGHTS || gpu || stored == null || !LITTLE_ENDIAN || stored.dtype() == DType.BF16
                || dataType(stored.dtype()) == target) {
            return null;
        }
        ByteBuffer map = stored.store().map(stored.name());
        if (map != null && map.capacity() != shape.size() * stored.dtype().bytes()) {
            Unmapper.unmap(map);
            return null;
        }
        return map;
    }

    private static DataType dataType(DType stored) {
        return stored == DType.F16 ? DataType.FLOAT16 : DataType.FLOAT32;
    }

    /** The weight as a tensor over a mapping of the file, where it is stored in {@code target} type; else null. */
    private NDArray mapped(Weight weight, DataType target, Shape shape, Access access) {
        Weight.Stored stored = weight.stored();
        if (!MAP_WEIGHTS || gpu || stored == null || !LITTLE_ENDIAN || stored.dtype() == DType.BF16
                || (stored.dtype() == DType.F32) != (target == DataType.FLOAT32)) {
            return null;
        }
        ByteBuffer map = stored.store().map(stored.name());
        if (map == null) {
            return null;
        }
        if (map.capacity() != shape.size() * target.getNumOfBytes()) {
            Unmapper.unmap(map);
            return null;
        }
        if (access == Access.WHOLE && map instanceof MappedByteBuffer m) {
            m.load();  // prefault now, so that load time, not the first forward, pays for the page-table entries
        }
        mappings.add(map);
        return manager.create(map, shape, target);
    }

    /**
     * Unmaps every mapping at once (they are otherwise unmapped only when the garbage collector finds them, and until
     * then their pages count as resident; a second model loaded meanwhile would count them twice). Call only after
     * the tensors over them are closed: any later access would crash the process. Where the JDK offers no way to
     * unmap ({@code sun.misc.Unsafe#invokeCleaner}), the mappings are left to the garbage collector.
     */
    void unmapAll() {
        for (ByteBuffer b : mappings) {
            Unmapper.unmap(b);
        }
        mappings.clear();
    }

    /** {@code sun.misc.Unsafe.invokeCleaner}, looked up once (module jdk.unsupported; absent on some JDKs). */
    private static final class Unmapper {

        private static final Object UNSAFE;
        private static final java.lang.reflect.Method INVOKE_CLEANER;

        static {
            Object unsafe = null;
            java.lang.reflect.Method invoke = null;
            try {
                Class<?> c = Class.forName("sun.misc.Unsafe");
                java.lang.reflect.Field f = c.getDeclaredField("theUnsafe");
                f.setAccessible(true);
                unsafe = f.get(null);
                invoke = c.getMethod("invokeCleaner", ByteBuffer.class);
            } catch (ReflectiveOperationException | RuntimeException e) {
                unsafe = null;
                invoke = null;
            }
            UNSAFE = unsafe;
            INVOKE_CLEANER = invoke;
        }

        private Unmapper() {
        }

        static void unmap(ByteBuffer mapping) {
            if (INVOKE_CLEANER == null) {
                return;
            }
            try {
                INVOKE_CLEANER.invoke(UNSAFE, mapping);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // not unmapped now; the garbage collector will
            }
        }
    }

    private NDArray uploadStoredOrValues(Weight weight, Shape shape) {
        Weight.Stored stored = weight.stored();
        if (stored == null || !LITTLE_ENDIAN) {
            return manager.create(weight.values().get(), shape);
        }
        return switch (stored.dtype()) {
            case F32 -> read(stored, DataType.FLOAT32, shape, weight);
            case F16 -> read(stored, DataType.FLOAT16, shape, weight);
            case BF16 -> widenBf16(stored, shape, weight);
        };
    }

    /** The stored bytes, read straight into a tensor of their own type. */
    private NDArray read(Weight.Stored stored, DataType type, Shape shape, Weight weight) {
        long bytes = shape.size() * type.getNumOfBytes();
        if (bytes > Integer.MAX_VALUE) {
            return manager.create(weight.values().get(), shape);
        }
        NDArray a = emptyWithView(type, shape, bytes);
        if (a != null) {
            stored.store().read(stored.name(), a.toByteBuffer(true));
            return a;
        }
        ByteBuffer buf = ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
        stored.store().read(stored.name(), buf);
        buf.flip();
        return manager.create(buf, shape, type);
    }

    /**
     * BF16 → float32 in the tensor's own memory: the n stored values fill bytes {@code [2n, 4n)}, then float i is
     * written to bytes {@code [4i, 4i + 4)} after reading its source at {@code 2n + 2i}; a write never reaches a
     * source not yet read ({@code 4i + 3 < 2n + 2(i + 1)} for every {@code i < n}).
     */
    private NDArray widenBf16(Weight.Stored stored, Shape shape, Weight weight) {
        long n = shape.size();
        long bytes = 4 * n;
        NDArray a = bytes > Integer.MAX_VALUE ? null : emptyWithView(DataType.FLOAT32, shape, bytes);
        if (a == null) {
            return manager.create(weight.values().get(), shape);
        }
        ByteBuffer mem = a.toByteBuffer(true).order(ByteOrder.LITTLE_ENDIAN);
        int half = (int) (2 * n);
        mem.position(half);
        stored.store().read(stored.name(), mem);
        for (int i = 0; i < n; i++) {
            mem.putInt(4 * i, (mem.getShort(half + 2 * i) & 0xFFFF) << 16);
        }
        return a;
    }

    /** An empty CPU tensor whose memory is reachable through a direct view of {@code bytes}; null on a GPU. */
    private NDArray emptyWithView(DataType type, Shape shape, long bytes) {
        if (gpu) {
            return null;
        }
        NDArray a = manager.create(shape, type);
        ByteBuffer view = a.toByteBuffer(true);
        if (view.isDirect() && view.capacity() == bytes) {
            return a;
        }
        a.close();
        return null;
    }
}
