/**
 * Adapters for the llama family (llama, mistral, qwen2, qwen3, phi3): RMSNorm, rotate-half RoPE, gated SiLU MLP,
 * separate or fused q/k/v projections.
 */
package dev.cape.inference.model.llama;
