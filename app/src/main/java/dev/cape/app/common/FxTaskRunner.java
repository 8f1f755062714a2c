package dev.cape.app.common;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.concurrent.Task;

/**
 * Runs jobs in {@link Task}s on a pool of daemon worker threads: progress and message are coalesced by the task and
 * delivered on the FX thread; cancelling interrupts the worker, and a cancelled job's callbacks are never called.
 */
public final class FxTaskRunner implements TaskRunner {

    private final ExecutorService pool;

    public FxTaskRunner() {
        AtomicInteger count = new AtomicInteger();
        pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "cape-task-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public <T> TaskHandle run(String title, BackgroundJob<T> job, TaskCallbacks<T> callbacks) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                updateMessage(title);
                return job.call((step, done, total) -> {
                    updateMessage(title + ": " + step);
                    if (total > 0) {
                        updateProgress(done, total);
                    }
                });
            }
        };
        task.progressProperty().addListener((o, a, b) -> report(task, callbacks));
        task.messageProperty().addListener((o, a, b) -> report(task, callbacks));
        task.setOnSucceeded(e -> callbacks.onSuccess().accept(task.getValue()));
        task.setOnFailed(e -> callbacks.onFailure().accept(task.getException()));
        pool.execute(task);
        return () -> task.cancel(true);
    }

    private static <T> void report(Task<T> task, TaskCallbacks<T> callbacks) {
        if (!task.isCancelled()) {
            callbacks.onProgress().accept(new TaskCallbacks.Progress(task.getProgress(), task.getMessage()));
        }
    }

    /** Stops the workers (interrupting running jobs). */
    public void shutdown() {
        pool.shutdownNow();
    }
}
