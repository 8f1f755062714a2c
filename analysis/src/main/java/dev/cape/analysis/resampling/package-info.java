/**
 * Resampling and across-family estimation (method §3–§4): seeded, thread-count-independent random streams
 * ({@link dev.cape.analysis.resampling.RandomStreams}), progress reporting, and the routines that resample families
 * or models — among them the family bootstrap of N_c, which also gives the pointwise percentile band of the coupling
 * curve ({@link dev.cape.analysis.resampling.FamilyBootstrap}, {@link dev.cape.analysis.resampling.CouplingBand}), and
 * the mean critical scale over families with its bootstrap intervals and the censored-normal
 * (Tobit) fit of log10 N_c ({@link dev.cape.analysis.resampling.MeanCriticalScale},
 * {@link dev.cape.analysis.resampling.CensoredNormalFit}). Every randomised routine takes its streams explicitly,
 * splits its work into fixed chunks, and returns results that carry the settings used.
 */
package dev.cape.analysis.resampling;
