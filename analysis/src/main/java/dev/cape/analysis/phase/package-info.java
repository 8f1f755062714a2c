/**
 * Phases of models (tax, transition, cooperative) and the pooled within-phase correlation of reasoning and
 * truthfulness across families (spec §2, §4).
 */
package dev.cape.analysis.phase;
