package dev.cape.inference.model;

/** Progress of a long inference routine: {@code done} of {@code total} units of {@code task}. */
@FunctionalInterface
public interface Progress {

    /** Ignores progress. */
    Progress NONE = (task, done, total) -> { };

    void progress(String task, long done, long total);
}
