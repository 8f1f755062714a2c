package dev.cape.app.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.analysis.data.ColumnMapping;
import dev.cape.analysis.data.ColumnRole;
import dev.cape.analysis.data.CsvImporter;
import dev.cape.analysis.data.Dataset;
import dev.cape.app.TestData;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ColumnMappingViewModelTest {

    static MappingRequest request(Path file) {
        return new MappingRequest(file, CsvImporter.withDefaults().readHeader(file), "no column recognised as model");
    }

    @Test
    void missingRequiredRoleIsReported(@TempDir Path dir) {
        ColumnMappingViewModel vm = new ColumnMappingViewModel(request(TestData.unmappedCsv(dir)));
        vm.roleProperty(ColumnRole.MODEL).set("name");
        assertTrue(vm.mapping().isEmpty());
        assertEquals("choose the family column", vm.errorProperty().get());
    }

    @Test
    void noBenchmarkIsReported(@TempDir Path dir) {
        ColumnMappingViewModel vm = new ColumnMappingViewModel(request(TestData.unmappedCsv(dir)));
        vm.roleProperty(ColumnRole.MODEL).set("name");
        vm.roleProperty(ColumnRole.FAMILY).set("group");
        vm.roleProperty(ColumnRole.SIZE).set("billions");
        assertTrue(vm.mapping().isEmpty());
        assertEquals("choose at least one benchmark column", vm.errorProperty().get());
    }

    @Test
    void invalidBenchmarkIdIsReported(@TempDir Path dir) {
        ColumnMappingViewModel vm = new ColumnMappingViewModel(request(TestData.unmappedCsv(dir)));
        vm.roleProperty(ColumnRole.MODEL).set("name");
        vm.roleProperty(ColumnRole.FAMILY).set("group");
        vm.roleProperty(ColumnRole.SIZE).set("billions");
        vm.benchmarkProperty("score_a").set("Not Snake");
        assertTrue(vm.mapping().isEmpty());
        assertTrue(vm.errorProperty().get().contains("snake_case"), vm.errorProperty().get());
    }

    @Test
    void recognisedHeadersArePrefilled(@TempDir Path dir) {
        ColumnMappingViewModel vm = new ColumnMappingViewModel(request(TestData.goodCsv(dir)));
        assertEquals("model", vm.roleProperty(ColumnRole.MODEL).get());
        assertEquals("params_b", vm.roleProperty(ColumnRole.SIZE).get());
        assertEquals("arc_c", vm.benchmarkProperty("arc_c").get());
    }

    @Test
    void chosenMappingReadsTheFile(@TempDir Path dir) {
        Path file = TestData.unmappedCsv(dir);
        ColumnMappingViewModel vm = new ColumnMappingViewModel(request(file));
        vm.roleProperty(ColumnRole.MODEL).set("name");
        vm.roleProperty(ColumnRole.FAMILY).set("group");
        vm.roleProperty(ColumnRole.SIZE).set("billions");
        vm.benchmarkProperty("score_a").set("arc_c");
        vm.benchmarkProperty("score_t").set("truthfulqa_mc2");
        ColumnMapping m = vm.mapping().orElseThrow();
        Dataset d = CsvImporter.withDefaults().withColumnMapping(m).read(file);
        assertEquals(4, d.models().size());
        assertEquals(List.of("arc_c", "truthfulqa_mc2"), d.benchmarks());
        assertEquals("", vm.errorProperty().get());
    }
}
