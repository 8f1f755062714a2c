package dev.cape.app.model;

import dev.cape.analysis.resampling.ProgressListener;
import dev.cape.inference.model.LanguageModel;

/**
 * Work on the loaded language model, run off the UI thread by {@link ModelViewModel#run}; it stops with an exception
 * when its thread is interrupted.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface ModelJob<T> {

    T call(LanguageModel model, ProgressListener progress) throws Exception;
}
