package dev.cape.app.common;

import dev.cape.analysis.resampling.ProgressListener;

/** Runs every job at once on the calling thread (tests, and headless callers); progress is passed straight on. */
public final class SameThreadTaskRunner implements TaskRunner {

    private int started;

    /** Number of jobs run so far. */
    public int started() {
        return started;
    }

    @Override
    public <T> TaskHandle run(String title, BackgroundJob<T> job, TaskCallbacks<T> callbacks) {
        started++;
        ProgressListener progress = (task, done, total) -> callbacks.onProgress()
                .accept(new TaskCallbacks.Progress(total > 0 ? (double) done / total : -1, task));
        T value;
        try {
            value = job.call(progress);
        } catch (Exception e) {
            callbacks.onFailure().accept(e);
            return TaskHandle.NONE;
        }
        callbacks.onSuccess().accept(value);
        return TaskHandle.NONE;
    }
}
