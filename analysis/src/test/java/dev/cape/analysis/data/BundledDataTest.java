package dev.cape.analysis.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cape.resources.BundledResources;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The bundled data reads through the importer as the shared data says it should, equals the shared files on every
 * original column, and carries documented quirks flags consistent with its cells.
 */
class BundledDataTest {

    private static final List<String> CORE = List.of("mmlu", "arc_c", "hellaswag", "winogrande", "truthfulqa_mc2",
            "gsm8k");

    static Path shared(String file) {
        String dir = System.getProperty("cape.shared.dir");
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir, "data")), "../shared/data is not available");
        return Path.of(dir, "data", file);
    }

    static List<List<String>> parse(Reader reader) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (CSVParser p = CSVParser.parse(reader, CSVFormat.RFC4180)) {
            for (CSVRecord r : p) {
                rows.add(r.toList());
            }
        }
        return rows;
    }

    static List<List<String>> bundled(String name) throws IOException {
        try (InputStream in = BundledResources.open(name)) {
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
    }

    static List<List<String>> sharedRows(String file) throws IOException {
        return parse(Files.newBufferedReader(shared(file), StandardCharsets.UTF_8));
    }

    @Test
    void bundledBaseModelsReadTo155ModelsIn48Families() {
        Dataset d = BundledData.baseModels();
        assertEquals(155, d.models().size());
        assertEquals(48, d.byFamily().size());
        assertEquals(BundledData.BASE_MODELS_SOURCE, d.source());
        assertEquals(BundledData.BASE_MODELS_SOURCE + ":2", d.models().get(0).origin());
        assertTrue(d.benchmarks().containsAll(CORE), d.benchmarks().toString());
        assertFalse(d.importNotes().stream().anyMatch(n -> n.contains("percentages") || n.contains("raw")),
                "the bundled scores are fractions and sizes billions: " + d.importNotes());
    }

    @Test
    void bundledBaseModelsEqualTheSharedFileOnEveryOriginalColumn() throws IOException {
        assertSameExceptQuirks(sharedRows("base_models.csv"), bundled(BundledResources.BASE_MODELS));
    }

    @Test
    void bundledFrontierModelsEqualTheSharedFileOnEveryOriginalColumn() throws IOException {
        assertSameExceptQuirks(sharedRows("frontier_models.csv"), bundled(BundledResources.FRONTIER_MODELS));
    }

    private static void assertSameExceptQuirks(List<List<String>> shared, List<List<String>> bundled) {
        assertEquals(shared.size(), bundled.size(), "rows");
        List<String> header = new ArrayList<>(shared.get(0));
        header.add("quirks");
        assertEquals(header, bundled.get(0));
        for (int r = 1; r < shared.size(); r++) {
            assertEquals(shared.get(r), bundled.get(r).subList(0, shared.get(r).size()), "row " + r);
            assertEquals(header.size(), bundled.get(r).size(), "row " + r);
        }
    }

    @Test
    void importedValuesEqualTheSharedCells() throws IOException {
        List<List<String>> shared = sharedRows("base_models.csv");
        List<String> h = shared.get(0);
        List<ModelRecord> models = BundledData.baseModels().models();
        for (int r = 1; r < shared.size(); r++) {
            List<String> row = shared.get(r);
            ModelRecord m = models.get(r - 1);
            assertEquals(row.get(h.indexOf("model")), m.model());
            assertEquals(row.get(h.indexOf("family")), m.family());
            assertEquals(Double.parseDouble(row.get(h.indexOf("params_b"))), m.paramsB(), 0, m.model());
            String width = row.get(h.indexOf("hidden_size"));
            assertEquals(width.isEmpty() ? OptionalInt.empty() : OptionalInt.of((int) Double.parseDouble(width)),
                    m.hiddenSize(), m.model());
            assertEquals(row.get(h.indexOf("notes")), m.notes());
            assertEquals(row.get(h.indexOf("source")), m.attributes().get("source"));
            for (String b : CORE) {
                String cell = row.get(h.indexOf(b));
                if (cell.isEmpty()) {
                    assertFalse(m.score(b).isPresent(), m.model() + " " + b);
                } else {
                    assertEquals(Double.parseDouble(cell), m.score(b).orElseThrow(), 0, m.model() + " " + b);
                }
            }
        }
    }

    @Test
    void quirksAgreeWithTheCellsAndTheSharedReadme() {
        Dataset d = BundledData.baseModels();
        int archMissing = 0;
        for (ModelRecord m : d.models()) {
            assertEquals(m.hiddenSize().isEmpty(), m.quirks().contains("architecture_missing"), m.model());
            archMissing += m.hiddenSize().isEmpty() ? 1 : 0;
            for (String b : CORE) {
                assertEquals(m.score(b).isEmpty(), m.quirks().contains(b + "_missing"), m.model() + " " + b);
            }
            boolean qwen25 = m.family().equals("Qwen2.5");
            assertEquals(qwen25, m.quirks().contains("vendor_reported_scores"), m.model());
            assertEquals(qwen25, m.quirks().contains("gsm8k_4shot"), m.model());
            assertEquals(qwen25, m.quirks().contains("truthfulqa_variant_unnamed"), m.model());
        }
        assertEquals(48, archMissing, "README: 48 rows without architecture");
        Map<String, ModelRecord> byName = new HashMap<>();
        d.models().forEach(m -> byName.put(m.model(), m));
        assertTrue(byName.get("cerebras/btlm-3b-8k-base").quirks().contains("tokens_unit_suspect"));
        assertTrue(byName.get("openlm-research/open_llama_7b_v2").quirks().contains("params_copied_as_given_suspect"));
        assertTrue(byName.get("mistralai/Mixtral-8x22B-v0.1").quirks().contains("moe_active_params"));
        assertTrue(byName.get("mistralai/Mixtral-8x7B-v0.1").quirks().contains("moe_total_params"));
        assertTrue(byName.get("Qwen/Qwen2-57B-A14B").quirks().contains("moe_params_unclear"));
        assertEquals(List.of(), byName.get("meta-llama/Llama-2-7b-hf").quirks());
    }

    @Test
    void everyQuirksFlagUsedIsDocumentedInTheDataFormat() throws IOException {
        Path doc = Path.of(System.getProperty("user.dir")).resolveSibling("docs").resolve("data-format.md");
        String text = Files.readString(doc);
        Set<String> used = new TreeSet<>();
        for (String file : BundledResources.dataFiles()) {
            List<List<String>> rows = bundled(file);
            int q = rows.get(0).indexOf("quirks");
            for (List<String> row : rows.subList(1, rows.size())) {
                for (String flag : row.get(q).split(";")) {
                    if (!flag.isEmpty()) {
                        used.add(flag);
                    }
                }
            }
        }
        assertTrue(used.size() >= 20, used.toString());
        for (String flag : used) {
            assertTrue(text.contains("`" + flag + "`"), "flag not documented in docs/data-format.md: " + flag);
            assertTrue(flag.matches("[a-z0-9]+(_[a-z0-9]+)*"), flag);
        }
    }

    @Test
    void sourcesNameEveryBundledRow() throws IOException {
        String sources;
        try (InputStream in = BundledResources.open(BundledResources.SOURCES)) {
            sources = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Set<String> listed = new TreeSet<>();
        Matcher m = Pattern.compile("`([^`]+)`").matcher(sources);
        while (m.find()) {
            listed.add(m.group(1));
        }
        for (String file : BundledResources.dataFiles()) {
            List<List<String>> rows = bundled(file);
            for (List<String> row : rows.subList(1, rows.size())) {
                assertTrue(listed.contains(row.get(0)), file + ": SOURCES.md does not name " + row.get(0));
            }
        }
    }
}
