/** Loaded models: checkpoint access ({@link dev.cape.inference.model.TensorStore}), model specs, the unified transformer. */
package dev.cape.inference.model;
