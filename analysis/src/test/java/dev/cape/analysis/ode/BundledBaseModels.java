package dev.cape.analysis.ode;

import dev.cape.analysis.data.Benchmarks;
import dev.cape.analysis.data.Dataset;
import dev.cape.analysis.data.ModelRecord;
import dev.cape.resources.BundledResources;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** Minimal reader of the bundled base_models.csv for tests (the product importer lives in the data package). */
final class BundledBaseModels {

    static final List<String> SCORE_COLUMNS = List.of(Benchmarks.MMLU, Benchmarks.ARC_C, Benchmarks.HELLASWAG,
            Benchmarks.WINOGRANDE, Benchmarks.TRUTHFULQA_MC2, Benchmarks.GSM8K);

    private BundledBaseModels() {
    }

    static Dataset load() {
        List<ModelRecord> models = new ArrayList<>();
        try (Reader in = new InputStreamReader(BundledResources.open(BundledResources.BASE_MODELS),
                StandardCharsets.UTF_8);
             CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            for (CSVRecord r : p) {
                Map<String, Double> scores = new HashMap<>();
                for (String c : SCORE_COLUMNS) {
                    String v = r.get(c).trim();
                    if (!v.isEmpty()) {
                        scores.put(c, Double.parseDouble(v));
                    }
                }
                String h = r.get("hidden_size").trim();
                models.add(new ModelRecord(r.get("model"), r.get("family"), Double.parseDouble(r.get("params_b")),
                        h.isEmpty() ? OptionalInt.empty() : OptionalInt.of((int) Double.parseDouble(h)), scores,
                        r.get("notes"), "base_models.csv:" + (r.getRecordNumber() + 1)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Dataset("bundled base_models.csv", models, SCORE_COLUMNS, List.of());
    }
}
