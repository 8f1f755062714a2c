package dev.cape.analysis.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one table of header spellings the CSV import understands: which headers mean model, family, size and width,
 * which mean a known benchmark, and which are known text or metadata columns.
 *
 * <p>Headers are compared by their {@linkplain #key(String) key}: lower-cased, with everything but letters and
 * digits removed, so {@code "Model Size (B)"}, {@code "model_size_b"} and {@code "MODEL SIZE B"} are the same
 * header. Columns that match nothing here are read as extra benchmarks under their {@linkplain #snakeCase(String)
 * snake_case id} when their values are scores.
 */
public final class ColumnAliases {

    private static final Map<ColumnRole, List<String>> ROLE_SPELLINGS = new EnumMap<>(ColumnRole.class);
    private static final Map<String, List<String>> BENCHMARK_SPELLINGS = new LinkedHashMap<>();
    private static final Map<String, ColumnRole> ROLE_BY_KEY = new HashMap<>();
    private static final Map<String, String> BENCHMARK_BY_KEY = new HashMap<>();

    /**
     * Text columns kept on each model as attributes (ids in snake_case); {@code notes} also becomes
     * {@link ModelRecord#notes()}.
     */
    public static final Set<String> TEXT_COLUMNS = Set.of(
            "notes", "source", "arch_source", "truthfulqa_variant", "quirks", "lab", "release", "url",
            "license", "comment", "comments", "reference");

    /**
     * Numeric columns that describe the model rather than score it; kept on each model as attributes (text as
     * given), never read as benchmarks.
     */
    public static final Set<String> METADATA_COLUMNS = Set.of(
            "tokens_t", "tokens", "tokens_b", "training_tokens", "pretraining_data_size_t", "flops_1e21", "flops",
            "n_layers", "n_layer", "num_layers", "num_hidden_layers", "layers", "n_heads", "n_head", "num_heads",
            "num_attention_heads", "heads", "n_kv_heads", "num_key_value_heads", "kv_heads", "vocab_size",
            "intermediate_size", "d_mlp", "d_ff", "context_length", "max_position_embeddings", "year");

    static {
        addRole(ColumnRole.MODEL, "model", "Model", "name", "model_name");
        addRole(ColumnRole.FAMILY, "family", "Model Family", "model_family");
        addRole(ColumnRole.SIZE, "params_b", "Model Size (B)", "params", "parameters", "n_params", "size", "size_b",
                "num_params");
        addRole(ColumnRole.WIDTH, "hidden_size", "d_model", "n_embd", "width");
        addBenchmark(Benchmarks.TRUTHFULQA_MC2, "TruthfulQA", "truthfulqa_mc2", "truthfulqa");
        addBenchmark(Benchmarks.ARC_C, "ARC-C", "arc_challenge", "arc_c", "ARC");
        addBenchmark(Benchmarks.GSM8K, "GSM8K", "gsm8k");
        addBenchmark(Benchmarks.MMLU, "MMLU");
        addBenchmark(Benchmarks.HELLASWAG, "HellaSwag");
        addBenchmark(Benchmarks.WINOGRANDE, "Winogrande", "Winograd");
    }

    private ColumnAliases() {
    }

    private static void addRole(ColumnRole role, String... spellings) {
        ROLE_SPELLINGS.put(role, List.of(spellings));
        for (String s : spellings) {
            ROLE_BY_KEY.put(key(s), role);
        }
    }

    private static void addBenchmark(String id, String... spellings) {
        BENCHMARK_SPELLINGS.put(id, List.of(spellings));
        for (String s : spellings) {
            BENCHMARK_BY_KEY.put(key(s), id);
        }
    }

    /** The comparison key of a header: lower case, letters and digits only ({@code "ARC-C"} → {@code "arcc"}). */
    public static String key(String header) {
        StringBuilder sb = new StringBuilder(header.length());
        header.toLowerCase(Locale.ROOT).codePoints()
                .filter(Character::isLetterOrDigit)
                .forEach(sb::appendCodePoint);
        return sb.toString();
    }

    /**
     * The id of a header in the project's format: lower case, runs of other characters replaced by one
     * underscore ({@code "MMLU-Pro (5-shot)"} → {@code "mmlu_pro_5_shot"}); empty when the header has no letter
     * or digit.
     */
    public static String snakeCase(String header) {
        StringBuilder sb = new StringBuilder(header.length());
        boolean gap = false;
        for (int cp : header.toLowerCase(Locale.ROOT).codePoints().toArray()) {
            if (Character.isLetterOrDigit(cp)) {
                if (gap && sb.length() > 0) {
                    sb.append('_');
                }
                sb.appendCodePoint(cp);
                gap = false;
            } else {
                gap = true;
            }
        }
        return sb.toString();
    }

    /** The role a header means by its spelling, if any. */
    public static Optional<ColumnRole> role(String header) {
        return Optional.ofNullable(ROLE_BY_KEY.get(key(header)));
    }

    /** The canonical benchmark id a header means by its spelling, if it is a known benchmark. */
    public static Optional<String> benchmark(String header) {
        return Optional.ofNullable(BENCHMARK_BY_KEY.get(key(header)));
    }

    /** Accepted spellings of a role's header, the canonical one first. */
    public static List<String> spellings(ColumnRole role) {
        return ROLE_SPELLINGS.get(role);
    }

    /** Known benchmark ids with their accepted header spellings, in table order. */
    public static Map<String, List<String>> benchmarkSpellings() {
        return Collections.unmodifiableMap(BENCHMARK_SPELLINGS);
    }

    /** One line per role listing its accepted spellings, for error messages. */
    static String describeRoles(List<ColumnRole> roles) {
        List<String> parts = new ArrayList<>();
        for (ColumnRole r : roles) {
            parts.add(r.name().toLowerCase(Locale.ROOT) + ": " + String.join(", ", spellings(r)));
        }
        return String.join("; ", parts);
    }
}
