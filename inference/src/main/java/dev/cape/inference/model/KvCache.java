package dev.cape.inference.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Keys and values of the positions already run, per layer {@code [batch, kvHeads, length, headDim]} (keys after RoPE),
 * so that a forward over new tokens attends to them without recomputing. Made by {@link LanguageModel#newCache(int)};
 * owns native memory until closed. A forward that fails leaves the cache as it was.
 */
public final class KvCache implements AutoCloseable {

    private final NDManager manager;
    private final int batch;
    private final NDArray[] keys;
    private final NDArray[] values;
    private int length;

    KvCache(NDManager parent, int layers, int batch) {
        if (batch <= 0) {
            throw new IllegalArgumentException("batch must be > 0: " + batch);
        }
        this.manager = parent.newSubManager();
        this.batch = batch;
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

    NDArray key(int layer) {
        return keys[layer];
    }

    NDArray value(int layer) {
        return values[layer];
    }

    /** Replaces every layer's keys and values by the given (cached plus new) ones. */
    void commit(NDArray[] newKeys, NDArray[] newValues, int newLength) {
        for (int l = 0; l < keys.length; l++) {
            newKeys[l].attach(manager);
            newValues[l].attach(manager);
            if (keys[l] != null) {
                keys[l].close();
                values[l].close();
            }
            keys[l] = newKeys[l];
            values[l] = newValues[l];
        }
        length = newLength;
    }

    @Override
    public void close() {
        manager.close();
    }
}
