package dev.cape.app.common;

import dev.cape.analysis.resampling.ProgressListener;

/**
 * A unit of long work run by a {@link TaskRunner}: computes a value, reports progress, and stops with
 * {@link java.util.concurrent.CancellationException} when its thread is interrupted.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface BackgroundJob<T> {

    T call(ProgressListener progress) throws Exception;
}
