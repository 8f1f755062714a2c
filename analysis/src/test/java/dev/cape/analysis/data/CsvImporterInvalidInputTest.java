package dev.cape.analysis.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input gives one DataFormatException naming file, line, column, found and expected. */
class CsvImporterInvalidInputTest {

    private static final String HEAD = "model,family,params_b,mmlu\n";

    static DataFormatException rejects(String csv) {
        return rejects(CsvImporter.withDefaults(), csv.getBytes(StandardCharsets.UTF_8));
    }

    static DataFormatException rejects(CsvImporter importer, byte[] bytes) {
        return assertThrows(DataFormatException.class,
                () -> importer.read(new ByteArrayInputStream(bytes), "t.csv"));
    }

    static void assertMentions(DataFormatException e, String... parts) {
        assertTrue(e.getMessage().startsWith("t.csv"), e.getMessage());
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "'" + p + "' not in: " + e.getMessage());
        }
    }

    @Test
    void missingRequiredColumnsAreListedWithTheHeadersFoundAndTheAcceptedSpellings() {
        DataFormatException e = rejects("name,score\nm,0.5\n");
        assertMentions(e, "line 1", "missing required columns family, size", "'name', 'score'",
                "Model Family", "Model Size (B)", "num_params");
        assertEquals(1, e.line());
    }

    @Test
    void nonNumericSizeIsRejectedWithLineAndColumn() {
        DataFormatException e = rejects(HEAD + "a,f,7,0.5\nb,f,seven,0.5\n");
        assertMentions(e, "line 3", "column 'params_b'", "found 'seven'", "expected a parameter count > 0");
        assertEquals(3, e.line());
        assertEquals("params_b", e.column());
    }

    @Test
    void negativeSizeIsRejected() {
        assertMentions(rejects(HEAD + "a,f,-7,0.5\n"), "line 2", "found '-7'", "expected a parameter count > 0");
    }

    @Test
    void zeroSizeIsRejected() {
        assertMentions(rejects(HEAD + "a,f,0,0.5\n"), "line 2", "found '0'", "expected a parameter count > 0");
    }

    @Test
    void sizeThatOverflowsOrUnderflowsInItsUnitIsRejected() {
        assertMentions(rejects(HEAD + "a,f,1e308T,0.5\n"), "line 2", "found '1e308T', which is Infinity billion");
        assertMentions(rejects(HEAD + "a,f,1e-320K,0.5\n"), "line 2", "found '1e-320K', which is 0.0 billion");
    }

    @Test
    void emptySizeIsRejected() {
        assertMentions(rejects(HEAD + "a,f,,0.5\n"), "line 2", "found an empty cell", "expected a parameter count");
    }

    @Test
    void sizeColumnMixingRawCountsAndBillionsIsRejected() {
        assertMentions(rejects(HEAD + "a,f,7000000000,0.5\nb,f,13,0.5\n"), "line 3", "found '13'",
                "raw parameter counts", "expected one unit per column");
    }

    @Test
    void scoreAboveOneHundredIsRejected() {
        DataFormatException e = rejects(HEAD + "a,f,7,45\nb,f,7,145\n");
        assertMentions(e, "line 3", "column 'mmlu'", "found 145", "expected a score: a fraction in [0, 1], "
                + "a percentage in [0, 100]");
    }

    @Test
    void negativeScoreIsRejected() {
        assertMentions(rejects(HEAD + "a,f,7,-0.1\n"), "line 2", "column 'mmlu'", "found -0.1");
    }

    @Test
    void nonNumericScoreIsRejected() {
        assertMentions(rejects(HEAD + "a,f,7,n/a\n"), "line 2", "column 'mmlu'", "found 'n/a'", "expected a score");
    }

    @Test
    void decimalCommaScoreIsRejectedWithAHint() {
        assertMentions(rejects("model;family;params_b;mmlu\na;f;7;0,45\n"), "line 2", "found '0,45'",
                "when missing; write decimals with a point (0.45, not 0,45)");
    }

    @Test
    void nonFiniteNumbersAreRejected() {
        assertMentions(rejects(HEAD + "a,f,7,NaN\n"), "found 'NaN'");
        assertMentions(rejects(HEAD + "a,f,Infinity,0.5\n"), "found 'Infinity'");
    }

    @Test
    void emptyFileIsRejected() {
        DataFormatException e = rejects("");
        assertMentions(e, "file is empty", "expected a header line");
        assertEquals(0, e.line());
    }

    @Test
    void fileOfBlankLinesIsRejectedAsEmpty() {
        assertMentions(rejects("\n \r\n\n"), "file is empty");
    }

    @Test
    void headerWithoutRowsIsRejected() {
        assertMentions(rejects(HEAD), "line 1", "found a header but no data rows", "expected one row per model");
    }

    @Test
    void unreadableFileSaysPermissionDenied(@TempDir Path tmp) throws IOException {
        Path f = Files.writeString(tmp.resolve("locked.csv"), HEAD + "a,F,1,0.5\n");
        org.junit.jupiter.api.Assumptions.assumeTrue(f.toFile().setReadable(false, false) && !Files.isReadable(f),
                "cannot make a file unreadable here (running as root?)");
        DataFormatException e = assertThrows(DataFormatException.class, () -> CsvImporter.withDefaults().read(f));
        assertEquals(f + ": permission denied; expected a readable CSV file", e.getMessage());
    }

    @Test
    void modelListedTwiceIsRejectedWithBothLines() {
        DataFormatException e = rejects(HEAD + "a,F,1,0.5\nb,F,2,0.6\na,F,1,0.5\n");
        assertEquals(4, e.line());
        assertEquals("model", e.column());
        assertMentions(e, "found model 'a' again (first at line 2)", "expected one row per model");
    }

    @Test
    void duplicateHeaderNamesAreRejected() {
        assertMentions(rejects("model,family,params_b,mmlu,MMLU\na,f,7,0.5,0.5\n"), "line 1",
                "duplicate header", "'mmlu' (column 4)", "'MMLU' (column 5)", "expected each column once");
    }

    @Test
    void twoHeadersMeaningTheSameBenchmarkAreRejected() {
        assertMentions(rejects("model,family,params_b,TruthfulQA,truthfulqa_mc2\na,f,7,0.5,0.5\n"), "line 1",
                "'TruthfulQA' (column 4) and 'truthfulqa_mc2' (column 5) both mean benchmark truthfulqa_mc2",
                "expected one");
    }

    @Test
    void twoHeadersMeaningTheSizeAreRejected() {
        assertMentions(rejects("model,family,params_b,size,mmlu\na,f,7,7,0.5\n"), "both mean size");
    }

    @Test
    void emptyHeaderNameIsRejected() {
        assertMentions(rejects("model,family,,params_b\na,f,x,7\n"), "line 1", "column 3 has the header ''",
                "expected a column name");
    }

    @Test
    void rowWithTooManyFieldsIsRejected() {
        DataFormatException e = rejects(HEAD + "a,f,7,0.5\nb,f,7,0.5,0.6\n");
        assertMentions(e, "line 3", "found 5 fields", "expected 4");
    }

    @Test
    void rowWithTooFewFieldsIsRejected() {
        assertMentions(rejects(HEAD + "a,f,7\n"), "line 2", "found 3 fields", "expected 4");
    }

    @Test
    void nulBytesAreRejectedAsNotText() {
        byte[] bytes = (HEAD + "a,f,7,0.5\n").getBytes(StandardCharsets.UTF_8);
        bytes[HEAD.length() + 2] = 0;
        DataFormatException e = rejects(CsvImporter.withDefaults(), bytes);
        assertMentions(e, "line 2", "not a text CSV file", "NUL");
    }

    @Test
    void invalidUtf8IsRejectedAsNotText() {
        byte[] head = HEAD.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[head.length + 4];
        System.arraycopy(head, 0, bytes, 0, head.length);
        bytes[head.length] = (byte) 0xC3;
        bytes[head.length + 1] = (byte) 0x28;
        bytes[head.length + 2] = (byte) 0xFF;
        bytes[head.length + 3] = '\n';
        assertMentions(rejects(CsvImporter.withDefaults(), bytes), "not a text CSV file", "not valid UTF-8",
                "expected UTF-8 text");
    }

    @Test
    void utf16FileIsRejectedAsNotText() {
        byte[] text = (HEAD + "a,f,7,0.5\n").getBytes(StandardCharsets.UTF_16);
        assertMentions(rejects(CsvImporter.withDefaults(), text), "line 1", "not a text CSV file");
    }

    @Test
    void emptyFileHasNoHeaderToRead() {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> CsvImporter.withDefaults().readHeader(new ByteArrayInputStream(new byte[0]), "t.csv"));
        assertMentions(e, "file is empty");
    }

    @Test
    void binaryGarbageIsRejectedAsNotText() {
        byte[] bytes = new byte[4096];
        new Random(7).nextBytes(bytes);
        assertMentions(rejects(CsvImporter.withDefaults(), bytes), "not a text CSV file");
    }

    @Test
    void unterminatedQuoteIsRejected() {
        DataFormatException e = rejects(HEAD + "a,f,7,0.5\n\"b,f,7,0.5\nc,f,7,0.5\n");
        assertMentions(e, "line 3", "unterminated quoted field", "expected a closing '\"'");
    }

    @Test
    void textAfterAClosingQuoteIsRejected() {
        assertMentions(rejects(HEAD + "\"a\"x,f,7,0.5\n"), "line 2", "after the closing quote");
    }

    @Test
    void emptyModelNameIsRejected() {
        assertMentions(rejects(HEAD + " ,f,7,0.5\n"), "line 2", "column 'model'", "expected a model name");
    }

    @Test
    void emptyFamilyIsRejected() {
        assertMentions(rejects(HEAD + "a,,7,0.5\n"), "line 2", "column 'family'", "expected a family name");
    }

    @Test
    void nonIntegerWidthIsRejected() {
        assertMentions(rejects("model,family,params_b,d_model\na,f,7,4096.5\n"), "line 2", "column 'd_model'",
                "found '4096.5'", "whole number > 0");
    }

    @Test
    void moreRowsThanTheLimitAreRejected() {
        DataFormatException e = rejects(CsvImporter.withDefaults().withMaxRows(2),
                (HEAD + "a,f,7,0.5\nb,f,7,0.5\nc,f,7,0.5\n").getBytes(StandardCharsets.UTF_8));
        assertMentions(e, "line 4", "more than 2 data rows", "at most 2");
    }

    @Test
    void moreColumnsThanTheLimitAreRejected() {
        assertMentions(rejects(CsvImporter.withDefaults().withMaxColumns(3),
                (HEAD + "a,f,7,0.5\n").getBytes(StandardCharsets.UTF_8)), "line 1", "found 4 columns", "at most 3");
    }

    @Test
    void moreCellsThanTheLimitAreRejected() {
        DataFormatException e = rejects(CsvImporter.withDefaults().withMaxCells(10),
                (HEAD + "a,f,7,0.5\nb,f,7,0.5\nc,f,7,0.5\n").getBytes(StandardCharsets.UTF_8));
        assertMentions(e, "line 4", "more than 10 cells", "at most 10");
    }

    @Test
    void recordLongerThanTheLimitIsRejected() {
        String csv = HEAD + "a,f,7,0.5\n\"" + "x".repeat(300) + "\",f,7,0.5\n";
        assertMentions(rejects(CsvImporter.withDefaults().withMaxRecordChars(100),
                csv.getBytes(StandardCharsets.UTF_8)), "line 3", "record of 309 characters", "at most 100");
    }

    @Test
    void fileLongerThanTheLimitIsRejected() {
        String csv = HEAD + "a,f,7,0.5\n".repeat(100);
        assertMentions(rejects(CsvImporter.withDefaults().withMaxFileChars(500),
                csv.getBytes(StandardCharsets.UTF_8)), "longer than the import limit of 500 characters");
    }

    @Test
    void mappingToAnAbsentHeaderIsRejected() {
        DataFormatException e = rejects(CsvImporter.withDefaults().withColumnMapping(
                ColumnMapping.none().withSize("Parameters (M)")), (HEAD + "a,f,7,0.5\n").getBytes(StandardCharsets.UTF_8));
        assertMentions(e, "line 1", "column 'Parameters (M)'", "takes size from 'Parameters (M)'",
                "'model', 'family', 'params_b', 'mmlu'");
    }

    @Test
    void missingFileIsRejectedWithItsName(@TempDir Path dir) {
        Path file = dir.resolve("absent.csv");
        DataFormatException e = assertThrows(DataFormatException.class, () -> CsvImporter.withDefaults().read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }

    @Test
    void directoryIsRejected(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("d.csv"));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> CsvImporter.withDefaults().read(dir.resolve("d.csv")));
        assertTrue(e.getMessage().contains("found a directory"), e.getMessage());
    }

    @Test
    void failingStreamIsAnIoErrorNotAFormatError() {
        InputStream failing = new InputStream() {
            private int left = 200;

            @Override
            public int read() throws IOException {
                if (left-- > 0) {
                    return left % 20 == 0 ? '\n' : 'a';
                }
                throw new IOException("device gone");
            }
        };
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> CsvImporter.withDefaults().read(failing, "t.csv"));
        assertTrue(e.getMessage().contains("device gone"), e.getMessage());
    }

    @Test
    void invalidLimitsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> CsvImporter.withDefaults().withMaxRows(0));
        assertThrows(IllegalArgumentException.class, () -> CsvImporter.withDefaults().withMaxColumns(-1));
        assertThrows(IllegalArgumentException.class, () -> CsvImporter.withDefaults().withMaxRecordChars(0));
        assertThrows(IllegalArgumentException.class, () -> CsvImporter.withDefaults().withMaxFileChars(0));
        assertThrows(IllegalArgumentException.class, () -> CsvImporter.withDefaults().withMaxCells(0));
    }
}
