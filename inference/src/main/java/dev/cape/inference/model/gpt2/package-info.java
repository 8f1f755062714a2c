/** Adapter for GPT-2: Conv1D weights stored {@code [in, out]}, learned positions, LayerNorm, GELU-tanh MLP. */
package dev.cape.inference.model.gpt2;
