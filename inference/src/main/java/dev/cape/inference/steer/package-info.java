/**
 * Activation steering: {@link dev.cape.inference.steer.SteeringSession} adds α·σ·v̂ to the residual stream of one or
 * more layers through a hook session (closing it restores the model exactly), and
 * {@link dev.cape.inference.steer.SteeredGeneration} generates the unsteered and the steered continuation of a prompt.
 */
package dev.cape.inference.steer;
