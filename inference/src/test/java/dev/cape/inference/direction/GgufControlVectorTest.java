package dev.cape.inference.direction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufControlVectorTest {

    @TempDir
    Path dir;

    @Test
    void blockZeroHasNoSlotAndIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> GgufControlVector.toBytes(Map.of(0, new float[] {1, 2}), "m"));
        DirectionFile.Stored s = DirectionFile.of(new DirectionReport(DirectionMethod.MASS_MEAN,
                DirectionFileTest.report().layers(), 0, 1, 1, 1), new DirectionFile.Provenance("m", "h", "d", "h", 0.5));
        assertThrows(IllegalArgumentException.class, () -> GgufControlVector.scaledVectors(s, false));
    }

    @Test
    void writtenFileParsesBackWithTensorsAndMetadata() throws Exception {
        DirectionFile.Stored stored = DirectionFile.of(DirectionFileTest.report(),
                new DirectionFile.Provenance("stories15M", "h", "d", "h", 0.5));
        Path f = dir.resolve("v.gguf");
        GgufControlVector.write(GgufControlVector.scaledVectors(stored, true), "stories15M", f);
        Gguf g = Gguf.parse(Files.readAllBytes(f));
        assertEquals(3, g.version);
        assertEquals("controlvector", g.metadata.get("general.architecture"));
        assertEquals("stories15M", g.metadata.get("controlvector.model_hint"));
        assertEquals(1, g.metadata.get("controlvector.layer_count"));
        assertEquals(java.util.Set.of("direction.1"), g.tensors.keySet(), "layer 0 has no llama.cpp slot");
        // direction.1 = sigma_1 · unit_1 = 2.5 · (0, 0, 1)
        assertArrayEquals(new float[] {0, 0, 2.5f}, g.tensors.get("direction.1"));
    }

    @Test
    void severalLayersAreAlignedAndInOrder() throws Exception {
        Map<Integer, float[]> v = new LinkedHashMap<>();
        v.put(3, new float[] {1, 2, 3, 4, 5});
        v.put(1, new float[] {-1, -2, -3, -4, -5});
        Gguf g = Gguf.parse(GgufControlVector.toBytes(v, "x"));
        assertEquals(2, g.metadata.get("controlvector.layer_count"));
        assertArrayEquals(v.get(1), g.tensors.get("direction.1"));
        assertArrayEquals(v.get(3), g.tensors.get("direction.3"));
    }

    /** A minimal GGUF v3 reader (the spec in ggml's docs/gguf.md), independent of the writer. */
    static final class Gguf {
        int version;
        final Map<String, Object> metadata = new LinkedHashMap<>();
        final Map<String, float[]> tensors = new LinkedHashMap<>();

        static Gguf parse(byte[] bytes) {
            ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            byte[] magic = new byte[4];
            b.get(magic);
            assertEquals("GGUF", new String(magic, StandardCharsets.US_ASCII));
            Gguf g = new Gguf();
            g.version = b.getInt();
            long nTensors = b.getLong();
            long nKv = b.getLong();
            for (long i = 0; i < nKv; i++) {
                String key = str(b);
                int type = b.getInt();
                Object value = switch (type) {
                    case 4, 5 -> b.getInt();
                    case 8 -> str(b);
                    default -> throw new AssertionError("unexpected metadata type " + type + " for " + key);
                };
                g.metadata.put(key, value);
            }
            record Info(String name, long n, int type, long offset) {
            }
            java.util.List<Info> infos = new java.util.ArrayList<>();
            for (long i = 0; i < nTensors; i++) {
                String name = str(b);
                int dims = b.getInt();
                long n = 1;
                for (int k = 0; k < dims; k++) {
                    n *= b.getLong();
                }
                infos.add(new Info(name, n, b.getInt(), b.getLong()));
            }
            int align = 32;
            int dataStart = (b.position() + align - 1) / align * align;
            for (Info info : infos) {
                assertEquals(0, info.type(), "F32");
                assertEquals(0, info.offset() % align, "tensor data aligned");
                float[] v = new float[(int) info.n()];
                ByteBuffer d = ByteBuffer.wrap(bytes, dataStart + (int) info.offset(), v.length * 4)
                        .order(ByteOrder.LITTLE_ENDIAN);
                d.asFloatBuffer().get(v);
                g.tensors.put(info.name(), v);
            }
            return g;
        }

        private static String str(ByteBuffer b) {
            byte[] s = new byte[(int) b.getLong()];
            b.get(s);
            return new String(s, StandardCharsets.UTF_8);
        }
    }
}
