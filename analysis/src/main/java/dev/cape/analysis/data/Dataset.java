package dev.cape.analysis.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A set of models read from one or more sources, in file order, with the notes the import produced
 * (e.g. "column mmlu: percentages divided by 100").
 *
 * @param source      human-readable name of where the data came from (file name or "bundled")
 * @param models      the models, in file order
 * @param benchmarks  every benchmark id that occurs in at least one model, in column order
 * @param importNotes what the import changed or assumed, one line each
 */
public record Dataset(String source, List<ModelRecord> models, List<String> benchmarks, List<String> importNotes) {

    public Dataset {
        Objects.requireNonNull(source, "source");
        models = List.copyOf(models);
        benchmarks = List.copyOf(benchmarks);
        importNotes = List.copyOf(importNotes);
    }

    /** Models grouped by family, families in order of first appearance. */
    public Map<String, List<ModelRecord>> byFamily() {
        Map<String, List<ModelRecord>> out = new LinkedHashMap<>();
        for (ModelRecord m : models) {
            out.computeIfAbsent(m.family(), f -> new ArrayList<>()).add(m);
        }
        out.replaceAll((f, list) -> Collections.unmodifiableList(list));
        return Collections.unmodifiableMap(out);
    }

    /** This data set followed by {@code other}; benchmarks and notes are unioned in order. */
    public Dataset merge(Dataset other) {
        List<ModelRecord> all = new ArrayList<>(models);
        all.addAll(other.models);
        Set<String> bench = new LinkedHashSet<>(benchmarks);
        bench.addAll(other.benchmarks);
        List<String> notes = new ArrayList<>(importNotes);
        notes.addAll(other.importNotes);
        return new Dataset(source + " + " + other.source, all, new ArrayList<>(bench), notes);
    }
}
