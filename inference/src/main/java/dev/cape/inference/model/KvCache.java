package dev.cape.inference.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Keys and values of the positions already run, per layer {@code [batch, kvHeads, length, headDim]} (keys after RoPE),
 * so that a forward over new tokens attends to them without recomputing. Made by {@link LanguageModel#newCache(int)};
 * owns native memory until closed.
 *
 * <p>Each layer's keys and values live in a preallocated native buffer {@code [batch, kvHeads, capacity, headDim]}:
 * a forward writes its new positions in place and attends to a view of the filled part, so a decoding step copies
 * only its own keys and values (the capacity doubles when full, an amortised O(1) copy per position). A forward that
 * fails leaves the cache as it was: it may have written past {@link #length()}, which stays unchanged.
 *
 * <p>A cache started by a batch of unequal lengths holds it left-padded (see
 * {@link LanguageModel#forward(int[][], KvCache, boolean)}): {@link #length()} counts the pad slots, and the cache
 * keeps each row's padding so that later forwards mask the pad keys and give each row's tokens their own positions.
 */
public final class KvCache implements AutoCloseable {

    /** Positions allocated at first use when the first forward is shorter. */
    static final int INITIAL_CAPACITY = 256;

    private final NDManager manager;
    private final int batch;
    private final int initialCapacity;  // positions allocated at first use when the first forward is shorter
    private final NDArray[] keys;    // per layer [b, KV, capacity, hd]
    private final NDArray[] values;  // per layer [b, KV, capacity, hd]
    private int length;
    private int[] padding;  // left padding per row of the forward that filled it, or null

    KvCache(NDManager parent, int layers, int batch) {
        this(parent, layers, batch, INITIAL_CAPACITY);
    }

    KvCache(NDManager parent, int layers, int batch, int initialCapacity) {
        if (batch <= 0) {
            throw new IllegalArgumentException("batch must be > 0: " + batch);
        }
        if (initialCapacity <= 0) {
            throw new IllegalArgumentException("initialCapacity must be > 0: " + initialCapacity);
        }
        this.manager = parent.newSubManager();
        this.batch = batch;
        this.initialCapacity = initialCapacity;
        this.keys = new NDArray[layers];
        this.values = new NDArray[layers];
    }

    /** Positions held (the absolute position of the next token). */
    public int length() {
        return length;
    }

    public int batch() {
        return batch;
    }

    /** Positions the buffers hold before they must grow (0 before the first forward). */
    int capacity() {
        return keys[0] == null ? 0 : (int) keys[0].getShape().get(2);
    }

    /**
     * Writes the new keys and values {@code [b, KV, t, hd]} of one layer at positions {@code length .. length+t-1}
     * and returns views {@code [b, KV, length+t, hd]} of all keys and values so far, owned by {@code scope}.
     */
    NDArray[] append(NDManager scope, int layer, NDArray k, NDArray v) {
        int end = length + (int) k.getShape().get(2);
        keys[layer] = ensureCapacity(keys[layer], k, end);
        values[layer] = ensureCapacity(values[layer], v, end);
        NDIndex slot = new NDIndex().addAllDim(2).addSliceDim(length, end);  // [:, :, length:end] (no string parsing)
        keys[layer].set(slot, k);
        values[layer].set(slot, v);
        NDIndex filled = new NDIndex().addAllDim(2).addSliceDim(0, end);  // [:, :, 0:end]
        return new NDArray[] {keys[layer].get(scope, filled), values[layer].get(scope, filled)};
    }

    private NDArray ensureCapacity(NDArray buffer, NDArray like, int needed) {
        long cap = buffer == null ? 0 : buffer.getShape().get(2);
        if (needed <= cap) {
            return buffer;
        }
        long newCap = Math.max(needed, cap == 0 ? initialCapacity : 2 * cap);
        Shape s = like.getShape();
        NDArray grown = manager.zeros(new Shape(s.get(0), s.get(1), newCap, s.get(3)), like.getDataType());
        if (buffer != null) {
            if (length > 0) {
                NDIndex held = new NDIndex(":, :, 0:" + length + ", :");
                try (NDArray old = buffer.get(held)) {
                    grown.set(held, old);
                }
            }
            buffer.close();
        }
        return grown;
    }

    /**
     * A new cache whose row i is a copy of this cache's row {@code rows[i]} (rows may repeat), to continue each held
     * prompt with several different continuations in one batch, with room for {@code room} more positions before it
     * grows. This cache must hold no padding; it is unchanged.
     */
    public KvCache select(int[] rows, int room) {
        if (padding != null) {
            throw new IllegalStateException("a cache of left-padded rows cannot be selected from");
        }
        if (rows.length == 0) {
            throw new IllegalArgumentException("select at least one row");
        }
        long[] index = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] < 0 || rows[i] >= batch) {
                throw new IllegalArgumentException("row " + rows[i] + " is outside [0, " + batch + ")");
            }
            index[i] = rows[i];
        }
        KvCache c = new KvCache(manager.getParentManager(), keys.length, rows.length, length + Math.max(1, room));
        try (NDManager scope = manager.newSubManager()) {
            NDArray which = scope.create(index);
            NDIndex held = new NDIndex().addAllDim(2).addSliceDim(0, length);  // [:, :, 0:length]
            for (int l = 0; l < keys.length && keys[l] != null && length > 0; l++) {
                c.keys[l] = c.copyOf(keys[l].get(scope, held).get(scope, new NDIndex("{}", which)), length);
                c.values[l] = c.copyOf(values[l].get(scope, held).get(scope, new NDIndex("{}", which)), length);
            }
        }
        c.length = length;
        return c;
    }

    /** A buffer of this cache holding {@code filled} ({@code [b, KV, length, hd]}) at positions 0..length-1. */
    private NDArray copyOf(NDArray filled, int length) {
        NDArray buffer = ensureCapacity(null, filled, length);
        buffer.set(new NDIndex().addAllDim(2).addSliceDim(0, length), filled);
        return buffer;
    }

    /** Left padding per row (pad slots at the start of the cache), or null when no row is padded. */
    int[] padding() {
        return padding;
    }

    /** Makes the positions written by a successful forward part of the cache, with its rows' left padding. */
    void advance(int newLength, int[] rowPadding) {
        length = newLength;
        padding = rowPadding;
    }

    @Override
    public void close() {
        manager.close();
    }
}
