/**
 * Adapters for Gemma and Gemma 2: embeddings scaled by sqrt(hidden), {@code (1 + w)} RMSNorm, GELU-tanh gated MLP;
 * Gemma 2 adds norms after attention and MLP, score and logit soft-capping and alternating sliding windows.
 */
package dev.cape.inference.model.gemma;
