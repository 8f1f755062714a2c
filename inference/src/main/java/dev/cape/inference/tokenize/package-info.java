/** Tokenizers behind one interface: Hugging Face tokenizer.json (DJL tokenizers) and llama2.c tokenizer.bin. */
package dev.cape.inference.tokenize;
