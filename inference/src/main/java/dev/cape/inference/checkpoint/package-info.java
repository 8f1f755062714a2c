/**
 * Checks on checkpoint files that apply before any format reader runs: {@link
 * dev.cape.inference.checkpoint.PickleGuard} refuses PyTorch pickle and zip checkpoints (unpickling can execute
 * arbitrary code) and tells the user how to convert them to safetensors, while letting llama2.c {@code model.bin}
 * files through.
 */
package dev.cape.inference.checkpoint;
