package dev.cape.inference.hook;

import ai.djl.ndarray.NDArray;

/**
 * An edit hook: returns the activation to use in place of {@code activation} (same shape). It runs inside the forward
 * pass; arrays it creates belong to the forward's scope, so it must not keep them.
 */
@FunctionalInterface
public interface ActivationEdit {

    /**
     * @param activation the value at the hook point (see {@link HookPoints} for shapes)
     * @param context    where and when it fires
     * @return the replacement, same shape
     */
    NDArray apply(NDArray activation, HookContext context);
}
