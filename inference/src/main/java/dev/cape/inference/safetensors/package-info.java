/**
 * Our own reader of the safetensors checkpoint format: a strictly validated JSON header, then every tensor
 * memory-mapped on demand with long offsets, so files and shard sets of any size load without copying them into the
 * heap and malformed files fail with a {@link dev.cape.inference.model.ModelLoadException} instead of a JVM abort.
 */
package dev.cape.inference.safetensors;
