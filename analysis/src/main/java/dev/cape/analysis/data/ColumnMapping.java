package dev.cape.analysis.data;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Explicit choices of which header is the model, family, size or width column and which headers are which
 * benchmark, overriding {@link ColumnAliases}; what the GUI's column-mapping dialog produces.
 *
 * <p>Headers are matched like aliases, by {@link ColumnAliases#key(String)}. A role or benchmark that the mapping
 * assigns is taken only from the mapped header; another header whose spelling would mean the same thing is then
 * ignored (with an import note). Roles and benchmarks the mapping leaves open are still found by their aliases.
 * Immutable; every wither returns a new mapping.
 */
public final class ColumnMapping {

    private static final ColumnMapping NONE = new ColumnMapping(new EnumMap<>(ColumnRole.class),
            new LinkedHashMap<>(), new LinkedHashSet<>());

    private final Map<ColumnRole, String> roles;
    private final Map<String, String> benchmarks;
    private final Set<String> ignored;

    private ColumnMapping(Map<ColumnRole, String> roles, Map<String, String> benchmarks, Set<String> ignored) {
        this.roles = roles;
        this.benchmarks = benchmarks;
        this.ignored = ignored;
    }

    /** A mapping that chooses nothing: every column is found by its alias. */
    public static ColumnMapping none() {
        return NONE;
    }

    /** This mapping with {@code header} as the column of {@code role}. */
    public ColumnMapping with(ColumnRole role, String header) {
        Objects.requireNonNull(role, "role");
        checkHeader(header, role.name().toLowerCase(Locale.ROOT));
        Map<ColumnRole, String> r = new EnumMap<>(roles);
        r.put(role, header);
        return new ColumnMapping(r, benchmarks, ignored);
    }

    /** This mapping with {@code header} as the column of model names. */
    public ColumnMapping withModel(String header) {
        return with(ColumnRole.MODEL, header);
    }

    /** This mapping with {@code header} as the column of family names. */
    public ColumnMapping withFamily(String header) {
        return with(ColumnRole.FAMILY, header);
    }

    /** This mapping with {@code header} as the column of parameter counts. */
    public ColumnMapping withSize(String header) {
        return with(ColumnRole.SIZE, header);
    }

    /** This mapping with {@code header} as the column of hidden widths. */
    public ColumnMapping withWidth(String header) {
        return with(ColumnRole.WIDTH, header);
    }

    /**
     * This mapping with {@code header} read as the scores of {@code benchmarkId}.
     *
     * @param benchmarkId lower-case snake_case id, e.g. {@link Benchmarks#ARC_C} or {@code "mmlu_pro"}
     */
    public ColumnMapping withBenchmark(String header, String benchmarkId) {
        Objects.requireNonNull(benchmarkId, "benchmarkId");
        if (!benchmarkId.matches("[a-z0-9]+(_[a-z0-9]+)*")) {
            throw new IllegalArgumentException("benchmarkId must be lower-case snake_case: '" + benchmarkId + "'");
        }
        checkHeader(header, "benchmark " + benchmarkId);
        for (Map.Entry<String, String> e : benchmarks.entrySet()) {
            if (e.getValue().equals(benchmarkId) && !ColumnAliases.key(e.getKey()).equals(ColumnAliases.key(header))) {
                throw new IllegalArgumentException("benchmark " + benchmarkId + " is already mapped to header '"
                        + e.getKey() + "': '" + header + "'");
            }
        }
        Map<String, String> b = new LinkedHashMap<>(benchmarks);
        b.put(header, benchmarkId);
        return new ColumnMapping(roles, b, ignored);
    }

    /** This mapping with {@code header} left out of the import altogether. */
    public ColumnMapping withIgnored(String header) {
        checkHeader(header, "ignored");
        Set<String> i = new LinkedHashSet<>(ignored);
        i.add(header);
        return new ColumnMapping(roles, benchmarks, i);
    }

    private void checkHeader(String header, String use) {
        Objects.requireNonNull(header, "header");
        String key = ColumnAliases.key(header);
        if (key.isEmpty()) {
            throw new IllegalArgumentException("header must contain a letter or digit: '" + header + "'");
        }
        Optional<String> other = describeUse(key);
        if (other.isPresent() && !other.get().equals(use)) {
            throw new IllegalArgumentException("header '" + header + "' is already mapped as " + other.get()
                    + "; cannot also map it as " + use);
        }
    }

    private Optional<String> describeUse(String key) {
        for (Map.Entry<ColumnRole, String> e : roles.entrySet()) {
            if (ColumnAliases.key(e.getValue()).equals(key)) {
                return Optional.of(e.getKey().name().toLowerCase(Locale.ROOT));
            }
        }
        for (Map.Entry<String, String> e : benchmarks.entrySet()) {
            if (ColumnAliases.key(e.getKey()).equals(key)) {
                return Optional.of("benchmark " + e.getValue());
            }
        }
        for (String h : ignored) {
            if (ColumnAliases.key(h).equals(key)) {
                return Optional.of("ignored");
            }
        }
        return Optional.empty();
    }

    /** The header chosen for {@code role}, if the mapping chooses one. */
    public Optional<String> header(ColumnRole role) {
        return Optional.ofNullable(roles.get(role));
    }

    /** Header → benchmark id, in the order they were added. */
    public Map<String, String> benchmarks() {
        return Collections.unmodifiableMap(benchmarks);
    }

    /** Headers left out of the import. */
    public Set<String> ignored() {
        return Collections.unmodifiableSet(ignored);
    }

    /** Whether the mapping chooses nothing. */
    public boolean isEmpty() {
        return roles.isEmpty() && benchmarks.isEmpty() && ignored.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ColumnMapping m && roles.equals(m.roles) && benchmarks.equals(m.benchmarks)
                && ignored.equals(m.ignored);
    }

    @Override
    public int hashCode() {
        return Objects.hash(roles, benchmarks, ignored);
    }

    @Override
    public String toString() {
        return "ColumnMapping[roles=" + roles + ", benchmarks=" + benchmarks + ", ignored=" + ignored + "]";
    }
}
