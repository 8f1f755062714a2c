/**
 * Resampling: seeded random streams, bootstrap intervals and stratified permutation tests, deterministic for a
 * seed whatever the number of threads.
 */
package dev.cape.analysis.resampling;
