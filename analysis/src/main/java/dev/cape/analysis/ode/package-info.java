/**
 * Scaling dynamics of reasoning R and truthfulness T along x = log10 N (method §7): composite scores per model,
 * finite-difference derivative samples within families, sparse identification of a polynomial vector field
 * (SINDy with sequentially thresholded ridge least squares), integration of the fitted field with an adaptive
 * Dormand–Prince 8(5,3) integrator for held-out families and leave-one-family-out tables, the eigenstructure of the
 * fitted field (Jacobians, fixed points, interaction class) and a PCA of the standardised benchmark matrix. Every
 * routine is an immutable options object ({@code withDefaults()} plus withers) and every result carries the settings
 * it was computed with; conditions such as a trajectory leaving [0,1]² or a singular library are reported as
 * statuses and messages, never as NaN.
 */
package dev.cape.analysis.ode;
