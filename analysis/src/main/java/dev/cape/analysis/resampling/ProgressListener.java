package dev.cape.analysis.resampling;

/** Receives progress of a long routine; called from worker threads, so implementations must be thread-safe. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (task, done, total) -> { };

    /**
     * @param task  short name of the step ("permutation test", "family bootstrap", ...)
     * @param done  units finished so far
     * @param total units in the step
     */
    void progress(String task, long done, long total);
}
