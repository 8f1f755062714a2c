package dev.cape.analysis.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.analysis.coupling.CouplingCurve;
import dev.cape.analysis.data.Dataset;
import dev.cape.analysis.data.ModelRecord;
import dev.cape.analysis.diagnosis.DiagnosisOptions;
import dev.cape.analysis.frontier.FrontierModel;
import dev.cape.analysis.frontier.FrontierTable;
import dev.cape.analysis.report.ReproductionReport.Row;
import dev.cape.analysis.report.ReproductionReport.Status;
import dev.cape.analysis.resampling.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ReproductionReportTest {

    static final ReproductionReport.Options FAST = new ReproductionReport.Options(DiagnosisOptions.defaults()
            .withPermutations(200).withBootstrap(200).withFamilyBootstrap(50), 50, 4, 200, 100, "A");

    static ModelRecord model(String family, double size, double r, double t) {
        return new ModelRecord(family + size, family, size, OptionalInt.empty(),
                Map.of("arc_c", r, "gsm8k", r, "mmlu", r, "truthfulqa_mc2", t), "", "test");
    }

    /** Families A (tax: R rises, T falls) and B (cooperative), 4 sizes each; no Qwen, no Gemma-4. */
    static Dataset data() {
        List<ModelRecord> ms = new ArrayList<>();
        double[] sizes = {1, 3, 7, 13};
        for (int i = 0; i < 4; i++) {
            ms.add(model("A", sizes[i], 0.3 + 0.1 * i, 0.5 - 0.04 * i));
            ms.add(model("B", sizes[i], 0.3 + 0.1 * i, 0.3 + 0.05 * i));
        }
        return new Dataset("synthetic.csv", ms, List.of("arc_c", "gsm8k", "mmlu", "truthfulqa_mc2"), List.of());
    }

    static FrontierTable frontier() {
        List<FrontierModel> ms = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ms.add(new FrontierModel("m" + i, "L" + (i % 2), 0.3 + 0.1 * i, 0.2 + 0.03 * i + 0.02 * (i % 2), ""));
        }
        return new FrontierTable("frontier.csv", ms, List.of(), List.of());
    }

    @Test
    void everyHeadlineHasARowAndAbsentFamiliesAreNotInventedFromThePaper() {
        ReproductionReport.Result r = ReproductionReport.with(FAST).run(data(), frontier(), ProgressListener.NONE);
        assertEquals(PaperValues.ALL, r.rows().stream().map(Row::paper).toList());
        for (Row row : r.rows()) {
            if (row.status() != Status.COMPUTED) {
                assertTrue(Double.isNaN(row.ours()), row.paper().id() + " has no number of ours");
                assertTrue(!row.reason().isEmpty(), row.paper().id() + " says why");
            }
        }
        Row qwen = r.rows().get(3);
        assertEquals(Status.NOT_IN_DATA, qwen.status());
        assertTrue(qwen.reason().contains("family 'Qwen1.5' is not in synthetic.csv"), qwen.reason());
        assertEquals(Status.NEEDS_MODEL_INTERNALS, r.rows().get(7).status());
        assertEquals(Status.NEEDS_MODEL_INTERNALS, r.rows().get(10).status());
        // the frontier r is computed on the given table: Pearson of the six rows, not the paper's 0.72
        Row f = r.rows().get(9);
        assertEquals(Status.COMPUTED, f.status());
        assertTrue(f.ours() > 0.9 && f.ours() < 1, "r = " + f.ours());
        // holding out A leaves 3 derivative samples of B for 6 library terms: said so, no number
        Row ode = r.rows().get(8);
        assertEquals(Status.NOT_IN_DATA, ode.status());
        assertTrue(ode.reason().contains("need at least as many derivative samples as library terms"), ode.reason());
    }

    @Test
    void levelTextInterpolatesWhereTheCurvePassesTheLevel() {
        // c falls linearly from 0.5 at x = 0 (1B) to -0.5 at x = 2 (100B): 0 at x = 1, i.e. 10B
        CouplingCurve c = new CouplingCurve("X", 0.4, new double[] {0, 1, 2}, new double[] {0.5, 0, -0.5},
                new double[0], new double[0]);
        assertEquals("has the paper's value +0.000 at 10B on our curve", ReproductionReport.levelText(c, 0));
        assertEquals("never has the paper's value +0.900 inside its observed range", ReproductionReport.levelText(c, 0.9));
    }
}
