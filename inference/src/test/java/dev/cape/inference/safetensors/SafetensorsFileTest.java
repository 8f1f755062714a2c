package dev.cape.inference.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.inference.model.DType;
import dev.cape.inference.model.ModelLoadException;
import dev.cape.inference.model.TensorData;
import dev.cape.inference.model.Widening;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Strict header validation and exact reading of {@link SafetensorsFile}; every bad file is written by the test. */
class SafetensorsFileTest {

    @TempDir
    Path dir;

    /** Writes 8-byte LE header length, the header, then {@code data}. */
    private Path write(String name, String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        Path p = dir.resolve(name);
        Files.write(p, b.array());
        return p;
    }

    private static byte[] floatsLe(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }

    private static String messageOf(Path p) {
        return assertThrows(ModelLoadException.class, () -> SafetensorsFile.open(p).close()).getMessage();
    }

    @Test
    void fileShorterThanTheLengthFieldIsRefused() throws IOException {
        Path p = dir.resolve("short.safetensors");
        Files.write(p, new byte[] {1, 2, 3});
        String m = messageOf(p);
        assertTrue(m.contains("short.safetensors") && m.contains("fewer than the 8-byte"), m);
    }

    @Test
    void headerLengthPastTheEndOfTheFileIsRefused() throws IOException {
        Path p = dir.resolve("past.safetensors");
        ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putLong(1000);
        Files.write(p, b.array());
        String m = messageOf(p);
        assertTrue(m.contains("past.safetensors") && m.contains("header length 1000 runs past the end"), m);
    }

    @Test
    void headerLengthOfTwoToTheFortyIsRefusedWithoutAllocatingIt() throws IOException {
        Path p = dir.resolve("huge.safetensors");
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40);
        Files.write(p, b.array());
        String m = messageOf(p);  // an attempt to allocate 1 TiB would throw OutOfMemoryError instead
        assertTrue(m.contains("header length " + (1L << 40) + " runs past the end"), m);
    }

    @Test
    void malformedJsonIsRefused() throws IOException {
        String m = messageOf(write("bad.safetensors", "{\"a\": {\"dtype\": ", new byte[0]));
        assertTrue(m.contains("bad.safetensors") && m.contains("not valid JSON"), m);
    }

    @Test
    void headerThatIsNotAnObjectIsRefused() throws IOException {
        String m = messageOf(write("arr.safetensors", "[1, 2]", new byte[0]));
        assertTrue(m.contains("not a JSON object"), m);
    }

    @Test
    void unknownDtypeIsRefusedNamingTheTensor() throws IOException {
        String m = messageOf(write("dt.safetensors",
                "{\"w\": {\"dtype\": \"F24\", \"shape\": [1], \"data_offsets\": [0, 3]}}", new byte[3]));
        assertTrue(m.contains("tensor 'w'") && m.contains("unknown dtype 'F24'"), m);
    }

    @Test
    void shapeAndDtypeSizeMismatchIsRefused() throws IOException {
        String m = messageOf(write("size.safetensors",
                "{\"w\": {\"dtype\": \"F32\", \"shape\": [2, 3], \"data_offsets\": [0, 20]}}", new byte[20]));
        assertTrue(m.contains("tensor 'w'") && m.contains("24 bytes") && m.contains("span 20 bytes"), m);
    }

    @Test
    void overlappingOffsetsAreRefused() throws IOException {
        String m = messageOf(write("overlap.safetensors", "{\"a\": {\"dtype\": \"F32\", \"shape\": [2], "
                + "\"data_offsets\": [0, 8]}, \"b\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [4, 12]}}",
                new byte[12]));
        assertTrue(m.contains("overlaps"), m);
    }

    @Test
    void offsetsOutOfRangeAreRefused() throws IOException {
        String m = messageOf(write("range.safetensors",
                "{\"w\": {\"dtype\": \"F32\", \"shape\": [4], \"data_offsets\": [100, 116]}}", new byte[16]));
        assertTrue(m.contains("tensor 'w'") && m.contains("runs past the end of the data"), m);
    }

    @Test
    void truncatedDataIsRefused() throws IOException {
        Path full = write("trunc.safetensors",
                "{\"w\": {\"dtype\": \"F32\", \"shape\": [4], \"data_offsets\": [0, 16]}}", floatsLe(1, 2, 3, 4));
        byte[] bytes = Files.readAllBytes(full);
        Files.write(full, java.util.Arrays.copyOf(bytes, bytes.length - 5));
        String m = messageOf(full);
        assertTrue(m.contains("truncated"), m);
    }

    @Test
    void beginAfterEndIsRefused() throws IOException {
        String m = messageOf(write("order.safetensors",
                "{\"w\": {\"dtype\": \"F32\", \"shape\": [0], \"data_offsets\": [8, 4]}}", new byte[8]));
        assertTrue(m.contains("begin > end"), m);
    }

    @Test
    void missingOrNegativeFieldsAreRefused() throws IOException {
        String noShape = messageOf(write("noshape.safetensors",
                "{\"w\": {\"dtype\": \"F32\", \"data_offsets\": [0, 4]}}", new byte[4]));
        assertTrue(noShape.contains("no array field 'shape'"), noShape);
        String negative = messageOf(write("neg.safetensors",
                "{\"w\": {\"dtype\": \"F32\", \"shape\": [-1], \"data_offsets\": [0, 4]}}", new byte[4]));
        assertTrue(negative.contains("negative"), negative);
    }

    @Test
    void unsupportedDtypeIsListedButRefusedOnRead() throws IOException {
        try (SafetensorsFile f = SafetensorsFile.open(write("i64.safetensors",
                "{\"ids\": {\"dtype\": \"I64\", \"shape\": [1], \"data_offsets\": [0, 8]}}", new byte[8]))) {
            assertEquals(Set.of("ids"), f.names());
            String m = assertThrows(ModelLoadException.class, () -> f.get("ids")).getMessage();
            assertTrue(m.contains("I64") && m.contains("supported: F32, F16, BF16"), m);
            String missing = assertThrows(ModelLoadException.class, () -> f.get("nope")).getMessage();
            assertTrue(missing.contains("no tensor 'nope'"), missing);
        }
    }

    @Test
    void readsF32F16AndBf16Exactly() throws IOException {
        ByteBuffer data = ByteBuffer.allocate(16 + 4 + 4).order(ByteOrder.LITTLE_ENDIAN);
        data.putFloat(1.5f).putFloat(-2f).putFloat(0.1f).putFloat(3e-8f);
        // F16: 1.0 = 0x3C00, -0.5 = 0xB800 (IEEE binary16 bit patterns)
        data.putShort((short) 0x3C00).putShort((short) 0xB800);
        // BF16: upper halves of the float32 bits of 1.5 (0x3FC0) and -2 (0xC000)
        data.putShort((short) 0x3FC0).putShort((short) 0xC000);
        String header = "{\"__metadata__\": {\"format\": \"pt\"},"
                + "\"a\": {\"dtype\": \"F32\", \"shape\": [2, 2], \"data_offsets\": [0, 16]},"
                + "\"h\": {\"dtype\": \"F16\", \"shape\": [2], \"data_offsets\": [16, 20]},"
                + "\"b\": {\"dtype\": \"BF16\", \"shape\": [2], \"data_offsets\": [20, 24]}}";
        try (SafetensorsFile f = SafetensorsFile.open(write("ok.safetensors", header, data.array()))) {
            assertEquals("pt", f.metadata().get("format"));
            TensorData a = f.get("a");
            assertEquals(DType.F32, a.dtype());
            assertArrayEquals(new long[] {2, 2}, a.shape());
            assertArrayEquals(new float[] {1.5f, -2f, 0.1f, 3e-8f}, Widening.toFloats(a));
            assertArrayEquals(new float[] {1f, -0.5f}, Widening.toFloats(f.get("h")));
            assertArrayEquals(new float[] {1.5f, -2f}, Widening.toFloats(f.get("b")));
        }
    }

    @Test
    void f16SubnormalsInfinityAndNanWidenExactly() {
        assertEquals(0x1p-24f, Widening.f16ToFloat((short) 0x0001));
        assertEquals(65504f, Widening.f16ToFloat((short) 0x7BFF));
        assertEquals(Float.NEGATIVE_INFINITY, Widening.f16ToFloat((short) 0xFC00));
        assertTrue(Float.isNaN(Widening.f16ToFloat((short) 0x7E00)));
        assertEquals(-0f, Widening.f16ToFloat((short) 0x8000));
    }

    @Test
    void tensorBeyondTwoGibibytesIsMappedWithLongOffsets() throws IOException {
        long offset = 3L << 30;  // 3 GiB into the data: a sparse file, no disk space used for the gap
        String header = "{\"far\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [" + offset + ", "
                + (offset + 8) + "]}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        Path p = dir.resolve("sparse.safetensors");
        try (RandomAccessFile raf = new RandomAccessFile(p.toFile(), "rw")) {
            ByteBuffer lead = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length);
            raf.write(lead.array());
            raf.write(h);
            raf.seek(8 + h.length + offset);
            raf.write(floatsLe(7.25f, -1f));
        }
        try (SafetensorsFile f = SafetensorsFile.open(p)) {
            assertArrayEquals(new float[] {7.25f, -1f}, Widening.toFloats(f.get("far")));
        }
    }
}
