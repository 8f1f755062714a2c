package dev.cape.analysis.ode;

import dev.cape.analysis.data.Benchmarks;
import dev.cape.analysis.data.ModelRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompositeScoresTest {

    @Test
    void emptyOrRepeatedReasoningSelectionIsRefused() {
        CompositeScores c = CompositeScores.withDefaults();
        assertThrows(IllegalArgumentException.class, () -> c.withReasoning(List.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> c.withReasoning(List.of("mmlu", "mmlu")));
        assertTrue(e.getMessage().contains("[mmlu, mmlu]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> c.withTruth(" "));
    }

    @Test
    void modelLackingABenchmarkIsExcludedWithTheMissingIds() {
        ModelRecord full = new ModelRecord("a", "F", 1, OptionalInt.empty(), Map.of(Benchmarks.ARC_C, 0.3,
                Benchmarks.GSM8K, 0.6, Benchmarks.MMLU, 0.9, Benchmarks.TRUTHFULQA_MC2, 0.4), "", "");
        ModelRecord partial = new ModelRecord("b", "F", 2, OptionalInt.empty(), Map.of(Benchmarks.ARC_C, 0.3,
                Benchmarks.MMLU, 0.9), "", "");
        CompositeScores.Result r = CompositeScores.withDefaults().compute(List.of(full, partial));
        assertEquals(1, r.scored().size());
        assertEquals(0.6, r.scored().get(0).r(), 1e-15);
        assertEquals(0.4, r.scored().get(0).t(), 0);
        assertEquals(List.of(new CompositeScores.Excluded("b", "F", "missing gsm8k, truthfulqa_mc2")), r.excluded());
    }

    @Test
    void reasoningSelectionChangesTheMean() {
        ModelRecord m = new ModelRecord("a", "F", 1, OptionalInt.empty(), Map.of(Benchmarks.ARC_C, 0.2,
                Benchmarks.HELLASWAG, 0.8, Benchmarks.WINOGRANDE, 0.5), "", "");
        CompositeScores.Result r = CompositeScores.withDefaults()
                .withReasoning(List.of(Benchmarks.ARC_C, Benchmarks.HELLASWAG)).withTruth(Benchmarks.WINOGRANDE)
                .compute(List.of(m));
        assertEquals(0.5, r.scored().get(0).r(), 1e-15);
        assertEquals(0.5, r.scored().get(0).t(), 0);
    }
}
