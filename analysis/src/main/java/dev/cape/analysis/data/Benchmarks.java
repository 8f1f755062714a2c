package dev.cape.analysis.data;

import java.util.List;

/** Canonical benchmark ids used as score keys throughout the analysis. */
public final class Benchmarks {

    public static final String ARC_C = "arc_c";
    public static final String GSM8K = "gsm8k";
    public static final String MMLU = "mmlu";
    public static final String HELLASWAG = "hellaswag";
    public static final String WINOGRANDE = "winogrande";
    public static final String TRUTHFULQA_MC2 = "truthfulqa_mc2";

    /** Default reasoning composite of the method (§1): ARC-Challenge, GSM8K, MMLU. */
    public static final List<String> DEFAULT_REASONING = List.of(ARC_C, GSM8K, MMLU);
    /** Default truthfulness metric of the method (§1): TruthfulQA MC2. */
    public static final String DEFAULT_TRUTH = TRUTHFULQA_MC2;

    private Benchmarks() {
    }
}
