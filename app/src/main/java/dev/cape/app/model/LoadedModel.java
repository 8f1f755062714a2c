package dev.cape.app.model;

import dev.cape.inference.eval.ModelFiles;
import dev.cape.inference.model.LanguageModel;
import dev.cape.inference.model.ModelDtype;
import dev.cape.inference.model.ModelSpec;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one language model the workbench holds, loaded from a path on a device, and the lock a job holds while it uses
 * it: jobs never overlap, and the model is never closed under a running forward pass.
 */
final class LoadedModel {

    static final String NONE = "no model loaded";

    private final ReentrantLock lock = new ReentrantLock();
    // guarded by lock
    private LanguageModel model;
    private Path path;
    private String device;
    private ModelDtype dtype;
    /** One line about the model, readable from any thread without the lock. */
    private volatile String description = NONE;
    /** Its layers and heads per layer; 0 while none is loaded. */
    private volatile int layers;
    private volatile int heads;

    /** Work done while holding the model. */
    interface Use<T> {
        T apply(LanguageModel model) throws Exception;
    }

    /**
     * Runs {@code use} on the model of {@code file} on {@code dev} in {@code type}, loading it first when another one
     * (or the same one on another device or in another dtype) is held.
     */
    <T> T with(Path file, String dev, ModelDtype type, Use<T> use) throws Exception {
        lock.lockInterruptibly();
        try {
            return use.apply(loaded(file, dev, type));
        } finally {
            lock.unlock();
        }
    }

    /** Closes the model unless a job still holds it (then it stays open; the window is closing). */
    void closeIfFree() {
        if (!lock.tryLock()) {
            return;
        }
        try {
            release();
        } finally {
            lock.unlock();
        }
    }

    String description() {
        return description;
    }

    int layers() {
        return layers;
    }

    int heads() {
        return heads;
    }

    private LanguageModel loaded(Path file, String dev, ModelDtype type) {
        if (model != null && file.equals(path) && dev.equals(device)
                && (type == dtype || model.dtype() == resolved(type, dev))) {
            return model;   // auto and float32 are the same model on the CPU: no reload for switching between them
        }
        release();   // before loading the next one: two large models may not fit side by side
        model = ModelFiles.load(file, dev, type);
        path = file;
        device = dev;
        dtype = type;
        description = describe(model, file);
        layers = model.spec().nLayers();
        heads = model.spec().nHeads();
        return model;
    }

    /** {@code type} as it resolves on {@code dev}; null when it cannot (the load will say why). */
    private static ModelDtype resolved(ModelDtype type, String dev) {
        try {
            return type.resolve(!dev.strip().equalsIgnoreCase("cpu"), null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void release() {
        if (model != null) {
            model.close();
            model = null;
            path = null;
            description = NONE;
            layers = 0;
            heads = 0;
        }
    }

    /** One line about a loaded model: name, architecture, size, device and dtype. */
    static String describe(LanguageModel lm, Path file) {
        ModelSpec s = lm.spec();
        return String.format(Locale.ROOT, "%s · %s · %d layers × %d heads · d_model %d · %s parameters · %s %s",
                ModelFiles.id(file), s.modelType(), s.nLayers(), s.nHeads(), s.dModel(),
                parameters(lm.parameterCount()), lm.device(), lm.dtype());
    }

    static String parameters(long n) {
        return n >= 1e9 ? String.format(Locale.ROOT, "%.2f B", n / 1e9)
                : n >= 1e6 ? String.format(Locale.ROOT, "%.1f M", n / 1e6)
                : String.format(Locale.ROOT, "%,d", n);
    }
}
