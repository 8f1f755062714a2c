package dev.cape.analysis.data;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ~100 MB input is rejected after reading only what the limits allow: the import streams and fails fast, so
 * neither memory nor time grows with the file. "Bounded memory" is shown by the bytes consumed: the importer holds
 * at most what it has read.
 */
class CsvImporterLargeInputTest {

    private static final long HUNDRED_MB = 100L * 1024 * 1024;
    /** Generous bound on time for a rejection that reads ~16 MB on a shared 2-core machine. */
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;
    static Path big;

    @BeforeAll
    static void writeHundredMegabyteFile() throws IOException {
        big = dir.resolve("big.csv");
        try (BufferedWriter w = Files.newBufferedWriter(big, StandardCharsets.UTF_8)) {
            w.write("model,family,params_b,mmlu,truthfulqa_mc2\n");
            long written = 0;
            for (long i = 0; written < HUNDRED_MB; i++) {
                String row = "org/model-" + i + ",family-" + (i % 50) + ",7," + "0.45,0.38\n";
                w.write(row);
                written += row.length();
            }
        }
        assertTrue(Files.size(big) >= HUNDRED_MB);
    }

    @Test
    void hundredMegabyteFileIsRejectedAtTheRowLimitAfterReadingAFewMegabytes() throws IOException {
        try (CountingStream in = new CountingStream(Files.newInputStream(big))) {
            DataFormatException e = assertTimeoutPreemptively(LIMIT, () -> assertThrows(DataFormatException.class,
                    () -> CsvImporter.withDefaults().read(in, "big.csv")));
            assertTrue(e.getMessage().contains("found more than " + CsvImporter.DEFAULT_MAX_ROWS + " data rows"),
                    e.getMessage());
            assertTrue(in.count < 8L * 1024 * 1024, "read " + in.count + " bytes");
        }
    }

    @Test
    void hundredMegabyteFileIsRejectedAtTheFileLimitWhenRowsAndCellsAreUnlimited() throws IOException {
        try (CountingStream in = new CountingStream(Files.newInputStream(big))) {
            CsvImporter importer = CsvImporter.withDefaults().withMaxRows(Integer.MAX_VALUE)
                    .withMaxCells(Long.MAX_VALUE);
            DataFormatException e = assertTimeoutPreemptively(LIMIT, () -> assertThrows(DataFormatException.class,
                    () -> importer.read(in, "big.csv")));
            assertTrue(e.getMessage().contains("longer than the import limit of "
                    + CsvImporter.DEFAULT_MAX_FILE_CHARS + " characters"), e.getMessage());
            assertTrue(in.count < CsvImporter.DEFAULT_MAX_FILE_CHARS + 64 * 1024, "read " + in.count + " bytes");
        }
    }

    @Test
    void hundredMegabyteFileReadByPathIsRejectedWithItsName() {
        DataFormatException e = assertTimeoutPreemptively(LIMIT, () -> assertThrows(DataFormatException.class,
                () -> CsvImporter.withDefaults().read(big)));
        assertTrue(e.getMessage().startsWith(big.toString()), e.getMessage());
    }

    @Test
    void hundredMegabyteLineWithoutLineBreaksIsRejectedAtTheRecordLimit() throws IOException {
        try (CountingStream in = new CountingStream(new Generated("model,family,params_b,", 'x', HUNDRED_MB))) {
            DataFormatException e = assertTimeoutPreemptively(LIMIT, () -> assertThrows(DataFormatException.class,
                    () -> CsvImporter.withDefaults().read(in, "line.csv")));
            assertTrue(e.getMessage().contains("line 1"), e.getMessage());
            assertTrue(e.getMessage().contains("longer than the import limit of "
                    + CsvImporter.DEFAULT_MAX_RECORD_CHARS), e.getMessage());
            assertTrue(in.count < 1024 * 1024, "read " + in.count + " bytes");
        }
    }

    @Test
    void unterminatedQuoteBeforeHundredMegabytesIsRejectedAtTheRecordLimit() throws IOException {
        String head = "model,family,params_b\na,f,7\n\"b,f,7\n";
        try (CountingStream in = new CountingStream(new Generated(head, '\n', HUNDRED_MB))) {
            DataFormatException e = assertTimeoutPreemptively(LIMIT, () -> assertThrows(DataFormatException.class,
                    () -> CsvImporter.withDefaults().read(in, "quote.csv")));
            assertTrue(e.getMessage().contains("line 3"), e.getMessage());
            assertTrue(e.getMessage().contains("missing its closing quote"), e.getMessage());
            assertTrue(in.count < 1024 * 1024, "read " + in.count + " bytes");
        }
    }

    /** Counts the bytes the importer pulled. */
    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count += Math.max(n, 0);
            return n;
        }
    }

    /** A prefix followed by one byte repeated up to {@code size} bytes, generated on the fly. */
    private static final class Generated extends InputStream {
        private final byte[] prefix;
        private final byte fill;
        private final long size;
        private long pos;

        Generated(String prefix, char fill, long size) {
            this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
            this.fill = (byte) fill;
            this.size = size;
        }

        @Override
        public int read() {
            if (pos >= size) {
                return -1;
            }
            byte b = pos < prefix.length ? prefix[(int) pos] : fill;
            pos++;
            return b & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - pos);
            for (int i = 0; i < n; i++) {
                b[off + i] = pos < prefix.length ? prefix[(int) pos] : fill;
                pos++;
            }
            return n;
        }
    }
}
