package dev.cape.app.model;

import dev.cape.app.common.TaskCallbacks;
import dev.cape.app.common.TaskHandle;
import dev.cape.app.common.TaskRunner;
import dev.cape.inference.eval.ModelFiles;
import dev.cape.inference.model.LanguageModel;
import dev.cape.inference.model.ModelSpec;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The model folder (or llama2.c {@code model.bin}) and device the user picked, the model loaded from them, and the one
 * job at a time that runs on it. A job loads the model first when the path or device changed since the last load.
 * Jobs hold a lock while they use the model, so a job started after a cancel waits until the cancelled one has let go
 * of it (libtorch work is not interrupted mid-call), and the model is never closed under a running forward pass.
 */
public final class ModelViewModel implements AutoCloseable {

    private final TaskRunner runner;
    private final StringProperty path = new SimpleStringProperty("");
    private final StringProperty device = new SimpleStringProperty("cpu");
    private final ReadOnlyStringWrapper description = new ReadOnlyStringWrapper("no model loaded");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReentrantLock lock = new ReentrantLock();
    private TaskHandle handle = TaskHandle.NONE;
    // guarded by lock
    private LanguageModel model;
    private Path loadedPath;
    private String loadedDevice;

    private record Done<T>(T value, String description) {
    }

    public ModelViewModel(TaskRunner runner) {
        this.runner = runner;
    }

    /** Loads the model now (a job that does nothing else). */
    public void load() {
        run("Loading model", (m, p) -> null, v -> { }, e -> { });
    }

    /**
     * Runs a job on the model, loading it first if needed. Refused (through {@code onFailure}) while another job
     * runs or when no model is chosen. Callbacks come on the UI thread; a cancelled job calls neither.
     */
    public <T> void run(String title, ModelJob<T> job, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        if (running.get()) {
            onFailure.accept(new IllegalStateException("the model is busy: " + status.get()));
            return;
        }
        String p = path.get() == null ? "" : path.get().strip();
        if (p.isEmpty()) {
            error.set("choose a model folder or model.bin first");
            onFailure.accept(new IllegalArgumentException(error.get()));
            return;
        }
        Path file = Path.of(p);
        String dev = device.get();
        running.set(true);
        progress.set(-1);
        status.set(title);
        error.set("");
        handle = runner.run(title, listener -> {
            lock.lockInterruptibly();
            try {
                LanguageModel lm = loaded(file, dev);
                return new Done<>(job.call(lm, listener), describe(lm, file));
            } finally {
                lock.unlock();
            }
        }, new TaskCallbacks<Done<T>>(d -> {
            finish(d.description(), "");
            status.set(title + ": done");
            onSuccess.accept(d.value());
        }, e -> {
            finish(currentDescription(), message(e));
            status.set(title + ": failed");
            onFailure.accept(e);
        }, pr -> {
            progress.set(pr.fraction());
            status.set(pr.message());
        }));
    }

    /** Cancels the running job; the model stays loaded. */
    public void cancel() {
        if (running.get()) {
            handle.cancel();
            running.set(false);
            progress.set(0);
            status.set("Cancelled");
        }
    }

    /**
     * Cancels the running job and closes the model. Never waits: if a cancelled job is still inside a libtorch call,
     * the model stays open (the window is closing and the worker threads are daemons).
     */
    @Override
    public void close() {
        cancel();
        if (!lock.tryLock()) {
            return;
        }
        try {
            if (model != null) {
                model.close();
                model = null;
                loadedPath = null;
            }
        } finally {
            lock.unlock();
        }
        description.set("no model loaded");
    }

    private LanguageModel loaded(Path file, String dev) {
        if (model != null && file.equals(loadedPath) && dev.equals(loadedDevice)) {
            return model;
        }
        if (model != null) {
            model.close();   // before loading the next one: two large models may not fit side by side
            model = null;
            loadedPath = null;
        }
        model = ModelFiles.load(file, dev);
        loadedPath = file;
        loadedDevice = dev;
        return model;
    }

    private String currentDescription() {
        lock.lock();
        try {
            return model == null ? "no model loaded" : describe(model, loadedPath);
        } finally {
            lock.unlock();
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

    private void finish(String desc, String err) {
        running.set(false);
        progress.set(0);
        description.set(desc);
        error.set(err);
    }

    /** The first message along the cause chain (a job's exception may wrap the one that names the file). */
    public static String message(Throwable e) {
        Throwable t = e;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    public StringProperty pathProperty() { return path; }
    public StringProperty deviceProperty() { return device; }
    public ReadOnlyStringProperty descriptionProperty() { return description.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
}
