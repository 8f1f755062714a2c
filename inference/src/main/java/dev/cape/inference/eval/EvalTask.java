package dev.cape.inference.eval;

import dev.cape.inference.model.LanguageModel;

/** Items scored right or wrong by the model as it is now (with whatever hooks are open). */
public interface EvalTask {

    /** Number of items. */
    int size();

    /** Whether the model answers each item correctly. */
    boolean[] correct(LanguageModel model);
}
