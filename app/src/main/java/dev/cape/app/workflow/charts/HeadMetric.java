package dev.cape.app.workflow.charts;

import dev.cape.inference.heads.HeadResult;
import java.util.Arrays;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** What the head map colours: one number of each {@link HeadResult}, with its label and command-line id. */
public enum HeadMetric {
    TRUTH_Z("truth-z", "truth z (permutation)", HeadResult::truthZ),
    REASONING_Z("reasoning-z", "reasoning z (permutation)", HeadResult::reasoningZ),
    TRUTH_SIGMA("truth-sigma", "truth effect (σ)", HeadResult::truthEffect),
    REASONING_SIGMA("reasoning-sigma", "reasoning effect (σ)", HeadResult::reasoningEffect),
    ABLATION("ablation", "ablation effect on the truth probe (σ)", HeadResult::ablationEffect);

    private final String id;
    private final String label;
    private final ToDoubleFunction<HeadResult> value;

    HeadMetric(String id, String label, ToDoubleFunction<HeadResult> value) {
        this.id = id;
        this.label = label;
        this.value = value;
    }

    /** The command-line name, e.g. {@code truth-z}. */
    public String id() {
        return id;
    }

    /** What the number means, for titles and legends. */
    public String label() {
        return label;
    }

    /** The head's value of this metric (NaN for an ablation that was not measured). */
    public double of(HeadResult head) {
        return value.applyAsDouble(head);
    }

    /** The metric with this id; refuses others, listing the ids. */
    public static HeadMetric parse(String id) {
        for (HeadMetric m : values()) {
            if (m.id.equals(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown head metric '" + id + "', expected one of "
                + Arrays.stream(values()).map(HeadMetric::id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return label;
    }
}
