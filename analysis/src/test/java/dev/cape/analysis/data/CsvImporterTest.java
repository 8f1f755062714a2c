package dev.cape.analysis.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Well-formed inputs in the spellings, units, delimiters and encodings the import contract accepts. */
class CsvImporterTest {

    /** Scores are exact decimal fractions or /100 of them: 1e-12 absorbs the rounding of one division. */
    private static final double EPS = 1e-12;

    static Dataset read(String csv) {
        return read(CsvImporter.withDefaults(), csv);
    }

    static Dataset read(CsvImporter importer, String csv) {
        return importer.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "t.csv");
    }

    static boolean hasNote(Dataset d, String part) {
        return d.importNotes().stream().anyMatch(n -> n.contains(part));
    }

    @Test
    void canonicalHeadersReadIntoRecordsWithOriginNotesAndAttributes() {
        Dataset d = read("model,family,params_b,hidden_size,mmlu,truthfulqa_mc2,source,notes\n"
                + "a/m-7b,F,7.0,4096,0.45,0.39,paper,odd size\n"
                + "a/m-13b,F,13,5120,0.55,,paper,\n");
        assertEquals("t.csv", d.source());
        assertEquals(2, d.models().size());
        ModelRecord m = d.models().get(0);
        assertEquals("a/m-7b", m.model());
        assertEquals("F", m.family());
        assertEquals(7.0, m.paramsB(), 0);
        assertEquals(OptionalInt.of(4096), m.hiddenSize());
        assertEquals(0.45, m.score(Benchmarks.MMLU).orElseThrow(), 0);
        assertEquals(0.39, m.score(Benchmarks.TRUTHFULQA_MC2).orElseThrow(), 0);
        assertEquals("odd size", m.notes());
        assertEquals("t.csv:2", m.origin());
        assertEquals(Map.of("source", "paper"), m.attributes());
        ModelRecord m2 = d.models().get(1);
        assertFalse(m2.score(Benchmarks.TRUTHFULQA_MC2).isPresent(), "empty cell = missing score");
        assertEquals("", m2.notes());
        assertEquals("t.csv:3", m2.origin());
        assertEquals(List.of(Benchmarks.MMLU, Benchmarks.TRUTHFULQA_MC2), d.benchmarks());
        assertTrue(d.importNotes().isEmpty(), d.importNotes().toString());
    }

    @ParameterizedTest(name = "header ''{0}'' reads as {1}")
    @CsvSource(delimiter = '|', value = {
        "TruthfulQA|truthfulqa_mc2", "truthfulqa_mc2|truthfulqa_mc2", "truthfulqa|truthfulqa_mc2",
        "ARC-C|arc_c", "arc_challenge|arc_c", "arc_c|arc_c", "ARC|arc_c",
        "GSM8K|gsm8k", "gsm8k|gsm8k", "MMLU|mmlu", "HellaSwag|hellaswag",
        "Winogrande|winogrande", "Winograd|winogrande", "Truthful QA (MC2)|truthfulqa_mc2", "arc c|arc_c"})
    void benchmarkHeaderAliasesReadAsTheCanonicalBenchmark(String header, String id) {
        Dataset d = read("model,family,params_b," + header + "\nm,f,7,0.25\n");
        assertEquals(List.of(id), d.benchmarks());
        assertEquals(0.25, d.models().get(0).score(id).orElseThrow(), 0);
    }

    @ParameterizedTest(name = "''{0}'', ''{1}'', ''{2}'', ''{3}''")
    @CsvSource(delimiter = '|', value = {
        "model|family|params_b|hidden_size", "Model|Model Family|Model Size (B)|d_model",
        "name|model_family|params|n_embd", "model_name|family|parameters|width", "MODEL|FAMILY|n_params|Width",
        "model|family|size|hidden_size", "model|family|size_b|hidden_size", "model|family|num_params|hidden_size"})
    void roleHeaderAliasesAreRecognised(String model, String family, String size, String width) {
        Dataset d = read(model + "," + family + "," + size + "," + width + ",mmlu\nm,f,7,4096,0.5\n");
        ModelRecord r = d.models().get(0);
        assertEquals("m", r.model());
        assertEquals("f", r.family());
        assertEquals(7.0, r.paramsB(), 0);
        assertEquals(OptionalInt.of(4096), r.hiddenSize());
    }

    @Test
    void obsScalingStyleHeadersReadAndTheRenamingIsNoted() {
        Dataset d = read("Model,Model Family,Model Size (B),ARC-C,Winograd,TruthfulQA\nm,f,7,0.5,0.6,0.4\n");
        assertEquals(List.of(Benchmarks.ARC_C, Benchmarks.WINOGRANDE, Benchmarks.TRUTHFULQA_MC2), d.benchmarks());
        assertTrue(hasNote(d, "columns read as: model <- 'Model', family <- 'Model Family', "
                + "params_b <- 'Model Size (B)', arc_c <- 'ARC-C'"), d.importNotes().toString());
    }

    @Test
    void percentageColumnIsDividedByOneHundredWithANote() {
        Dataset d = read("model,family,params_b,mmlu,arc_c\na,f,7,45.5,0.5\nb,f,13,0.0,0.75\n");
        assertEquals(0.455, d.models().get(0).score("mmlu").orElseThrow(), EPS);
        assertEquals(0.0, d.models().get(1).score("mmlu").orElseThrow(), 0);
        assertEquals(0.75, d.models().get(1).score("arc_c").orElseThrow(), 0, "fraction column unchanged");
        assertTrue(hasNote(d, "column 'mmlu' (mmlu): percentages (values up to 45.5, line 2), divided by 100"),
                d.importNotes().toString());
        assertFalse(hasNote(d, "'arc_c' (arc_c): percentages"));
    }

    @Test
    void columnWhoseLargestValueIsExactlyOneStaysFractions() {
        Dataset d = read("model,family,params_b,gsm8k\na,f,7,1\nb,f,7,0.2\n");
        assertEquals(1.0, d.models().get(0).score("gsm8k").orElseThrow(), 0);
        assertTrue(d.importNotes().isEmpty(), d.importNotes().toString());
    }

    @Test
    void percentageColumnWithValuesAtMostOneIsFlaggedInANote() {
        Dataset d = read("model,family,params_b,mmlu\na,f,7,45\nb,f,7,0.5\n");
        assertEquals(0.005, d.models().get(1).score("mmlu").orElseThrow(), EPS);
        assertTrue(hasNote(d, "1 value lies in (0, 1] (first at line 3)"), d.importNotes().toString());
    }

    @Test
    void rawParameterCountsAreConvertedToBillionsWithANote() {
        Dataset d = read("model,family,n_params\na,f,7000000000\nb,f,7e9\nc,f,1.3E+10\nd,f,125000000\n");
        assertEquals(7.0, d.models().get(0).paramsB(), EPS);
        assertEquals(7.0, d.models().get(1).paramsB(), EPS);
        assertEquals(13.0, d.models().get(2).paramsB(), EPS);
        assertEquals(0.125, d.models().get(3).paramsB(), EPS);
        assertTrue(hasNote(d, "raw parameter counts (all >= 1e5), divided by 1e9"), d.importNotes().toString());
    }

    @Test
    void sizesWithUnitSuffixesAreConvertedToBillions() {
        Dataset d = read("model,family,size\na,f,7B\nb,f,350M\nc,f,1.5b\nd,f,1.2T\ne,f,500k\nf,f,2 B\n");
        double[] expected = {7.0, 0.35, 1.5, 1200.0, 0.0005, 2.0};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], d.models().get(i).paramsB(), EPS, "row " + i);
        }
        assertTrue(hasNote(d, "unit suffixes"), d.importNotes().toString());
    }

    @Test
    void sizesInBillionsAreKeptWithoutANote() {
        Dataset d = read("model,family,params_b\na,f,0.07\nb,f,405\n");
        assertEquals(0.07, d.models().get(0).paramsB(), 0);
        assertEquals(405.0, d.models().get(1).paramsB(), 0);
        assertTrue(d.importNotes().isEmpty(), d.importNotes().toString());
    }

    @Test
    void byteOrderMarkIsSkipped() {
        Dataset d = read("\uFEFFmodel,family,params_b,mmlu\na,f,7,0.5\n");
        assertEquals("a", d.models().get(0).model());
    }

    @Test
    void semicolonDelimiterIsDetected() {
        Dataset d = read("model;family;params_b;mmlu\n\"a,b\";f;7;0.5\n");
        assertEquals("a,b", d.models().get(0).model());
        assertEquals(0.5, d.models().get(0).score("mmlu").orElseThrow(), 0);
        assertEquals(List.of("fields separated by semicolons"), d.importNotes());
    }

    @Test
    void tabDelimiterIsDetected() {
        Dataset d = read("model\tfamily\tparams_b\tmmlu\na, b; c\tf\t7\t0.5\n");
        assertEquals("a, b; c", d.models().get(0).model());
        assertEquals(List.of("fields separated by tabs"), d.importNotes());
    }

    @Test
    void fixedDelimiterOverridesDetection() {
        Dataset d = read(CsvImporter.withDefaults().with(CsvImporter.Delimiter.SEMICOLON),
                "model;family;params_b;notes\na;f;7;x, y, z\n");
        assertEquals("x, y, z", d.models().get(0).notes());
    }

    @Test
    void quotedFieldsKeepDelimitersQuotesAndLineBreaksAndLaterLinesStayCorrect() {
        Dataset d = read("model,family,params_b,notes\r\n"
                + "\"a, \"\"the\"\" model\",f,7,\"line one\nline two\"\r\n"
                + "b,f,13,\r\n");
        assertEquals("a, \"the\" model", d.models().get(0).model());
        assertEquals("line one\nline two", d.models().get(0).notes());
        assertEquals("t.csv:2", d.models().get(0).origin());
        assertEquals("t.csv:4", d.models().get(1).origin());
    }

    @Test
    void blankLinesAreSkippedAndLineNumbersCountThem() {
        Dataset d = read("\nmodel,family,params_b\n\na,f,7\n,,\nb,f,8\n");
        assertEquals(2, d.models().size());
        assertEquals("t.csv:4", d.models().get(0).origin());
        assertEquals("t.csv:6", d.models().get(1).origin());
    }

    @Test
    void unknownNumericColumnsAreKeptAsExtraBenchmarksInSnakeCase() {
        Dataset d = read("model,family,params_b,MMLU-Pro (5-shot),HumanEval\na,f,7,40.5,0.1\nb,f,8,30,\n");
        assertEquals(List.of("mmlu_pro_5_shot", "humaneval"), d.benchmarks());
        assertEquals(0.405, d.models().get(0).score("mmlu_pro_5_shot").orElseThrow(), EPS);
        assertTrue(hasNote(d, "columns kept as extra benchmarks: mmlu_pro_5_shot, humaneval"));
    }

    @Test
    void unknownTextColumnsAreIgnoredWithANote() {
        Dataset d = read("model,family,params_b,licence type\na,f,7,open\n");
        assertTrue(d.benchmarks().isEmpty());
        assertTrue(d.models().get(0).attributes().isEmpty());
        assertTrue(hasNote(d, "column 'licence type' ignored: not numeric ('open' at line 2)"),
                d.importNotes().toString());
    }

    @Test
    void unknownNumericColumnsOutsideScoreRangeAreIgnoredWithANote() {
        Dataset d = read("model,family,params_b,Arena Elo\na,f,7,1250\n");
        assertTrue(d.benchmarks().isEmpty());
        assertTrue(hasNote(d, "column 'Arena Elo' ignored: value 1250 at line 2 lies outside [0, 100]"),
                d.importNotes().toString());
    }

    @Test
    void knownTextAndMetadataColumnsAreKeptAsAttributes() {
        Dataset d = read("model,family,params_b,tokens_t,n_layers,source,quirks\na,f,7,627.0,32,x @1,"
                + "tokens_unit_suspect; moe_active_params\n");
        ModelRecord m = d.models().get(0);
        assertEquals(Map.of("tokens_t", "627.0", "n_layers", "32", "source", "x @1",
                "quirks", "tokens_unit_suspect; moe_active_params"), m.attributes());
        assertEquals(List.of("tokens_unit_suspect", "moe_active_params"), m.quirks());
        assertTrue(d.benchmarks().isEmpty(), "metadata is never read as a score");
    }

    @Test
    void widthGivenAsWholeDecimalIsAccepted() {
        Dataset d = read("model,family,params_b,hidden_size\na,f,7,4096.0\nb,f,7,\n");
        assertEquals(OptionalInt.of(4096), d.models().get(0).hiddenSize());
        assertEquals(OptionalInt.empty(), d.models().get(1).hiddenSize());
    }

    @Test
    void columnMappingChoosesColumnsAndOverridesAliases() {
        ColumnMapping mapping = ColumnMapping.none()
                .withModel("Repo")
                .withFamily("Series")
                .withSize("Params (B)")
                .withWidth("dim")
                .withBenchmark("ARC easy?", Benchmarks.ARC_C)
                .withIgnored("junk");
        Dataset d = read(CsvImporter.withDefaults().withColumnMapping(mapping),
                "name,Repo,Series,Params (B),dim,ARC easy?,ARC-C,junk\nx,org/m,S,7,2048,0.6,0.9,zz\n");
        ModelRecord m = d.models().get(0);
        assertEquals("org/m", m.model());
        assertEquals("S", m.family());
        assertEquals(OptionalInt.of(2048), m.hiddenSize());
        assertEquals(0.6, m.score(Benchmarks.ARC_C).orElseThrow(), 0);
        assertEquals(List.of(Benchmarks.ARC_C), d.benchmarks());
        assertTrue(hasNote(d, "column 'name' ignored: the column mapping takes model from 'Repo'"),
                d.importNotes().toString());
        assertTrue(hasNote(d, "column 'ARC-C' ignored: the column mapping takes benchmark arc_c from 'ARC easy?'"));
        assertTrue(hasNote(d, "column 'junk' ignored, as the column mapping says"));
    }

    @Test
    void readsAFileByPathNamingItInOrigins(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mine.csv");
        Files.writeString(file, "model,family,params_b\na,f,7\n");
        Dataset d = CsvImporter.withDefaults().read(file);
        assertEquals(file.toString(), d.source());
        assertEquals(file + ":2", d.models().get(0).origin());
    }

    @Test
    void headerIsReadAloneForAColumnMappingDialog(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("h.csv");
        Files.writeString(file, "\uFEFF Repo ;Series;Params (B);ARC easy?\nbroken row without the right fields\n");
        assertEquals(List.of("Repo", "Series", "Params (B)", "ARC easy?"), CsvImporter.withDefaults().readHeader(file));
    }

    @Test
    void sameModelAtOneSizeTwiceIsKeptAsTwoRows() {
        Dataset d = read("model,family,params_b\na-v1,f,7\na-v2,f,7\n");
        assertEquals(2, d.byFamily().get("f").size());
    }
}
