/** Adapter for phi-2 ({@code model_type} phi): parallel attention and MLP on one LayerNorm, partial rotary, biases. */
package dev.cape.inference.model.phi;
