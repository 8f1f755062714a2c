package dev.cape.analysis.ode;

import dev.cape.analysis.data.Benchmarks;
import dev.cape.analysis.data.Dataset;
import dev.cape.analysis.data.ModelRecord;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealVector;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Principal component analysis of the standardised benchmark matrix (method §7).
 *
 * <p>Rows are the models with every chosen benchmark (others are excluded with the reason), columns the benchmarks.
 * Each column is standardised, z = (x − mean) / sd with the sample standard deviation (ddof = 1), so the analysed
 * matrix is the correlation matrix C = ZᵀZ / (n − 1) (NumPy {@code numpy.linalg.eigh(numpy.corrcoef(X, rowvar=False))}
 * or scikit-learn {@code PCA} on {@code StandardScaler(ddof=1)} data). Eigenvalues are sorted in decreasing order;
 * explained variance ratio = λ_k / Σλ = λ_k / p. <b>Sign convention:</b> each unit eigenvector (direction) is
 * flipped so that its entry of largest absolute value is positive (the first such entry on ties). Loadings are
 * direction · √λ_k, the correlations of the benchmarks with the component; scores are Z · direction.
 */
public final class Pca {

    /** The six leaderboard benchmarks of the bundled base-model table. */
    public static final List<String> DEFAULT_BENCHMARKS = List.of(Benchmarks.ARC_C, Benchmarks.GSM8K, Benchmarks.MMLU,
            Benchmarks.HELLASWAG, Benchmarks.WINOGRANDE, Benchmarks.TRUTHFULQA_MC2);

    private final List<String> benchmarks;

    private Pca(List<String> benchmarks) {
        this.benchmarks = benchmarks;
    }

    /** Benchmarks {@link #DEFAULT_BENCHMARKS}. */
    public static Pca withDefaults() {
        return new Pca(DEFAULT_BENCHMARKS);
    }

    /** The benchmark columns: at least 2, no blanks, no duplicates. */
    public Pca withBenchmarks(List<String> ids) {
        Objects.requireNonNull(ids, "ids");
        if (ids.size() < 2 || ids.stream().anyMatch(s -> s == null || s.isBlank())
                || new LinkedHashSet<>(ids).size() != ids.size()) {
            throw new IllegalArgumentException("benchmarks must be >= 2 distinct non-blank ids: " + ids);
        }
        return new Pca(List.copyOf(ids));
    }

    public List<String> benchmarks() {
        return benchmarks;
    }

    /**
     * One principal component.
     *
     * @param index                   1-based rank
     * @param eigenvalue              λ_k, variance of the component in standardised units
     * @param explainedVarianceRatio  λ_k / Σλ
     * @param cumulativeRatio         sum of the ratios up to this component
     * @param direction               unit eigenvector, one entry per benchmark (sign convention in the class doc)
     * @param loadings                direction · √λ_k (0 where λ_k ≤ 0)
     */
    public record Component(int index, double eigenvalue, double explainedVarianceRatio, double cumulativeRatio,
                            List<Double> direction, List<Double> loadings) {
        public Component {
            direction = List.copyOf(direction);
            loadings = List.copyOf(loadings);
        }
    }

    /**
     * A PCA with its inputs.
     *
     * @param benchmarks         the columns, in order
     * @param models             the rows (complete models), in data order
     * @param excluded           models without every benchmark, with the reason
     * @param means              column means
     * @param standardDeviations column sample standard deviations (ddof = 1)
     * @param components         all p components, decreasing eigenvalue
     * @param scores             per model, its coordinates on every component
     */
    public record Result(List<String> benchmarks, List<String> models, List<CompositeScores.Excluded> excluded,
                         List<Double> means, List<Double> standardDeviations, List<Component> components,
                         List<List<Double>> scores) {
        public Result {
            benchmarks = List.copyOf(benchmarks);
            models = List.copyOf(models);
            excluded = List.copyOf(excluded);
            means = List.copyOf(means);
            standardDeviations = List.copyOf(standardDeviations);
            components = List.copyOf(components);
            scores = scores.stream().map(List::copyOf).toList();
        }
    }

    /** PCA over the models of the data set that have every chosen benchmark. */
    public Result fit(Dataset data) {
        List<String> rows = new ArrayList<>();
        List<double[]> x = new ArrayList<>();
        List<CompositeScores.Excluded> excluded = new ArrayList<>();
        for (ModelRecord m : data.models()) {
            double[] row = new double[benchmarks.size()];
            List<String> missing = new ArrayList<>();
            for (int j = 0; j < row.length; j++) {
                OptionalDouble v = m.score(benchmarks.get(j));
                if (v.isPresent() && Double.isFinite(v.getAsDouble())) {
                    row[j] = v.getAsDouble();
                } else {
                    missing.add(benchmarks.get(j));
                }
            }
            if (missing.isEmpty()) {
                rows.add(m.model());
                x.add(row);
            } else {
                excluded.add(new CompositeScores.Excluded(m.model(), m.family(), "missing " + String.join(", ", missing)));
            }
        }
        return fit(rows, x.toArray(new double[0][]), excluded);
    }

    /** PCA of a complete matrix: {@code x[i][j]} = score of row i on benchmark j of {@link #benchmarks()}. */
    public Result fit(List<String> rowNames, double[][] x) {
        return fit(rowNames, x, List.of());
    }

    private Result fit(List<String> rowNames, double[][] x, List<CompositeScores.Excluded> excluded) {
        int n = x.length;
        int p = benchmarks.size();
        if (rowNames.size() != n) {
            throw new IllegalArgumentException("need one row name per row (" + n + "): " + rowNames.size());
        }
        if (n < 2) {
            throw new IllegalArgumentException("PCA needs >= 2 models with every benchmark " + benchmarks + ": " + n
                    + (excluded.isEmpty() ? "" : " (" + excluded.size() + " excluded)"));
        }
        double[] mean = new double[p];
        double[] sd = new double[p];
        for (int i = 0; i < n; i++) {
            if (x[i].length != p) {
                throw new IllegalArgumentException("row " + rowNames.get(i) + " must have " + p + " scores: "
                        + x[i].length);
            }
            for (int j = 0; j < p; j++) {
                if (!Double.isFinite(x[i][j])) {
                    throw new IllegalArgumentException("score of " + rowNames.get(i) + " on " + benchmarks.get(j)
                            + " must be finite: " + x[i][j]);
                }
                mean[j] += x[i][j] / n;
            }
        }
        for (int j = 0; j < p; j++) {
            double v = 0;
            for (double[] row : x) {
                v += (row[j] - mean[j]) * (row[j] - mean[j]);
            }
            sd[j] = Math.sqrt(v / (n - 1));
            if (!(sd[j] > 1e-12 * Math.max(1, Math.abs(mean[j])))) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "benchmark %s is constant (%.6g) over the %d models: it cannot be standardised",
                        benchmarks.get(j), mean[j], n));
            }
        }
        double[][] z = new double[n][p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                z[i][j] = (x[i][j] - mean[j]) / sd[j];
            }
        }
        double[][] c = new double[p][p];
        for (int a = 0; a < p; a++) {
            for (int b = a; b < p; b++) {
                double s = 0;
                for (double[] row : z) {
                    s += row[a] * row[b];
                }
                c[a][b] = s / (n - 1);
                c[b][a] = c[a][b];
            }
        }
        EigenDecomposition ed = new EigenDecomposition(new Array2DRowRealMatrix(c, false));
        double[] values = ed.getRealEigenvalues();
        Integer[] order = new Integer[p];
        for (int k = 0; k < p; k++) {
            order[k] = k;
        }
        java.util.Arrays.sort(order, (u, v) -> Double.compare(values[v], values[u]));
        double total = 0;
        for (double v : values) {
            total += v;
        }
        List<Component> comps = new ArrayList<>();
        double[][] dirs = new double[p][];
        double cum = 0;
        for (int k = 0; k < p; k++) {
            int idx = order[k];
            RealVector ev = ed.getEigenvector(idx);
            double[] dir = ev.mapDivide(ev.getNorm()).toArray();
            int big = 0;
            for (int j = 1; j < p; j++) {
                if (Math.abs(dir[j]) > Math.abs(dir[big]) + 1e-12) {
                    big = j;
                }
            }
            if (dir[big] < 0) {
                for (int j = 0; j < p; j++) {
                    dir[j] = -dir[j];
                }
            }
            dirs[k] = dir;
            double lambda = values[idx];
            double ratio = lambda / total;
            cum += ratio;
            List<Double> d = new ArrayList<>();
            List<Double> l = new ArrayList<>();
            for (double v : dir) {
                d.add(v);
                l.add(lambda > 0 ? v * Math.sqrt(lambda) : 0.0);
            }
            comps.add(new Component(k + 1, lambda, ratio, cum, d, l));
        }
        List<List<Double>> scores = new ArrayList<>();
        for (double[] row : z) {
            List<Double> s = new ArrayList<>();
            for (int k = 0; k < p; k++) {
                double v = 0;
                for (int j = 0; j < p; j++) {
                    v += row[j] * dirs[k][j];
                }
                s.add(v);
            }
            scores.add(s);
        }
        List<Double> m = new ArrayList<>();
        List<Double> s = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            m.add(mean[j]);
            s.add(sd[j]);
        }
        return new Result(benchmarks, rowNames, excluded, m, s, comps, scores);
    }
}
