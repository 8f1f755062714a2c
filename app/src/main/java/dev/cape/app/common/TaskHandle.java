package dev.cape.app.common;

/** A job submitted to a {@link TaskRunner}: it can be cancelled (its thread is interrupted). */
public interface TaskHandle {

    /** A handle of nothing: cancelling it does nothing. */
    TaskHandle NONE = () -> { };

    /** Cancels the job; its callbacks are not called afterwards. */
    void cancel();
}
