package dev.cape.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The reference fixtures in {@code ../shared/fixtures/tiny-models} (system property {@code cape.shared.dir}): tiny HF
 * model folders with the outputs HF transformers gives for them ({@code expected.json}, see the folder's README).
 */
public final class Fixtures {

    private Fixtures() {
    }

    /** The tiny-models folder; skips the calling test (with the reason) when the shared folder is absent. */
    public static Path tinyModels() {
        String shared = System.getProperty("cape.shared.dir", "../shared");
        Path dir = Path.of(shared).resolve("fixtures/tiny-models");
        Assumptions.assumeTrue(Files.isDirectory(dir),
                "reference fixtures absent: " + dir.toAbsolutePath() + " (../shared is not checked out beside the repo)");
        return dir;
    }

    /** A fixture folder by name. */
    public static Path model(String name) {
        return tinyModels().resolve(name);
    }

    /**
     * A copy in {@code dir} of the fixture {@code name} whose float32 tensor {@code tensor} holds NaN in its first
     * element (a checkpoint with a damaged weight).
     */
    public static Path withNaN(Path dir, String name, String tensor) {
        Path copy = dir.resolve(name + "-nan");
        try {
            Files.createDirectories(copy);
            try (Stream<Path> files = Files.list(model(name))) {
                for (Path f : files.toList()) {
                    Files.copy(f, copy.resolve(f.getFileName()));
                }
            }
            Path weights = copy.resolve("model.safetensors");
            long offset;
            try (var f = dev.cape.inference.safetensors.SafetensorsFile.open(weights)) {
                offset = f.locate(tensor).offset();
            }
            try (var raf = new java.io.RandomAccessFile(weights.toFile(), "rw")) {
                raf.seek(offset);
                raf.write(new byte[] {0, 0, (byte) 0xc0, 0x7f});   // float32 NaN, little-endian
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Names of every fixture folder, sorted. */
    public static List<String> names() {
        try (Stream<Path> s = Files.list(tinyModels())) {
            return s.filter(p -> Files.isRegularFile(p.resolve("expected.json")))
                    .map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonObject expected(Path folder) {
        try {
            return JsonParser.parseString(Files.readString(folder.resolve("expected.json"))).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses numbers as float32, as the README asks. */
    public static float[] floats(JsonElement array) {
        JsonArray a = array.getAsJsonArray();
        float[] out = new float[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Float.parseFloat(a.get(i).getAsString());
        }
        return out;
    }

    public static int[] ints(JsonElement array) {
        JsonArray a = array.getAsJsonArray();
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsInt();
        }
        return out;
    }

    /** Largest absolute difference; the arrays must have equal lengths. */
    public static double maxAbsDiff(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, "length");
        double max = 0;
        for (int i = 0; i < expected.length; i++) {
            max = Math.max(max, Math.abs((double) expected[i] - actual[i]));
        }
        return max;
    }

    public static void assertClose(float[] expected, float[] actual, double tolerance, String what) {
        double diff = maxAbsDiff(expected, actual);
        assertTrue(diff <= tolerance, what + ": max |diff| " + diff + " > " + tolerance);
    }

    /** A consistent llama2.c v0 checkpoint: dim 4, hidden 4, 1 layer, 2 heads, 2 kv heads, vocab 3, seq 2, zeros. */
    public static byte[] tinyLlama2c() {
        // tok_emb, rms_att, wq/wk/wv/wo, rms_ffn, w1/w2/w3, rms_final, freq_cis
        int floats = 3 * 4 + 4 + 4 * 4 * 4 + 4 + 3 * 4 * 4 + 4 + 2 * 2;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(28 + floats * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(4).putInt(4).putInt(1).putInt(2).putInt(2).putInt(3).putInt(2);
        return b.array();
    }
}
