package dev.cape.inference.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The token embedding and the unembedding of a {@link Transformer}: ids to rows, and the final residual to logits.
 *
 * <p>On the CPU the unembedding (the tied embedding or {@code lm_head}) is a contiguous transposed copy {@code [dE, V]}
 * made at load, because libtorch multiplies a few rows by it several times faster than by a transposed view of the
 * stored {@code [V, dE]}, and those rows are multiplied by its column blocks side by side, one block per intra-op thread
 * (docs/benchmarks.md, "Unembedding layout"). A tied embedding is then read from the copy's columns; an untied one is
 * read from the checkpoint by rows ({@link EmbeddingRows}) where it can be, else from a table not prefaulted. On a GPU
 * both are views of the stored matrices.
 */
final class TokenEmbeddings implements AutoCloseable {

    static final String UNEMBED_BLOCKS_PROPERTY = "cape.unembedBlocks";
    /** {@code -Dcape.unembedCopy=false}: keep the stored unembedding (faster load, slower decoding on the CPU). */
    static final String UNEMBED_COPY_PROPERTY = "cape.unembedCopy";
    /** Rows up to which {@link #unembed} multiplies column blocks side by side. */
    private static final long BLOCKED_MAX_ROWS = 8;

    private final ModelSpec s;
    private final DataType dtype;
    /** The unembedding is a contiguous copy (CPU), not a view of the stored matrix. */
    private final boolean transposed;
    private final int blockCount;
    private final NDArray table;       // [V, dE], or null: a tied table read from unembedT, or rows read from the file
    private final NDArray unembedT;    // [dE, V]
    private final NDArray blocks;      // [k, dE, V/k] view of unembedT, or null
    private final NDArray rest;        // [dE, V mod k] view of unembedT, or null
    private final NDArray bias;        // [V] float32, or null
    private final EmbeddingRows rows;  // an untied table read from the file, or null
    private long parameters;
    private long bytes;

    /** Uploads both matrices; an untied embedding read from the file comes last, as it holds the file open. */
    TokenEmbeddings(ModelSpec spec, CanonicalWeights weights, WeightUploader uploader, DataType dtype, boolean cpu) {
        this.s = spec;
        this.dtype = dtype;
        this.transposed = cpu && !"false".equalsIgnoreCase(System.getProperty(UNEMBED_COPY_PROPERTY));
        Shape stored = new Shape(s.vocabSize(), s.dEmbed());
        String unembedName = s.tiedEmbeddings() ? "embed" : "unembed.weight";
        Weight unembed = weights.require(unembedName, stored.getShape());
        if (transposed) {
            this.unembedT = count(uploader.uploadTransposed(unembed, dtype, stored));  // [dE, V], contiguous
        } else {
            this.unembedT = count(uploader.upload(unembed, dtype, stored, WeightUploader.Access.WHOLE)).transpose();
        }
        this.bias = s.unembedBias() ? count(uploader.upload(weights.require("unembed.bias", s.vocabSize()),
                DataType.FLOAT32, new Shape(s.vocabSize()))) : null;  // added to float32 logits
        this.blockCount = cpu ? blockCount(s.vocabSize()) : 1;  // a copy or a view: both gain
        long cols = s.vocabSize() / blockCount;
        long split = cols * blockCount;
        NDArray head = split == s.vocabSize() ? unembedT : unembedT.get(columns(0, split));
        this.blocks = blockCount > 1 ? head.reshape(s.dEmbed(), blockCount, cols).transpose(1, 0, 2) : null;
        this.rest = blockCount > 1 && split < s.vocabSize() ? unembedT.get(columns(split, s.vocabSize())) : null;
        if (s.tiedEmbeddings()) {
            this.rows = null;
            this.table = transposed ? null : unembedT.transpose();  // the stored [V, dE] again (a view)
        } else {
            Weight embed = weights.require("embed", stored.getShape());
            this.rows = uploader.embeddingRows(embed, dtype, stored);
            if (rows == null) {
                this.table = count(uploader.upload(embed, dtype, stored, WeightUploader.Access.ROWS));
            } else {
                this.table = null;
                parameters += stored.size();
                bytes += stored.size() * dtype.getNumOfBytes();
            }
        }
    }

    /**
     * Column blocks: {@code -Dcape.unembedBlocks=N} (1: one product), else libtorch's intra-op threads; at most the
     * vocabulary.
     */
    private static int blockCount(int vocab) {
        int blocks = Integer.getInteger(UNEMBED_BLOCKS_PROPERTY, JniUtils.getNumThreads());
        return Math.max(1, Math.min(blocks, vocab));
    }

    private static NDIndex columns(long from, long to) {
        return new NDIndex().addAllDim().addSliceDim(from, to);
    }

    private NDArray count(NDArray a) {
        parameters += a.size();
        bytes += a.size() * a.getDataType().getNumOfBytes();
        return a;
    }

    /** Rows of the token embedding for ids {@code [n]}: {@code [n, dE]}. */
    NDArray embed(NDManager scope, long[] ids) {
        if (rows != null) {
            return rows.rows(scope, ids);
        }
        NDArray idx = scope.create(ids);
        if (table == null) {
            return unembedT.get(scope, new NDIndex(":, {}", idx)).transpose();  // columns of [dE, V]
        }
        return table.get(scope, new NDIndex("{}", idx));
    }

    /**
     * Logits in float32, {@code x · Eᵀ} (+ bias): {@code [b, n, dE]} → {@code [b, n, V]}. For a few rows (decoding) the
     * product is a chain of vector-times-matrix products, which libtorch runs on one thread; split into column blocks
     * multiplied as a batch, it runs on all of them (one stories15M row at 2 threads: 4.7 ms by a view of the stored
     * matrix, 2.1 ms by the contiguous copy, 0.66 ms by the copy in 2 blocks). Many rows are a matrix product that
     * libtorch already parallelises.
     */
    NDArray unembed(NDArray x) {
        long b = x.getShape().get(0);
        long n = x.getShape().get(1);
        NDArray y;
        if (blocks == null || b * n > BLOCKED_MAX_ROWS) {
            y = x.matMul(unembedT);  // [b, n, V]
        } else {
            y = x.reshape(b * n, s.dEmbed()).matMul(blocks)  // [k, b·n, V/k]
                    .transpose(1, 0, 2).reshape(b, n, blocks.getShape().get(0) * blocks.getShape().get(2));
            if (rest != null) {
                y = y.concat(x.matMul(rest), -1);  // [b, n, V]
            }
        }
        if (y.getDataType() != DataType.FLOAT32) {
            y = y.toType(DataType.FLOAT32, false);
        }
        return bias == null ? y : y.addi(bias);
    }

    /** How the unembedding is held and multiplied, for benchmarks and logs. */
    String layout() {
        String held = transposed ? "contiguous [" + s.dEmbed() + ", " + s.vocabSize() + "] copy"
                : "view of the stored [" + s.vocabSize() + ", " + s.dEmbed() + "] matrix";
        return held + (blockCount > 1 ? ", " + blockCount + " column blocks for up to " + BLOCKED_MAX_ROWS + " rows"
                : ", one product");
    }

    /** Weight values held or read (the tied matrix once). */
    long parameters() {
        return parameters;
    }

    /** Their bytes in their dtypes (an embedding read from the file by rows included). */
    long bytes() {
        return bytes;
    }

    /** Closes the file of an embedding read by rows; the tensors go with the model's manager. */
    @Override
    public void close() {
        if (rows != null) {
            rows.close();
        }
    }
}
