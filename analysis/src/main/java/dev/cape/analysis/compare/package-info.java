/**
 * Matched-scale comparisons of two families (method §6): the coupling c_f(x) of each family at the same scale x
 * (interpolated on its coupling curve) with bootstrap percentile intervals over each family's models, their
 * difference, and the "equivalent scale" at which family B's coupling first reaches family A's coupling at N_A.
 */
package dev.cape.analysis.compare;
