package dev.cape.app.model;

import dev.cape.app.common.TaskCallbacks;
import dev.cape.app.common.TaskHandle;
import dev.cape.app.common.TaskRunner;
import dev.cape.inference.model.ModelDtype;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The model folder (or llama2.c {@code model.bin}), device and dtype the user picked, the model loaded from them, and
 * the one job at a time that runs on it. A job loads the model first when any of the three changed since the last
 * load.
 * Jobs hold the model ({@link LoadedModel}) while they use it, so a job started after a cancel waits until the
 * cancelled one has let go of it (libtorch work is not interrupted mid-call), and the model is never closed under a
 * running forward pass.
 */
public final class ModelViewModel implements AutoCloseable {

    private final TaskRunner runner;
    private final StringProperty path = new SimpleStringProperty("");
    private final StringProperty device = new SimpleStringProperty("cpu");
    private final StringProperty dtype = new SimpleStringProperty("auto");
    private final ReadOnlyStringWrapper description = new ReadOnlyStringWrapper(LoadedModel.NONE);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper layers = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyIntegerWrapper heads = new ReadOnlyIntegerWrapper(0);
    private final LoadedModel held = new LoadedModel();
    private TaskHandle handle = TaskHandle.NONE;

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
        ModelDtype type;
        try {
            type = ModelDtype.parse(dtype.get());
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            onFailure.accept(e);
            return;
        }
        running.set(true);
        progress.set(-1);
        status.set(title);
        error.set("");
        handle = runner.run(title, listener -> held.with(file, dev, type,
                lm -> new Done<>(job.call(lm, listener), held.description())), new TaskCallbacks<Done<T>>(d -> {
            finish(d.description(), "");
            status.set(title + ": done");
            onSuccess.accept(d.value());
        }, e -> {
            finish(held.description(), message(e));
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
        held.closeIfFree();
        description.set(held.description());
        layers.set(held.layers());
        heads.set(held.heads());
    }

    private void finish(String desc, String err) {
        running.set(false);
        progress.set(0);
        description.set(desc);
        error.set(err);
        layers.set(held.layers());
        heads.set(held.heads());
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
    public StringProperty dtypeProperty() { return dtype; }
    public ReadOnlyStringProperty descriptionProperty() { return description.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    /** Layers of the loaded model; 0 while none is loaded. */
    public ReadOnlyIntegerProperty layersProperty() { return layers.getReadOnlyProperty(); }
    /** Attention heads per layer of the loaded model; 0 while none is loaded. */
    public ReadOnlyIntegerProperty headsProperty() { return heads.getReadOnlyProperty(); }
}
