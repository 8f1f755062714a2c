/**
 * The family diagnosis tab: one family of the session's data against the reference families — the phase and coupling
 * of each of its models, N_c with its bootstrap interval, the suggested interventions (width, data curation,
 * benchmark rotation) with the quantity and rule behind each, and the benchmark-rotation table; the same numbers as
 * {@code cape diagnose --family}.
 */
package dev.cape.app.family;
