package dev.cape.analysis.ode;

import dev.cape.analysis.data.Benchmarks;
import dev.cape.analysis.data.Dataset;
import dev.cape.analysis.data.ModelRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PcaTest {

    /** Columns arc_c, gsm8k, mmlu, hellaswag, winogrande, truthfulqa_mc2 (the default order). */
    private static final double[][] X = {
        {0.53, 0.14, 0.44, 0.78, 0.74, 0.39},
        {0.58, 0.23, 0.54, 0.81, 0.77, 0.34},
        {0.67, 0.54, 0.70, 0.87, 0.84, 0.45},
        {0.29, 0.02, 0.26, 0.55, 0.58, 0.41},
        {0.36, 0.05, 0.30, 0.64, 0.62, 0.37},
        {0.61, 0.57, 0.76, 0.82, 0.79, 0.51},
        {0.47, 0.28, 0.61, 0.73, 0.70, 0.48},
        {0.25, 0.01, 0.25, 0.31, 0.51, 0.45}};
    private static final List<String> ROWS = List.of("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7");

    @Test
    void constantBenchmarkOrTooFewModelsIsRefusedNamingIt() {
        double[][] c = {{0.1, 0.5}, {0.2, 0.5}, {0.3, 0.5}};
        Pca p = Pca.withDefaults().withBenchmarks(List.of(Benchmarks.ARC_C, Benchmarks.MMLU));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> p.fit(List.of("a", "b", "c"), c));
        assertEquals("benchmark mmlu is constant (0.500000) over the 3 models: it cannot be standardised",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> p.fit(List.of("a"), new double[][] {{0.1, 0.2}}));
        assertThrows(IllegalArgumentException.class, () -> Pca.withDefaults().withBenchmarks(List.of("mmlu")));
    }

    @Test
    void matchesNumpyEighOfTheCorrelationMatrix() {
        Pca.Result r = Pca.withDefaults().fit(ROWS, X);
        // numpy 2.4.6: C = np.corrcoef(X, rowvar=False); w, V = np.linalg.eigh(C); sorted descending; each column
        // of V flipped so that its largest-|.| entry is positive
        double[] eig = {4.6719668236315393e+00, 1.1982920953383933e+00, 7.6544829437377976e-02,
            2.6518719649329375e-02, 2.5968827230111867e-02, 7.0870471325003076e-04};
        double[] ratio = {7.7866113727192299e-01, 1.9971534922306550e-01, 1.2757471572896325e-02,
            4.4197866082215610e-03, 4.3281378716853100e-03, 1.1811745220833842e-04};
        double[] v1 = {0.4491175234967081, 0.4390019125829291, 0.45015502787208683, 0.42044156731839355,
            0.44846824048631967, 0.158228782034595};
        double[] v2 = {-0.18483356351140992, 0.24304539376273107, 0.16643505255735158, -0.3256837806124841,
            -0.2153001872786304, 0.8524322659627396};
        for (int k = 0; k < 6; k++) {
            // symmetric 6 x 6 eigenproblem in double precision: agreement to ~1e-14; 1e-10 leaves margin
            assertEquals(eig[k], r.components().get(k).eigenvalue(), 1e-10);
            assertEquals(ratio[k], r.components().get(k).explainedVarianceRatio(), 1e-10);
        }
        for (int j = 0; j < 6; j++) {
            // eigenvectors of well-separated eigenvalues (gap ≥ 1.1): error ≈ 1e-15 / gap
            assertEquals(v1[j], r.components().get(0).direction().get(j), 1e-9);
            assertEquals(v2[j], r.components().get(1).direction().get(j), 1e-9);
            assertEquals(v1[j] * Math.sqrt(eig[0]), r.components().get(0).loadings().get(j), 1e-9);
        }
        // numpy: Z = (X - X.mean(0)) / X.std(0, ddof=1); (Z @ V)[0, :2]
        assertEquals(0.19438543664315475, r.scores().get(0).get(0), 1e-9);
        assertEquals(-0.9711836363867404, r.scores().get(0).get(1), 1e-9);
        assertEquals(1, r.components().get(5).cumulativeRatio(), 1e-12);
    }

    @Test
    void squaredLoadingsOfEachBenchmarkSumToOne() {
        Pca.Result r = Pca.withDefaults().fit(ROWS, X);
        for (int j = 0; j < 6; j++) {
            double s = 0;
            for (Pca.Component c : r.components()) {
                s += c.loadings().get(j) * c.loadings().get(j);
            }
            assertEquals(1, s, 1e-10); // Σ_k λ_k v_kj² = C_jj = 1
        }
    }

    @Test
    void datasetRowsLackingABenchmarkAreExcludedWithTheReason() {
        ModelRecord full = new ModelRecord("a", "F", 1, OptionalInt.empty(),
                Map.of(Benchmarks.ARC_C, 0.2, Benchmarks.MMLU, 0.3), "", "");
        ModelRecord full2 = new ModelRecord("b", "F", 2, OptionalInt.empty(),
                Map.of(Benchmarks.ARC_C, 0.4, Benchmarks.MMLU, 0.5), "", "");
        ModelRecord full3 = new ModelRecord("c", "F", 3, OptionalInt.empty(),
                Map.of(Benchmarks.ARC_C, 0.5, Benchmarks.MMLU, 0.9), "", "");
        ModelRecord part = new ModelRecord("d", "G", 1, OptionalInt.empty(), Map.of(Benchmarks.ARC_C, 0.2), "", "");
        Dataset d = new Dataset("t", List.of(full, part, full2, full3), List.of(Benchmarks.ARC_C, Benchmarks.MMLU),
                List.of());
        Pca.Result r = Pca.withDefaults().withBenchmarks(List.of(Benchmarks.ARC_C, Benchmarks.MMLU)).fit(d);
        assertEquals(List.of("a", "b", "c"), r.models());
        assertEquals(List.of(new CompositeScores.Excluded("d", "G", "missing mmlu")), r.excluded());
        // two standardised columns with correlation ρ: eigenvalues 1 ± ρ
        double rho = 0;
        double[] a = {0.2, 0.4, 0.5};
        double[] b = {0.3, 0.5, 0.9};
        double ma = (0.2 + 0.4 + 0.5) / 3;
        double mb = (0.3 + 0.5 + 0.9) / 3;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < 3; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        rho = sab / Math.sqrt(saa * sbb);
        assertEquals(1 + rho, r.components().get(0).eigenvalue(), 1e-12);
        assertEquals(1 - rho, r.components().get(1).eigenvalue(), 1e-12);
        assertTrue(r.components().get(0).direction().stream().allMatch(v -> v > 0));
    }
}
