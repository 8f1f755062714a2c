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

    private static final Dataset DATA = dev.cape.analysis.data.BundledData.baseModels();

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

    @Test
    void nestedCrossValidatedLeaveOneFamilyOutOnBundledDataHasAStatusPerFamily() {
        long t0 = System.nanoTime();
        LofoTable t = Sindy.withDefaults().with(ThresholdSelection.CROSS_VALIDATED).leaveOneFamilyOut(DATA);
        printTable("lambda by nested CV", t);
        for (LofoTable.Row r : t.rows()) {
            r.prediction().ifPresent(p -> assertTrue(Sindy.DEFAULT_GRID.contains(p.fit().threshold())));
            System.out.printf(Locale.ROOT, "[real data]   %-16s lambda %s%n", r.family(), f(r.threshold()));
        }
        System.out.printf(Locale.ROOT, "[real data] nested CV LOFO took %.1f s%n", (System.nanoTime() - t0) / 1e9);
        assertEquals(Sindy.withDefaults().leaveOneFamilyOut(DATA).rows().size(), t.rows().size());
    }

    @Test
    void eigenstructureAndPcaOfBundledDataAreFinite() {
        SindyFit fit = Sindy.withDefaults().fit(DATA);
        Eigenstructure.Result e = Eigenstructure.withDefaults().analyse(fit);
        System.out.println("[real data] fit on all families: " + fit.field());
        for (InteractionClass c : InteractionClass.values()) {
            System.out.println("[real data]   observed states " + c + ": " + e.count(c));
        }
        for (JacobianAnalysis a : e.fixedPoints()) {
            System.out.printf(Locale.ROOT, "[real data]   fixed point (R=%.4f, T=%.4f) %s %s eigenvalues %s%n", a.r(),
                    a.t(), a.type(), a.interaction(), a.eigenvalues());
        }
        e.notes().forEach(n -> System.out.println("[real data]   note: " + n));
        assertEquals(fit.states().size(), e.observed().size());
        for (Eigenstructure.ObservedState o : e.observed()) {
            assertTrue(Double.isFinite(o.analysis().dRdT()) && Double.isFinite(o.analysis().dTdR()));
        }
        for (JacobianAnalysis a : e.fixedPoints()) {
            double[] rate = fit.field().rate(a.r(), a.t());
            assertEquals(0, rate[0], 1e-10);
            assertEquals(0, rate[1], 1e-10);
        }

        Pca.Result p = Pca.withDefaults().fit(DATA);
        System.out.println("[real data] PCA over " + p.models().size() + " complete models (" + p.excluded().size()
                + " excluded), benchmarks " + p.benchmarks());
        for (Pca.Component c : p.components()) {
            System.out.printf(Locale.ROOT, "[real data]   PC%d eigenvalue %.4f explained %.4f loadings %s%n", c.index(),
                    c.eigenvalue(), c.explainedVarianceRatio(), c.loadings().stream()
                            .map(v -> String.format(Locale.ROOT, "%+.3f", v)).toList());
        }
        assertEquals(1, p.components().get(p.components().size() - 1).cumulativeRatio(), 1e-12);
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
