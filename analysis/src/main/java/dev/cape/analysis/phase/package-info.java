/**
 * Phases of models (tax, transition, cooperative) and the pooled within-phase correlation of reasoning and
 * truthfulness across families (spec §2, §4), with the per-model z-scores it pools ({@link
 * dev.cape.analysis.phase.PooledZScores}).
 */
package dev.cape.analysis.phase;
