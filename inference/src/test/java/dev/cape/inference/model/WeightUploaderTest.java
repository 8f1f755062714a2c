package dev.cape.inference.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.cape.inference.safetensors.SafetensorsFile;
import dev.cape.inference.safetensors.SafetensorsWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How stored tensors reach native memory: stored bytes kept as they are where the type allows, exact widening else. */
class WeightUploaderTest {

    /** 1.0, -2.0, 0.5, 65504 (float16 max), 3.140625, 6.0e-8 (float16 subnormal), 0, -0.0 in IEEE binary16 bits. */
    private static final short[] F16 = {0x3C00, (short) 0xC000, 0x3800, 0x7BFF, 0x4248, 0x0001, 0x0000, (short) 0x8000};
    /** The same kind of values in bfloat16 bits: 1, -2, 0.5, 3.140625, 1e38-ish (0x7E96), 0, -0, 2^-126. */
    private static final short[] BF16 = {0x3F80, (short) 0xC000, 0x3F00, 0x4049, 0x7E96, 0x0000, (short) 0x8000,
        0x0080};

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = Engine.getEngine("PyTorch").newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void float16TensorsAreUploadedByteForByteWithoutWidening() {
        Weight w = reader(DType.F16, F16, 2, 4).tensor("w", 2, 4);
        NDArray a = new WeightUploader(manager).upload(w, DataType.FLOAT16, new Shape(2, 4));
        assertEquals(DataType.FLOAT16, a.getDataType());
        ByteBuffer native16 = a.toByteBuffer(true).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < F16.length; i++) {
            assertEquals(F16[i], native16.getShort(2 * i), "element " + i);
        }
    }

    @Test
    void bfloat16TensorsAreWidenedExactlyInPlaceToFloat32() {
        Weight w = reader(DType.BF16, BF16, 8).tensor("w", 8);
        NDArray a = new WeightUploader(manager).upload(w, DataType.FLOAT32, new Shape(8));
        float[] expected = new float[BF16.length];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = Float.intBitsToFloat((BF16[i] & 0xFFFF) << 16);
        }
        assertArrayEquals(expected, a.toFloatArray());
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(a.toFloatArray()[6]), "sign of -0");
    }

    @Test
    void float16TensorsWidenedToFloat32AreExact() {
        Weight w = reader(DType.F16, F16, 8).tensor("w", 8);
        float[] values = new WeightUploader(manager).upload(w, DataType.FLOAT32, new Shape(8)).toFloatArray();
        for (int i = 0; i < F16.length; i++) {
            assertEquals(Widening.f16ToFloat(F16[i]), values[i], "element " + i);
        }
    }

    @Test
    void narrowingAValueBeyondFloat16RangeIsRefusedNamingTheWeight() {
        Weight w = reader(DType.BF16, BF16, 8).tensor("w", 8);  // holds ≈ 1e38
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> new WeightUploader(manager).upload(w, DataType.FLOAT16, new Shape(8)));
        assertTrue(e.getMessage().contains("'w'") && e.getMessage().contains("--dtype float32"), e.getMessage());
    }

    @Test
    void float32TensorsNarrowedToFloat16RoundToNearest() {
        float[] v = {1f, 1f / 3, -1000.25f, 1e-3f};
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        Weight w = new CheckpointReader(new OneTensor(DType.F32, b.flip(), new long[] {4}), "test").tensor("w", 4);
        NDArray a = new WeightUploader(manager).upload(w, DataType.FLOAT16, new Shape(4));
        assertEquals(DataType.FLOAT16, a.getDataType());
        float[] back = a.toType(DataType.FLOAT32, false).toFloatArray();
        for (int i = 0; i < v.length; i++) {
            assertEquals(v[i], back[i], Math.abs(v[i]) * 0x1p-11, "element " + i + " within half an ulp");
        }
    }

    @Test
    void float32CheckpointNarrowedThroughItsMappingRoundsAndRefusesOverflow(@TempDir Path dir) {
        Path file = dir.resolve("w.safetensors");
        new SafetensorsWriter().add("ok", new long[] {3}, new float[] {1f, 1f / 3, -1000.25f})
                .add("big", new long[] {2}, new float[] {1f, 1e6f}).write(file);
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            assertTrue(st.map("ok") != null, "the safetensors file maps its tensors");
            CheckpointReader r = new CheckpointReader(st, file.toString());
            WeightUploader up = new WeightUploader(manager);
            NDArray ok = up.upload(r.tensor("ok", 3), DataType.FLOAT16, new Shape(3));
            assertEquals(DataType.FLOAT16, ok.getDataType());
            float[] back = ok.toType(DataType.FLOAT32, false).toFloatArray();
            assertEquals(1f / 3, back[1], 0x1p-13, "1/3 within half a float16 ulp");
            assertEquals(-1000.25f, back[2], 0.5f, "-1000.25 within half a float16 ulp (0.5 at 1000)");
            ModelLoadException e = assertThrows(ModelLoadException.class,
                    () -> up.upload(r.tensor("big", 2), DataType.FLOAT16, new Shape(2)));
            assertTrue(e.getMessage().contains("'big'"), e.getMessage());
        }
    }

    private static CheckpointReader reader(DType dtype, short[] bits, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(2 * bits.length).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : bits) {
            b.putShort(s);
        }
        return new CheckpointReader(new OneTensor(dtype, b.flip(), shape), "test");
    }

    /** A store holding one tensor {@code w}. */
    private record OneTensor(DType dtype, ByteBuffer bytes, long[] shape) implements TensorStore {

        @Override
        public Set<String> names() {
            return Set.of("w");
        }

        @Override
        public TensorData get(String name) {
            return new TensorData(name, dtype, shape.clone(), bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN));
        }

        @Override
        public void close() {
        }
    }
}
