/**
 * Coupling curves: the kernel-weighted correlation of reasoning and truthfulness along log scale within a family
 * (spec §2), and the critical scale N_c where it first turns positive (spec §3).
 */
package dev.cape.analysis.coupling;
