package dev.cape.analysis.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ColumnMappingTest {

    @Test
    void benchmarkIdThatIsNotSnakeCaseIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ColumnMapping.none().withBenchmark("x", "ARC-C"));
        assertTrue(e.getMessage().contains("'ARC-C'"), e.getMessage());
    }

    @Test
    void headerWithoutLettersIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> ColumnMapping.none().withModel("--"));
    }

    @Test
    void oneHeaderCannotHaveTwoUses() {
        ColumnMapping m = ColumnMapping.none().withModel("Name");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.withFamily("name"));
        assertTrue(e.getMessage().contains("already mapped as model"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.withBenchmark("NAME", "mmlu"));
        assertThrows(IllegalArgumentException.class, () -> m.withIgnored("Name"));
    }

    @Test
    void oneBenchmarkCannotComeFromTwoHeaders() {
        ColumnMapping m = ColumnMapping.none().withBenchmark("A", "mmlu");
        assertThrows(IllegalArgumentException.class, () -> m.withBenchmark("B", "mmlu"));
    }

    @Test
    void withersReturnNewMappingsAndLeaveTheOriginalUnchanged() {
        ColumnMapping none = ColumnMapping.none();
        ColumnMapping m = none.withSize("Params").withBenchmark("Acc", "arc_c").withIgnored("junk");
        assertTrue(none.isEmpty());
        assertEquals(Optional.of("Params"), m.header(ColumnRole.SIZE));
        assertEquals(Optional.empty(), m.header(ColumnRole.MODEL));
        assertEquals(Map.of("Acc", "arc_c"), m.benchmarks());
        assertTrue(m.ignored().contains("junk"));
        assertEquals(m, ColumnMapping.none().withSize("Params").withBenchmark("Acc", "arc_c").withIgnored("junk"));
    }

    @Test
    void remappingARoleReplacesItsHeader() {
        ColumnMapping m = ColumnMapping.none().withModel("A").withModel("B");
        assertEquals(Optional.of("B"), m.header(ColumnRole.MODEL));
    }
}
