/**
 * Text generation on a loaded model: KV-cached incremental decoding with greedy, temperature, top-k and top-p sampling
 * from a seed, stopping on EOS, a token budget or thread interruption, streaming each token to a listener.
 */
package dev.cape.inference.generate;
