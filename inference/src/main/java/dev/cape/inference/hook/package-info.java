/**
 * Hook points of the unified transformer: canonical names ({@link dev.cape.inference.hook.HookPoints} lists them with
 * their shapes), capture hooks that copy activations out to Java arrays, and edit hooks that replace or add to them,
 * all installed through an {@link dev.cape.inference.hook.HookSession} that removes them on close.
 */
package dev.cape.inference.hook;
