package dev.cape.app.common;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a {@link TaskRunner} calls, always on the UI thread: progress (fraction in [0, 1] or −1 when unknown, and a
 * message), then exactly one of success or failure, unless the job was cancelled.
 *
 * @param onSuccess  receives the result
 * @param onFailure  receives what the job threw
 * @param onProgress receives progress updates
 * @param <T>        the result type
 */
public record TaskCallbacks<T>(Consumer<T> onSuccess, Consumer<Throwable> onFailure, Consumer<Progress> onProgress) {

    /** One progress update. */
    public record Progress(double fraction, String message) {
    }

    public TaskCallbacks {
        Objects.requireNonNull(onSuccess, "onSuccess");
        Objects.requireNonNull(onFailure, "onFailure");
        Objects.requireNonNull(onProgress, "onProgress");
    }

    public static <T> TaskCallbacks<T> of(Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        return new TaskCallbacks<>(onSuccess, onFailure, p -> { });
    }

    public TaskCallbacks<T> withProgress(Consumer<Progress> listener) {
        return new TaskCallbacks<>(onSuccess, onFailure, listener);
    }
}
