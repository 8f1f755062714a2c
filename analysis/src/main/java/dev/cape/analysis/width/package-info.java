/**
 * Width normalisation (method §5): removes the hidden width d from the reasoning–truthfulness relation within each
 * family, either by residualising R and T on log2 d by OLS with an intercept ({@link
 * dev.cape.analysis.width.PartialCorrelation}, whose pooled residual correlation is permuted within families by the
 * stratified permutation test) or by dividing the scores by log2 d ({@link dev.cape.analysis.width.RatioVariant}),
 * whose coupling curves {@link dev.cape.analysis.width.NormalisedCoupling} sets beside the raw ones.
 * Pure array mathematics: no I/O, no randomness.
 */
package dev.cape.analysis.width;
