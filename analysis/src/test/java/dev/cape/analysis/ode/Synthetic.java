package dev.cape.analysis.ode;

import dev.cape.analysis.data.Benchmarks;
import dev.cape.analysis.data.Dataset;
import dev.cape.analysis.data.ModelRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.DoubleUnaryOperator;

/** Synthetic families for tests: states of a known field sampled at given scales, as model records. */
final class Synthetic {

    /**
     * The known sparse Lotka–Volterra-type field used to test recovery:
     * dR/dx = 0.3 R − 0.5 R² + 0.4 R·T, dT/dx = 0.25 T − 0.3 R·T − 0.5 T²
     * (zero terms: 1, T, T² in dR/dx; 1, R, R² in dT/dx).
     */
    static final PolynomialField TRUE_FIELD = PolynomialField.of(PolynomialLibrary.ofOrder(2),
            Map.of("R", 0.3, "R^2", -0.5, "R*T", 0.4), Map.of("T", 0.25, "R*T", -0.3, "T^2", -0.5));

    private Synthetic() {
    }

    /** Classical RK4 with step h from x0 to x1 (independent of the Dormand–Prince integrator under test). */
    static double[] rk4(StateField f, double r, double t, double x0, double x1, double h) {
        int steps = (int) Math.ceil((x1 - x0) / h - 1e-9);
        if (steps <= 0) {
            return new double[] {r, t};
        }
        double dx = (x1 - x0) / steps;
        for (int i = 0; i < steps; i++) {
            double[] k1 = f.rate(r, t);
            double[] k2 = f.rate(r + dx / 2 * k1[0], t + dx / 2 * k1[1]);
            double[] k3 = f.rate(r + dx / 2 * k2[0], t + dx / 2 * k2[1]);
            double[] k4 = f.rate(r + dx * k3[0], t + dx * k3[1]);
            r += dx / 6 * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]);
            t += dx / 6 * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1]);
        }
        return new double[] {r, t};
    }

    /** A model whose three reasoning benchmarks all equal r and whose truthfulness is t. */
    static ModelRecord model(String name, String family, double x, double r, double t) {
        return new ModelRecord(name, family, Math.pow(10, x), OptionalInt.empty(),
                Map.of(Benchmarks.ARC_C, r, Benchmarks.GSM8K, r, Benchmarks.MMLU, r, Benchmarks.TRUTHFULQA_MC2, t),
                "", "synthetic");
    }

    /**
     * One family following {@code field} from (r0, t0) at xs[0], sampled at every x of {@code xs}, with optional
     * additive noise {@code noise.applyAsDouble(0)} per score.
     */
    static List<ModelRecord> family(String name, StateField field, double r0, double t0, double[] xs,
                                    DoubleUnaryOperator noise) {
        List<ModelRecord> out = new ArrayList<>();
        double r = r0;
        double t = t0;
        double x = xs[0];
        for (int i = 0; i < xs.length; i++) {
            double[] s = rk4(field, r, t, x, xs[i], 1e-3);
            r = s[0];
            t = s[1];
            x = xs[i];
            out.add(model(name + "-" + i, name, xs[i], r + noise.applyAsDouble(0), t + noise.applyAsDouble(0)));
        }
        return out;
    }

    static double[] grid(double from, double to, double step) {
        int n = (int) Math.round((to - from) / step) + 1;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = from + i * step;
        }
        return out;
    }

    /** Families F0..F(k-1) of the true field from a spread of initial states, sampled on {@code xs}. */
    static Dataset families(int k, double[] xs, DoubleUnaryOperator noise) {
        List<ModelRecord> all = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            double r0 = 0.05 + 0.5 * i / Math.max(1, k - 1);
            double t0 = 0.6 - 0.45 * ((i * 7) % k) / Math.max(1, k - 1);
            all.addAll(family("F" + i, TRUE_FIELD, r0, t0, xs, noise));
        }
        return dataset(all);
    }

    static Dataset dataset(List<ModelRecord> models) {
        return new Dataset("synthetic", models, List.of(Benchmarks.ARC_C, Benchmarks.GSM8K, Benchmarks.MMLU,
                Benchmarks.TRUTHFULQA_MC2), List.of());
    }
}
