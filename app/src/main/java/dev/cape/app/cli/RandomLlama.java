package dev.cape.app.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * A random-weight llama-architecture model written as a Hugging Face folder ({@code config.json} +
 * {@code model.safetensors}, F32) for benchmarks. Linear and embedding weights are uniform with standard deviation
 * 0.02 (HF's {@code initializer_range}) from a seeded generator, norm weights are 1. The data is streamed to disk in
 * 1 MiB chunks, so writing it does not raise the process's memory.
 *
 * @param name      size label
 * @param dModel    hidden size
 * @param layers    blocks
 * @param heads     query heads
 * @param kvHeads   key/value heads (GQA when fewer than {@code heads})
 * @param dMlp      SwiGLU intermediate size
 * @param vocab     vocabulary size
 * @param positions max_position_embeddings
 */
record RandomLlama(String name, int dModel, int layers, int heads, int kvHeads, int dMlp, int vocab, int positions) {

    /** Sizes by label: {@code 125m} is 124.7M parameters (untied classifier, GQA 12/4). */
    static RandomLlama of(String label) {
        return switch (label.toLowerCase(Locale.ROOT)) {
            case "125m" -> new RandomLlama("125m", 768, 12, 12, 4, 2048, 32000, 2048);
            case "tiny" -> new RandomLlama("tiny", 64, 2, 4, 2, 128, 512, 512);
            default -> throw new IllegalArgumentException("--random-llama must be 125m or tiny: " + label);
        };
    }

    /** Tensor names and shapes in HF llama layout, in file order. */
    Map<String, long[]> tensors() {
        int hd = dModel / heads;
        Map<String, long[]> t = new LinkedHashMap<>();
        t.put("model.embed_tokens.weight", new long[] {vocab, dModel});
        for (int l = 0; l < layers; l++) {
            String p = "model.layers." + l + ".";
            t.put(p + "input_layernorm.weight", new long[] {dModel});
            t.put(p + "self_attn.q_proj.weight", new long[] {(long) heads * hd, dModel});
            t.put(p + "self_attn.k_proj.weight", new long[] {(long) kvHeads * hd, dModel});
            t.put(p + "self_attn.v_proj.weight", new long[] {(long) kvHeads * hd, dModel});
            t.put(p + "self_attn.o_proj.weight", new long[] {dModel, (long) heads * hd});
            t.put(p + "post_attention_layernorm.weight", new long[] {dModel});
            t.put(p + "mlp.gate_proj.weight", new long[] {dMlp, dModel});
            t.put(p + "mlp.up_proj.weight", new long[] {dMlp, dModel});
            t.put(p + "mlp.down_proj.weight", new long[] {dModel, dMlp});
        }
        t.put("model.norm.weight", new long[] {dModel});
        t.put("lm_head.weight", new long[] {vocab, dModel});
        return t;
    }

    long parameters() {
        long n = 0;
        for (long[] shape : tensors().values()) {
            n += count(shape);
        }
        return n;
    }

    private static long count(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    JsonObject config() {
        JsonObject c = new JsonObject();
        c.addProperty("model_type", "llama");
        c.addProperty("hidden_size", dModel);
        c.addProperty("intermediate_size", dMlp);
        c.addProperty("num_hidden_layers", layers);
        c.addProperty("num_attention_heads", heads);
        c.addProperty("num_key_value_heads", kvHeads);
        c.addProperty("vocab_size", vocab);
        c.addProperty("max_position_embeddings", positions);
        c.addProperty("hidden_act", "silu");
        c.addProperty("rms_norm_eps", 1e-5);
        c.addProperty("rope_theta", 10000.0);
        c.addProperty("tie_word_embeddings", false);
        c.addProperty("bos_token_id", 1);
        c.addProperty("eos_token_id", 2);
        c.addProperty("torch_dtype", "float32");
        return c;
    }

    /** Writes config.json and model.safetensors into {@code folder} (created if needed); returns the folder. */
    Path write(Path folder, long seed) {
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("config.json"),
                    new GsonBuilder().setPrettyPrinting().create().toJson(config()));
            Map<String, long[]> tensors = tensors();
            JsonObject header = new JsonObject();
            long offset = 0;
            for (Map.Entry<String, long[]> e : tensors.entrySet()) {
                JsonObject entry = new JsonObject();
                entry.addProperty("dtype", "F32");
                com.google.gson.JsonArray shape = new com.google.gson.JsonArray();
                for (long d : e.getValue()) {
                    shape.add(d);
                }
                entry.add("shape", shape);
                long bytes = count(e.getValue()) * Float.BYTES;
                com.google.gson.JsonArray offsets = new com.google.gson.JsonArray();
                offsets.add(offset);
                offsets.add(offset + bytes);
                entry.add("data_offsets", offsets);
                header.add(e.getKey(), entry);
                offset += bytes;
            }
            StringBuilder json = new StringBuilder(header.toString());
            while (json.length() % 8 != 0) {
                json.append(' ');  // the format pads the header with spaces to an 8-byte boundary
            }
            byte[] headerBytes = json.toString().getBytes(StandardCharsets.US_ASCII);
            SplittableRandom random = new SplittableRandom(seed);
            float halfWidth = (float) (0.02 * Math.sqrt(3));  // uniform on [-a, a] has sd a/√3
            try (FileChannel ch = FileChannel.open(folder.resolve("model.safetensors"), StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
                buf.putLong(headerBytes.length).put(headerBytes);
                for (Map.Entry<String, long[]> e : tensors.entrySet()) {
                    boolean norm = e.getKey().endsWith("norm.weight");
                    for (long i = count(e.getValue()); i > 0; i--) {
                        if (buf.remaining() < Float.BYTES) {
                            drain(ch, buf);
                        }
                        buf.putFloat(norm ? 1f : (float) ((random.nextDouble() * 2 - 1) * halfWidth));
                    }
                }
                drain(ch, buf);
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the random model to " + folder + ": " + e.getMessage(), e);
        }
    }

    private static void drain(FileChannel ch, ByteBuffer buf) throws IOException {
        buf.flip();
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
        buf.clear();
    }

    /** Deletes a folder written by {@link #write} (its files, then itself). */
    static void delete(Path folder) {
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> s = Files.list(folder)) {
            s.forEach(paths::add);
        } catch (IOException e) {
            return;
        }
        paths.add(folder);
        for (Path p : paths) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temp folder left behind is harmless; the next run writes a new one
            }
        }
    }
}
