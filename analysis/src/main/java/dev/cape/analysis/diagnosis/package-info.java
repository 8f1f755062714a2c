/**
 * The phase diagnosis of a data set from public scores: composites, per-family coupling and N_c, pooled phase
 * correlations, mean N_c and width normalisation, with every setting recorded in the result.
 */
package dev.cape.analysis.diagnosis;
