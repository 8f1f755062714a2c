package dev.cape.app.common;

/**
 * Runs long work for the view models. The FX implementation ({@link FxTaskRunner}) runs each job on a background
 * thread inside a {@code javafx.concurrent.Task} and calls back on the FX thread; {@link SameThreadTaskRunner} runs
 * it at once on the calling thread, so view models are tested without a UI thread.
 */
public interface TaskRunner {

    /**
     * Starts a job.
     *
     * @param title     what the job does, shown in the status bar
     * @param job       the work
     * @param callbacks called on the UI thread
     * @return a handle to cancel the job
     */
    <T> TaskHandle run(String title, BackgroundJob<T> job, TaskCallbacks<T> callbacks);
}
