/**
 * Karpathy's llama2.c formats: {@link dev.cape.inference.llama2c.Llama2cCheckpoint} reads a {@code model.bin}
 * (memory-mapped, validated) and presents it as a {@link dev.cape.inference.model.TensorStore} with Hugging Face llama
 * names and rotate-half RoPE rows plus the equivalent HF {@code config.json}, so the unified transformer runs it like
 * any HF llama; {@link dev.cape.inference.llama2c.Llama2cTokenizer} reads its {@code tokenizer.bin} and encodes and
 * decodes as llama2.c's {@code run.c}. The real model used in tests, stories15M, is fetched by
 * {@code scripts/fetch-stories15m.sh}.
 */
package dev.cape.inference.llama2c;
