/**
 * Labelled data and evaluation for truth directions and steering: true/false statement sets (CSV, generated from
 * shipped fact tables), TruthfulQA (CSV and {@code mc_task.json}), seeded splits by item, answer scoring by summed
 * log-probabilities (TruthfulQA MC1/MC2, " True"/" False" completion) and the steering evaluation (accuracy without
 * and with steering, corrected and broken shares, KL on neutral text).
 */
package dev.cape.inference.eval;
