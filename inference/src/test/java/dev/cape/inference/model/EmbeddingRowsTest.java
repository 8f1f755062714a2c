package dev.cape.inference.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows of an untied embedding read from its file: the right bytes, and clear errors when the file or an id is bad. */
class EmbeddingRowsTest {

    private static final int VOCAB = 5;
    private static final int WIDTH = 3;
    private static final long OFFSET = 24;  // the table starts after a "header", as in a safetensors file

    /** A file whose table value (r, c) is 10·r + c, after OFFSET bytes of something else. */
    private static Path table(Path dir) throws IOException {
        ByteBuffer b = ByteBuffer.allocate((int) OFFSET + VOCAB * WIDTH * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.position((int) OFFSET);
        for (int r = 0; r < VOCAB; r++) {
            for (int c = 0; c < WIDTH; c++) {
                b.putFloat(10 * r + c);
            }
        }
        return Files.write(dir.resolve("table.bin"), b.array());
    }

    private static TensorStore.Location location(Path file) {
        return new TensorStore.Location(file, OFFSET, VOCAB * WIDTH * 4L);
    }

    @Test
    void rowsAreTheStoredRowsInTheOrderAsked(@TempDir Path dir) throws IOException {
        Path file = table(dir);
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager();
                EmbeddingRows rows = EmbeddingRows.open(location(file), VOCAB, WIDTH, DataType.FLOAT32, m)) {
            NDArray got = rows.rows(m, new long[] {4, 0, 4, 2});
            assertArrayEquals(new long[] {4, WIDTH}, got.getShape().getShape());
            assertArrayEquals(new float[] {40, 41, 42, 0, 1, 2, 40, 41, 42, 20, 21, 22}, got.toFloatArray());
        }
    }

    @Test
    void aLocationOfAnotherSizeIsNotReadByRows(@TempDir Path dir) throws IOException {
        Path file = table(dir);
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            assertNull(EmbeddingRows.open(new TensorStore.Location(file, OFFSET, 12), VOCAB, WIDTH, DataType.FLOAT32, m));
            assertNull(EmbeddingRows.open(null, VOCAB, WIDTH, DataType.FLOAT32, m));
        }
    }

    @Test
    void aTruncatedFileAndABadIdGiveClearErrors(@TempDir Path dir) throws IOException {
        Path file = table(dir);
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager();
                EmbeddingRows rows = EmbeddingRows.open(location(file), VOCAB, WIDTH, DataType.FLOAT32, m)) {
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                    () -> rows.rows(m, new long[] {1, VOCAB}));
            assertTrue(bad.getMessage().contains("token id 5 outside the vocabulary of 5"), bad.getMessage());
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                f.setLength(OFFSET + 2 * WIDTH * 4);  // rows 0 and 1 remain
            }
            assertArrayEquals(new float[] {10, 11, 12}, rows.rows(m, new long[] {1}).toFloatArray());
            ModelLoadException e = assertThrows(ModelLoadException.class, () -> rows.rows(m, new long[] {3}));
            assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("token 3")
                    && e.getMessage().contains("end of file") && e.getMessage().contains("changed after"),
                    e.getMessage());
        }
    }
}
