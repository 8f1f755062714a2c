package dev.cape.analysis.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decides what each header of a table means: a role (model, family, size, width), a known or mapped benchmark, a
 * kept text or metadata attribute, or a candidate extra benchmark whose values decide later. Explicit
 * {@link ColumnMapping} choices come first, then {@link ColumnAliases}.
 */
final class HeaderResolver {

    /**
     * What the columns mean.
     *
     * @param headers    header cells, trimmed
     * @param roles      role → column index
     * @param benchmarks column index → benchmark id, for known and mapped benchmarks
     * @param candidates column index → snake_case id, for unknown columns that may be extra benchmarks
     * @param attributes column index → attribute id, for kept text and metadata columns
     * @param notes      import notes about the header
     */
    record Columns(String[] headers, Map<ColumnRole, Integer> roles, Map<Integer, String> benchmarks,
                   Map<Integer, String> candidates, Map<Integer, String> attributes, List<String> notes) {
    }

    private final String source;
    private final ColumnMapping mapping;

    HeaderResolver(String source, ColumnMapping mapping) {
        this.source = source;
        this.mapping = mapping;
    }

    Columns resolve(long headerLine, String[] rawHeader) {
        String[] headers = Arrays.stream(rawHeader).map(String::strip).toArray(String[]::new);
        Map<String, Integer> byKey = new HashMap<>();
        for (int i = 0; i < headers.length; i++) {
            String key = ColumnAliases.key(headers[i]);
            if (key.isEmpty()) {
                throw new DataFormatException(source, headerLine, null, "column " + (i + 1) + " has the header '"
                        + headers[i] + "'; expected a column name with at least one letter or digit");
            }
            Integer earlier = byKey.putIfAbsent(key, i);
            if (earlier != null) {
                throw new DataFormatException(source, headerLine, headers[i], "found a duplicate header: '"
                        + headers[earlier] + "' (column " + (earlier + 1) + ") and '" + headers[i] + "' (column "
                        + (i + 1) + ") are the same name ignoring case, spaces and punctuation; expected each "
                        + "column once");
            }
        }
        Map<ColumnRole, Integer> roles = new EnumMap<>(ColumnRole.class);
        Map<Integer, String> benchmarks = new LinkedHashMap<>();
        Map<Integer, String> candidates = new LinkedHashMap<>();
        Map<Integer, String> attributes = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        Map<Integer, String> explicit = new HashMap<>();

        for (ColumnRole role : ColumnRole.values()) {
            Optional<String> h = mapping.header(role);
            if (h.isPresent()) {
                int i = find(headerLine, headers, byKey, h.get(), role.name().toLowerCase(Locale.ROOT));
                roles.put(role, i);
                explicit.put(i, role.name());
            }
        }
        Map<String, Integer> mappedBenchmarks = new HashMap<>();
        for (Map.Entry<String, String> e : mapping.benchmarks().entrySet()) {
            int i = find(headerLine, headers, byKey, e.getKey(), "benchmark " + e.getValue());
            benchmarks.put(i, e.getValue());
            mappedBenchmarks.put(e.getValue(), i);
            explicit.put(i, e.getValue());
        }
        for (String h : mapping.ignored()) {
            int i = find(headerLine, headers, byKey, h, "ignored");
            explicit.put(i, "ignored");
            notes.add("column '" + headers[i] + "' ignored, as the column mapping says");
        }

        Map<String, Integer> aliasBenchmarks = new HashMap<>();
        for (int i = 0; i < headers.length; i++) {
            if (explicit.containsKey(i)) {
                continue;
            }
            String h = headers[i];
            Optional<ColumnRole> role = ColumnAliases.role(h);
            Optional<String> bench = ColumnAliases.benchmark(h);
            if (role.isPresent()) {
                ColumnRole r = role.get();
                if (mapping.header(r).isPresent()) {
                    notes.add("column '" + h + "' ignored: the column mapping takes "
                            + r.name().toLowerCase(Locale.ROOT) + " from '" + headers[roles.get(r)] + "'");
                } else if (roles.containsKey(r)) {
                    throw twoMean(headerLine, headers, roles.get(r), i, r.name().toLowerCase(Locale.ROOT));
                } else {
                    roles.put(r, i);
                }
            } else if (bench.isPresent()) {
                String id = bench.get();
                if (mappedBenchmarks.containsKey(id)) {
                    notes.add("column '" + h + "' ignored: the column mapping takes benchmark " + id + " from '"
                            + headers[mappedBenchmarks.get(id)] + "'");
                } else if (aliasBenchmarks.containsKey(id)) {
                    throw twoMean(headerLine, headers, aliasBenchmarks.get(id), i, "benchmark " + id);
                } else {
                    aliasBenchmarks.put(id, i);
                    benchmarks.put(i, id);
                }
            } else {
                String id = ColumnAliases.snakeCase(h);
                if (ColumnAliases.TEXT_COLUMNS.contains(id) || ColumnAliases.METADATA_COLUMNS.contains(id)) {
                    attributes.put(i, id);
                } else if (mappedBenchmarks.containsKey(id)) {
                    notes.add("column '" + h + "' ignored: the column mapping takes benchmark " + id + " from '"
                            + headers[mappedBenchmarks.get(id)] + "'");
                } else {
                    candidates.put(i, id);
                }
            }
        }
        List<ColumnRole> missing = new ArrayList<>();
        for (ColumnRole r : ColumnRole.values()) {
            if (r.required() && !roles.containsKey(r)) {
                missing.add(r);
            }
        }
        if (!missing.isEmpty()) {
            List<String> names = missing.stream().map(r -> r.name().toLowerCase(Locale.ROOT)).toList();
            throw new DataFormatException(source, headerLine, null, "missing required column"
                    + (missing.size() > 1 ? "s " : " ") + String.join(", ", names) + ": found the headers "
                    + quoted(headers) + "; expected, in any case and punctuation: "
                    + ColumnAliases.describeRoles(missing) + " (or choose the columns with a column mapping)");
        }
        List<String> renamed = new ArrayList<>();
        for (Map.Entry<ColumnRole, Integer> e : roles.entrySet()) {
            if (!headers[e.getValue()].equals(e.getKey().canonicalHeader())) {
                renamed.add(e.getKey().canonicalHeader() + " <- '" + headers[e.getValue()] + "'");
            }
        }
        for (Map.Entry<Integer, String> e : benchmarks.entrySet()) {
            if (!headers[e.getKey()].equals(e.getValue())) {
                renamed.add(e.getValue() + " <- '" + headers[e.getKey()] + "'");
            }
        }
        if (!renamed.isEmpty()) {
            notes.add(0, "columns read as: " + String.join(", ", renamed));
        }
        return new Columns(headers, roles, benchmarks, candidates, attributes, notes);
    }

    private int find(long headerLine, String[] headers, Map<String, Integer> byKey, String header, String use) {
        Integer i = byKey.get(ColumnAliases.key(header));
        if (i == null) {
            throw new DataFormatException(source, headerLine, header, "the column mapping takes " + use
                    + " from '" + header + "', but found only the headers " + quoted(headers)
                    + "; expected one of them");
        }
        return i;
    }

    private DataFormatException twoMean(long headerLine, String[] headers, int a, int b, String what) {
        return new DataFormatException(source, headerLine, headers[b], "found a duplicate column: '" + headers[a]
                + "' (column " + (a + 1) + ") and '" + headers[b] + "' (column " + (b + 1) + ") both mean " + what
                + "; expected one (choose one with a column mapping)");
    }

    static String quoted(String[] headers) {
        List<String> q = new ArrayList<>();
        for (String h : headers) {
            q.add("'" + h + "'");
        }
        return "[" + String.join(", ", q) + "]";
    }
}
