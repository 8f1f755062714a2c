package dev.cape.app.data;

import dev.cape.analysis.data.ColumnAliases;
import dev.cape.analysis.data.ColumnMapping;
import dev.cape.analysis.data.ColumnRole;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The column-mapping dialog's state: which header is the model, family, size and width column, and which headers
 * are which benchmark (empty: not a score). Starts from what the importer's aliases recognise.
 */
public final class ColumnMappingViewModel {

    /** Benchmark ids offered in the dialog; any other lower-case snake_case id may be typed. */
    public static final List<String> KNOWN_BENCHMARKS = List.of("arc_c", "gsm8k", "mmlu", "truthfulqa_mc2",
            "hellaswag", "winogrande");

    private final MappingRequest request;
    private final Map<ColumnRole, StringProperty> roles = new EnumMap<>(ColumnRole.class);
    private final Map<String, StringProperty> benchmarks = new LinkedHashMap<>();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

    public ColumnMappingViewModel(MappingRequest request) {
        this.request = request;
        for (ColumnRole r : ColumnRole.values()) {
            roles.put(r, new SimpleStringProperty(""));
        }
        for (String h : request.headers()) {
            ColumnAliases.role(h).ifPresent(r -> roles.get(r).set(h));
            benchmarks.put(h, new SimpleStringProperty(ColumnAliases.benchmark(h).orElse("")));
        }
    }

    public MappingRequest request() {
        return request;
    }

    /** The header chosen for a role; empty for none. */
    public StringProperty roleProperty(ColumnRole role) {
        return roles.get(role);
    }

    /** The benchmark id a header is read as; empty when it is not a score. */
    public StringProperty benchmarkProperty(String header) {
        return benchmarks.get(header);
    }

    public List<String> headers() {
        return request.headers();
    }

    /** The mapping, or empty with {@link #errorProperty()} saying what is wrong. */
    public Optional<ColumnMapping> mapping() {
        ColumnMapping m = ColumnMapping.none();
        try {
            for (ColumnRole r : ColumnRole.values()) {
                String h = roles.get(r).get();
                if (h == null || h.isBlank()) {
                    if (r.required()) {
                        error.set("choose the " + r.name().toLowerCase(java.util.Locale.ROOT) + " column");
                        return Optional.empty();
                    }
                    continue;
                }
                m = m.with(r, h);
            }
            int scores = 0;
            for (Map.Entry<String, StringProperty> e : benchmarks.entrySet()) {
                String id = e.getValue().get() == null ? "" : e.getValue().get().strip();
                if (roles.values().stream().anyMatch(p -> e.getKey().equals(p.get()))) {
                    continue;
                }
                if (id.isEmpty()) {
                    m = m.withIgnored(e.getKey());
                } else {
                    m = m.withBenchmark(e.getKey(), id);
                    scores++;
                }
            }
            if (scores == 0) {
                error.set("choose at least one benchmark column");
                return Optional.empty();
            }
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return Optional.empty();
        }
        error.set("");
        return Optional.of(m);
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
