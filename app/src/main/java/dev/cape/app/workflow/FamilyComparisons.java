package dev.cape.app.workflow;

import dev.cape.analysis.compare.MatchedScaleComparison;
import dev.cape.analysis.coupling.FamilyScores;
import dev.cape.analysis.coupling.KernelCoupling;
import dev.cape.analysis.diagnosis.Composites;
import dev.cape.analysis.data.Dataset;
import dev.cape.analysis.resampling.RandomStreams;
import java.util.List;

/**
 * Two families' coupling at matched scale, as {@code cape compare} and the workbench's family tab compute it: R and T
 * from the chosen benchmarks, the kernel coupling with bandwidth h, a bootstrap per family with its seed.
 */
public final class FamilyComparisons {

    private FamilyComparisons() {
    }

    /**
     * @param at the size in billions to compare at, or null for every size of either family inside the overlap of
     *           their observed ranges
     * @throws IllegalArgumentException naming the available families when one is absent, or when the ranges do not
     *                                  overlap
     */
    public static MatchedScaleComparison.Result compare(Dataset data, List<String> reasoning, String truth,
            double bandwidth, int bootstrap, long seed, String familyA, String familyB, Double at) {
        MatchedScaleComparison cmp = MatchedScaleComparison.withDefaults()
                .with(KernelCoupling.withDefaults().withBandwidth(bandwidth)).withBootstrap(bootstrap)
                .withRandom(RandomStreams.of(seed));
        Composites.Split split = Composites.of(data, reasoning, truth);
        FamilyScores a = split.require(familyA);
        FamilyScores b = split.require(familyB);
        return at == null ? cmp.compare(a, b) : cmp.compare(a, b, at);
    }
}
