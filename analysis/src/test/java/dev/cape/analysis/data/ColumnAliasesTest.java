package dev.cape.analysis.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ColumnAliasesTest {

    @Test
    void headerWithoutLettersOrDigitsHasAnEmptyKeyAndId() {
        assertEquals("", ColumnAliases.key(" (%) "));
        assertEquals("", ColumnAliases.snakeCase("--"));
    }

    @Test
    void keyIgnoresCaseSpacesAndPunctuation() {
        assertEquals("modelsizeb", ColumnAliases.key("Model Size (B)"));
        assertEquals(ColumnAliases.key("model_size_b"), ColumnAliases.key("MODEL SIZE B"));
        assertEquals("arcc", ColumnAliases.key("ARC-C"));
    }

    @Test
    void snakeCaseJoinsRunsOfOtherCharactersWithOneUnderscore() {
        assertEquals("mmlu_pro_5_shot", ColumnAliases.snakeCase("MMLU-Pro (5-shot)"));
        assertEquals("lb2_bbh", ColumnAliases.snakeCase("lb2_bbh"));
        assertEquals("humaneval", ColumnAliases.snakeCase("  HumanEval "));
    }

    @Test
    void rolesAndBenchmarksAreFoundBySpelling() {
        assertEquals(Optional.of(ColumnRole.SIZE), ColumnAliases.role("Model Size (B)"));
        assertEquals(Optional.of(ColumnRole.WIDTH), ColumnAliases.role("n_embd"));
        assertEquals(Optional.of(Benchmarks.WINOGRANDE), ColumnAliases.benchmark("Winograd"));
        assertEquals(Optional.empty(), ColumnAliases.benchmark("xwinograd"));
        assertEquals(Optional.empty(), ColumnAliases.role("tokens_t"));
    }

    @Test
    void noSpellingMeansTwoThings() {
        for (ColumnRole r : ColumnRole.values()) {
            for (String s : ColumnAliases.spellings(r)) {
                assertEquals(Optional.empty(), ColumnAliases.benchmark(s), s);
                assertEquals(Optional.of(r), ColumnAliases.role(s), s);
            }
        }
        ColumnAliases.benchmarkSpellings().forEach((id, spellings) -> spellings.forEach(
                s -> assertEquals(Optional.of(id), ColumnAliases.benchmark(s), s)));
    }

    @Test
    void canonicalHeadersAreTheFirstSpellingAndKnownBenchmarksAreTheDefaults() {
        for (ColumnRole r : ColumnRole.values()) {
            assertEquals(r.canonicalHeader(), ColumnAliases.spellings(r).get(0));
        }
        assertTrue(ColumnAliases.benchmarkSpellings().keySet().containsAll(Benchmarks.DEFAULT_REASONING));
        assertTrue(ColumnAliases.benchmarkSpellings().containsKey(Benchmarks.DEFAULT_TRUTH));
        assertEquals(List.of(Benchmarks.TRUTHFULQA_MC2, Benchmarks.ARC_C, Benchmarks.GSM8K, Benchmarks.MMLU,
                Benchmarks.HELLASWAG, Benchmarks.WINOGRANDE), List.copyOf(ColumnAliases.benchmarkSpellings().keySet()));
    }
}
