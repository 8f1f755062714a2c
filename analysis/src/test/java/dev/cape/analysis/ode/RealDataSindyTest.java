package dev.cape.analysis.ode;

import dev.cape.analysis.data.Dataset;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the SINDy fit, the Llama-2 hold-out and the leave-one-family-out table on the bundled base models and prints
 * the numbers; asserts only what must hold whatever the data (finite values, consistent statuses).
 */
class RealDataSindyTest {

    private static final Dataset DATA = BundledBaseModels.load();

    private static String f(OptionalDouble v) {
        return v.isPresent() ? String.format(Locale.ROOT, "%.2f", v.getAsDouble()) : "-";
    }

    @Test
    void llama2HoldOutOnBundledDataIsFiniteAndComplete() {
        HoldOutPrediction p = Sindy.withDefaults().holdOut(DATA);
        System.out.println("[real data] fit without Llama-2: " + p.fit().field());
        System.out.println("[real data] samples " + p.fit().samples().size() + ", families "
                + p.fit().trainingFamilies().size() + ", skipped " + p.fit().skippedFamilies().size()
                + ", excluded models " + p.fit().excludedModels().size() + ", lambda " + p.fit().threshold()
                + ", cond " + String.format(Locale.ROOT, "%.3g", p.fit().equationR().conditionNumber()));
        p.fit().notes().forEach(n -> System.out.println("[real data] note: " + n));
        System.out.println("[real data] Llama-2 hold-out: " + p.status() + " — " + p.message());
        for (ModelPrediction m : p.models()) {
            System.out.printf(Locale.ROOT, "[real data]   %-32s x=%.3f R %.4f -> %s (%s%%)  T %.4f -> %s (%s%%)  %s%n",
                    m.model(), m.x(), m.rObs(), f4(m.rPred()), f(m.apeR()), m.tObs(), f4(m.tPred()), f(m.apeT()),
                    m.status());
        }
        System.out.println("[real data] Llama-2 MAPE R " + f(p.mapeR()) + "%, T " + f(p.mapeT()) + "%, combined "
                + f(p.mapeCombined()) + "% (paper: 5.6%)");
        assertEquals("Llama-2", p.family());
        assertFalse(p.fit().trainingFamilies().contains("Llama-2"));
        assertEquals(3, p.models().size());
        p.fit().coefficientsR().values().forEach(v -> assertTrue(Double.isFinite(v)));
        p.fit().coefficientsT().values().forEach(v -> assertTrue(Double.isFinite(v)));
        if (p.status() == HoldOutStatus.COMPLETE) {
            assertTrue(p.mapeCombined().isPresent() && Double.isFinite(p.mapeCombined().getAsDouble()));
        } else {
            assertTrue(p.trajectory().status() != TrajectoryStatus.COMPLETED);
        }
    }

    private static String f4(OptionalDouble v) {
        return v.isPresent() ? String.format(Locale.ROOT, "%.4f", v.getAsDouble()) : "-";
    }

    @Test
    void leaveOneFamilyOutTableOnBundledDataHasAStatusPerFamily() {
        LofoTable t = Sindy.withDefaults().leaveOneFamilyOut(DATA);
        printTable("lambda=0.05", t);
        for (LofoTable.Row r : t.rows()) {
            assertTrue(r.distinctSizes() >= 3);
            if (r.status() == HoldOutStatus.COMPLETE) {
                assertTrue(Double.isFinite(r.mapeCombined().getAsDouble()));
            }
        }
        t.meanMapeCombined().ifPresent(v -> assertTrue(Double.isFinite(v) && v >= 0));
    }

    @Test
    void crossValidatedThresholdOnBundledDataPicksAGridValue() {
        Sindy s = Sindy.withDefaults().with(ThresholdSelection.CROSS_VALIDATED);
        HoldOutPrediction p = s.holdOut(DATA);
        ThresholdCv cv = p.fit().thresholdCv().orElseThrow();
        for (ThresholdCv.Row r : cv.rows()) {
            System.out.printf(Locale.ROOT, "[real data] CV lambda %.3f: failed folds %d, mean MAPE %s%n", r.lambda(),
                    r.failedFolds(), f(r.meanScore()));
        }
        System.out.println("[real data] CV chose lambda " + cv.chosen() + " over " + cv.folds().size()
                + " folds; Llama-2 MAPE R " + f(p.mapeR()) + "%, T " + f(p.mapeT()) + "%, combined "
                + f(p.mapeCombined()) + "% (" + p.status() + "); field " + p.fit().field());
        assertTrue(Sindy.DEFAULT_GRID.contains(cv.chosen()));
        assertFalse(cv.folds().contains("Llama-2"));
        assertEquals(cv.chosen(), p.fit().threshold());
    }

    static void printTable(String label, LofoTable t) {
        System.out.println("[real data] LOFO (" + label + "): " + t.rows().size() + " families, " + t.completeRows()
                + " complete, mean MAPE R " + f(t.meanMapeR()) + "%, T " + f(t.meanMapeT()) + "%, combined "
                + f(t.meanMapeCombined()) + "%");
        for (LofoTable.Row r : t.rows()) {
            System.out.printf(Locale.ROOT, "[real data]   %-16s sizes %d  %-11s MAPE R %6s  T %6s  comb %6s  %s%n",
                    r.family(), r.distinctSizes(), r.status(), f(r.mapeR()), f(r.mapeT()), f(r.mapeCombined()),
                    r.status() == HoldOutStatus.COMPLETE ? "" : r.message());
        }
    }
}
