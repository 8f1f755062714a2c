/**
 * Frontier diagnostics (method §8): the table of frontier chat/reasoning models (one row per model with a reasoning
 * and a truthfulness score, bundled or user-supplied) and the correlation between the two across models — Pearson and
 * Spearman with a permutation p-value (exact enumeration when n! ≤ B, otherwise seeded, parallel and deterministic
 * Monte Carlo), a bootstrap percentile interval over models, the Fisher-z interval and t-test p of Pearson as
 * cross-checks, a per-lab summary, and the least-squares line drawn with them ({@link
 * dev.cape.analysis.frontier.FrontierLine}). Results carry the settings used (seed, B, method).
 */
package dev.cape.analysis.frontier;
