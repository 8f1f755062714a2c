package dev.cape.analysis.ode;

import dev.cape.analysis.data.Benchmarks;
import dev.cape.analysis.data.Dataset;
import dev.cape.analysis.data.ModelRecord;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Composite reasoning and truthfulness scores of models (method §1).
 *
 * <p>R = arithmetic mean of the selected reasoning benchmarks (default {@link Benchmarks#DEFAULT_REASONING}),
 * T = the selected truthfulness benchmark (default {@link Benchmarks#DEFAULT_TRUTH}). A model lacking any selected
 * benchmark is excluded and listed with the missing benchmark ids as the reason.
 */
public final class CompositeScores {

    private final List<String> reasoning;
    private final String truth;

    private CompositeScores(List<String> reasoning, String truth) {
        this.reasoning = reasoning;
        this.truth = truth;
    }

    /** Reasoning = {arc_c, gsm8k, mmlu}, truthfulness = truthfulqa_mc2. */
    public static CompositeScores withDefaults() {
        return new CompositeScores(Benchmarks.DEFAULT_REASONING, Benchmarks.DEFAULT_TRUTH);
    }

    /** The reasoning benchmarks whose mean is R; non-empty, no blanks, no duplicates. */
    public CompositeScores withReasoning(List<String> benchmarks) {
        Objects.requireNonNull(benchmarks, "benchmarks");
        if (benchmarks.isEmpty()) {
            throw new IllegalArgumentException("reasoning benchmarks must not be empty: " + benchmarks);
        }
        for (String b : benchmarks) {
            if (b == null || b.isBlank()) {
                throw new IllegalArgumentException("reasoning benchmark ids must not be blank: " + benchmarks);
            }
        }
        if (new LinkedHashSet<>(benchmarks).size() != benchmarks.size()) {
            throw new IllegalArgumentException("reasoning benchmarks must not repeat: " + benchmarks);
        }
        return new CompositeScores(List.copyOf(benchmarks), truth);
    }

    /** The truthfulness benchmark T. */
    public CompositeScores withTruth(String benchmark) {
        if (benchmark == null || benchmark.isBlank()) {
            throw new IllegalArgumentException("truth benchmark must not be blank: " + benchmark);
        }
        return new CompositeScores(reasoning, benchmark);
    }

    public List<String> reasoning() {
        return reasoning;
    }

    public String truth() {
        return truth;
    }

    /** Scores every model of the data set. */
    public Result compute(Dataset data) {
        return compute(data.models());
    }

    /** Scores the given models, in order. */
    public Result compute(List<ModelRecord> models) {
        List<Scored> scored = new ArrayList<>();
        List<Excluded> excluded = new ArrayList<>();
        for (ModelRecord m : models) {
            List<String> missing = new ArrayList<>();
            double sum = 0;
            for (String b : reasoning) {
                OptionalDouble s = m.score(b);
                if (s.isPresent() && Double.isFinite(s.getAsDouble())) {
                    sum += s.getAsDouble();
                } else {
                    missing.add(b);
                }
            }
            OptionalDouble t = m.score(truth);
            if (t.isEmpty() || !Double.isFinite(t.getAsDouble())) {
                missing.add(truth);
            }
            if (missing.isEmpty()) {
                scored.add(new Scored(m, sum / reasoning.size(), t.getAsDouble()));
            } else {
                excluded.add(new Excluded(m.model(), m.family(), "missing " + String.join(", ", missing)));
            }
        }
        return new Result(reasoning, truth, scored, excluded);
    }

    /**
     * A model with its composite scores.
     *
     * @param model the model record
     * @param r     reasoning composite R
     * @param t     truthfulness T
     */
    public record Scored(ModelRecord model, double r, double t) {
        public Scored {
            Objects.requireNonNull(model, "model");
        }

        /** x = log10 N (N in billions). */
        public double x() {
            return model.log10Params();
        }
    }

    /**
     * A model left out of an analysis.
     *
     * @param model  model name
     * @param family family name
     * @param reason why, e.g. "missing gsm8k"
     */
    public record Excluded(String model, String family, String reason) {
    }

    /**
     * Scored and excluded models with the benchmark selection used.
     *
     * @param reasoning reasoning benchmarks averaged into R
     * @param truth     truthfulness benchmark T
     * @param scored    models with both scores, in input order
     * @param excluded  models lacking a selected benchmark, with the reason
     */
    public record Result(List<String> reasoning, String truth, List<Scored> scored, List<Excluded> excluded) {
        public Result {
            reasoning = List.copyOf(reasoning);
            scored = List.copyOf(scored);
            excluded = List.copyOf(excluded);
        }
    }
}
