package dev.cape.app.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.analysis.data.BundledData;
import dev.cape.analysis.data.ColumnMapping;
import dev.cape.analysis.data.Dataset;
import dev.cape.app.TestData;
import dev.cape.app.common.SameThreadTaskRunner;
import dev.cape.app.shell.WorkbenchViewModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportsViewModelTest {

    @TempDir
    Path dir;
    final WorkbenchViewModel session = TestData.bundledSession();
    final Dataset before = session.datasetProperty().get();
    final DataViewModel vm = new DataViewModel(session);
    final ImportsViewModel imports = new ImportsViewModel(session, new SameThreadTaskRunner());

    @Test
    void badCellIsListedWithFileLineAndColumnAndTheDataStays() {
        imports.openFiles(List.of(TestData.badCsv(dir)));
        assertEquals(1, imports.problems().size());
        ImportProblem p = imports.problems().get(0);
        assertEquals(4, p.line());
        assertEquals("gsm8k", p.column());
        assertTrue(p.message().contains("bad.csv") && p.message().contains("abc"), p.message());
        assertEquals(before, session.datasetProperty().get());
        assertFalse(vm.families().contains("Badfam"));
        assertFalse(imports.importingProperty().get());
    }

    @Test
    void missingFileIsListed() {
        imports.openFiles(List.of(dir.resolve("absent.csv")));
        assertEquals(1, imports.problems().size());
        assertTrue(imports.problems().get(0).message().contains("no such file"), imports.problems().get(0).message());
        assertEquals(before, session.datasetProperty().get());
    }

    @Test
    void goodAndBadFilesTogetherImportTheGoodOne() {
        imports.openFiles(List.of(TestData.badCsv(dir), TestData.goodCsv(dir)));
        assertEquals(1, imports.problems().size());
        assertTrue(vm.families().contains("Testfam"));
        imports.clearProblems();
        assertTrue(imports.problems().isEmpty());
    }

    @Test
    void bundledDataShowsItsImportNotesUnderItsName() {
        assertEquals(before.importNotes().size(), imports.notes().size());
        assertTrue(imports.notes().stream().allMatch(n -> n.file().equals("bundled base_models.csv")),
                imports.notes().toString());
        assertTrue(imports.notes().get(0).text().startsWith("bundled base_models.csv: columns kept as extra benchmarks"),
                imports.notes().get(0).text());
    }

    @Test
    void importedFileAddsItsNotesNamingTheFileAndBadFilesAddNone() {
        int bundled = imports.notes().size();
        Path pct = TestData.percentCsv(dir);
        imports.openFiles(List.of(TestData.badCsv(dir), pct));
        assertTrue(vm.families().contains("Pctfam"));
        List<ImportNote> added = imports.notes().subList(bundled, imports.notes().size());
        assertEquals(1, added.size(), added.toString());
        assertEquals(pct.toString(), added.get(0).file());
        assertEquals("column 'mmlu' (mmlu): percentages (values up to 62.0, line 5), divided by 100",
                added.get(0).message());
        assertTrue(added.get(0).text().contains("pctfam.csv: column 'mmlu'"), added.get(0).text());
        imports.clearNotes();
        assertTrue(imports.notes().isEmpty());
    }

    @Test
    void replacingTheDataReplacesTheNotes() {
        imports.openFiles(List.of(TestData.percentCsv(dir)));
        Dataset merged = session.datasetProperty().get();
        assertTrue(imports.notes().stream().anyMatch(n -> n.file().endsWith("pctfam.csv")));
        imports.loadBundled();
        assertTrue(imports.notes().stream().noneMatch(n -> n.file().endsWith("pctfam.csv")), imports.notes().toString());
        assertEquals(before.importNotes().size(), imports.notes().size());
        // a session file replaces the data with its saved data set: its notes are shown under its source
        session.replaceData(merged, Set.of());
        assertEquals(merged.importNotes().size(), imports.notes().size());
        assertTrue(imports.notes().stream().allMatch(n -> n.file().equals(merged.source())));
    }

    @Test
    void unrecognisedHeadersAskForAMappingAndSkippingListsTheFile() {
        imports.openFiles(List.of(TestData.unmappedCsv(dir)));
        MappingRequest request = imports.mappingRequestProperty().get();
        assertNotNull(request);
        assertEquals(List.of("name", "group", "billions", "score_a", "score_b", "score_c", "score_t"),
                request.headers());
        assertEquals("no column recognised as family, size", request.reason());
        imports.skipMapping(request);
        assertNull(imports.mappingRequestProperty().get());
        assertEquals(1, imports.problems().size());
        assertEquals(before, session.datasetProperty().get());
    }

    @Test
    void mappedFileIsMerged() {
        imports.openFiles(List.of(TestData.unmappedCsv(dir)));
        MappingRequest request = imports.mappingRequestProperty().get();
        imports.importWithMapping(request, ColumnMapping.none().withModel("name").withFamily("group").withSize("billions")
                .withBenchmark("score_a", "arc_c").withBenchmark("score_b", "gsm8k").withBenchmark("score_c", "mmlu")
                .withBenchmark("score_t", "truthfulqa_mc2"));
        assertTrue(vm.families().contains("Mapfam"));
        assertTrue(vm.rows().stream().anyMatch(r -> r.model().equals("u/u-7b") && !Double.isNaN(r.r())));
        assertNull(imports.mappingRequestProperty().get());
    }

    @Test
    void mappingThatStillFailsIsListed() {
        imports.openFiles(List.of(TestData.unmappedCsv(dir)));
        MappingRequest request = imports.mappingRequestProperty().get();
        // "name" as the size column: model names are not numbers
        imports.importWithMapping(request, ColumnMapping.none().withModel("score_a").withFamily("group")
                .withSize("name").withBenchmark("score_t", "truthfulqa_mc2"));
        assertEquals(1, imports.problems().size());
        assertEquals(before, session.datasetProperty().get());
    }

    @Test
    void bundledDataReplacesTheSessionData(@TempDir Path other) {
        imports.openFiles(List.of(TestData.goodCsv(other)));
        assertTrue(vm.families().contains("Testfam"));
        imports.loadBundled();
        assertEquals(before, session.datasetProperty().get());
        assertFalse(vm.families().contains("Testfam"));
        assertFalse(imports.importingProperty().get());
    }

    /** Queues jobs and runs them when told, in any order, as background jobs may finish. */
    static final class QueuedRunner implements dev.cape.app.common.TaskRunner {
        final java.util.List<Runnable> queued = new java.util.ArrayList<>();

        @Override
        public <T> dev.cape.app.common.TaskHandle run(String title, dev.cape.app.common.BackgroundJob<T> job,
                dev.cape.app.common.TaskCallbacks<T> callbacks) {
            queued.add(() -> {
                try {
                    callbacks.onSuccess().accept(job.call(dev.cape.analysis.resampling.ProgressListener.NONE));
                } catch (Exception e) {
                    callbacks.onFailure().accept(e);
                }
            });
            return dev.cape.app.common.TaskHandle.NONE;
        }
    }

    @Test
    void aFileImportedWhileTheBundledDataLoadsIsKept() {
        QueuedRunner queue = new QueuedRunner();
        WorkbenchViewModel fresh = new WorkbenchViewModel(new SameThreadTaskRunner(), TestData.fastOptions());
        ImportsViewModel early = new ImportsViewModel(fresh, queue);
        DataViewModel table = new DataViewModel(fresh);
        early.loadBundled();
        early.openFiles(List.of(TestData.goodCsv(dir)));
        queue.queued.get(1).run();   // the import finishes first
        queue.queued.get(0).run();
        assertEquals(BundledData.baseModels().models().size() + 4, fresh.datasetProperty().get().models().size());
        assertTrue(table.families().contains("Testfam"));
        assertTrue(table.families().contains("Llama-2"));
        assertTrue(early.notes().stream().anyMatch(n -> n.text().contains("testfam.csv")), "the file's notes stay");
    }

    @Test
    void aSessionOpenedWhileTheBundledDataLoadsWins() {
        QueuedRunner queue = new QueuedRunner();
        WorkbenchViewModel fresh = new WorkbenchViewModel(new SameThreadTaskRunner(), TestData.fastOptions());
        ImportsViewModel early = new ImportsViewModel(fresh, queue);
        early.loadBundled();
        Dataset opened = new Dataset("session.cape", BundledData.baseModels().models().subList(0, 10),
                BundledData.baseModels().benchmarks(), List.of());
        fresh.replaceData(opened, Set.of());
        queue.queued.get(0).run();
        assertEquals(opened, fresh.datasetProperty().get());
    }
}
