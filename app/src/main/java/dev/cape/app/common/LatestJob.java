package dev.cape.app.common;

import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The one background job of a view model whose newest request replaces the last (a family chosen, a comparison
 * asked for): starting a job cancels the one running; {@link #runningProperty()} and {@link #errorProperty()} follow
 * the newest, and a cancelled job's result never arrives.
 */
public final class LatestJob {

    private final TaskRunner runner;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private TaskHandle current = TaskHandle.NONE;

    public LatestJob(TaskRunner runner) {
        this.runner = runner;
    }

    /** Cancels the running job and starts {@code job}; {@code onFailure} runs after the error is set. */
    public <T> void start(String title, BackgroundJob<T> job, Consumer<T> onSuccess, Runnable onFailure) {
        cancel();
        error.set("");
        running.set(true);
        current = runner.run(title, job, TaskCallbacks.of(v -> {
            running.set(false);
            onSuccess.accept(v);
        }, e -> {
            running.set(false);
            onFailure.run();
            error.set(e.getMessage() == null ? e.toString() : e.getMessage());
        }));
    }

    /** Cancels the running job, if any. */
    public void cancel() {
        current.cancel();
        current = TaskHandle.NONE;
        running.set(false);
    }

    /** Refuses a request without starting anything: cancels the running job and shows {@code message}. */
    public void refuse(String message) {
        cancel();
        error.set(message);
    }

    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
}
