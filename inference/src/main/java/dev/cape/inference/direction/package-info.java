/**
 * Truth directions: last-token residual activations at every layer ({@link dev.cape.inference.direction.ActivationCollector}),
 * directions per layer by mass-mean, an L2 logistic probe or PCA of paired differences
 * ({@link dev.cape.inference.direction.DirectionFitter}), layer choice by held-out accuracy of the projection
 * classifier ({@link dev.cape.inference.direction.DirectionFinder}), and the vector files: safetensors with
 * provenance ({@link dev.cape.inference.direction.DirectionFile}) and llama.cpp control-vector GGUF
 * ({@link dev.cape.inference.direction.GgufControlVector}).
 */
package dev.cape.inference.direction;
