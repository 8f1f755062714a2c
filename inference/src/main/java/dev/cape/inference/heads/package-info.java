/**
 * The attention-head inspector: each head's contribution to the residual stream ({@code attn.hook_result}, last
 * token) projected onto the truth direction and onto a reasoning direction of its layer, in σ units, with permutation
 * and random-direction nulls, family-wise correction over heads, and mean-ablation of candidate competing heads
 * ({@link dev.cape.inference.heads.HeadCensus}).
 */
package dev.cape.inference.heads;
