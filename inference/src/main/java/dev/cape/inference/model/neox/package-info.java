/** Adapter for GPT-NeoX (Pythia): fused per-head q|k|v projection, partial rotary, parallel or sequential residual. */
package dev.cape.inference.model.neox;
