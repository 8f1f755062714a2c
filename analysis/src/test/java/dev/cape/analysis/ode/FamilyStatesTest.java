package dev.cape.analysis.ode;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FamilyStatesTest {

    @Test
    void singleSizeFamilyHasNoDerivativeSample() {
        FamilyStates f = FamilyStates.of(CompositeScores.withDefaults().compute(List.of(
                Synthetic.model("a", "F", 0, 0.2, 0.3), Synthetic.model("b", "F", 0, 0.4, 0.5))).scored()).get(0);
        assertEquals(1, f.distinctSizes());
        assertTrue(f.derivativeSamples().isEmpty());
    }

    @Test
    void equalSizesAreAveragedAndSaidSoThenDifferencedAtMidpoints() {
        // sizes 10^0 = 1B (two models), 10^1 = 10B, 10^0.5; input deliberately unsorted
        List<CompositeScores.Scored> s = CompositeScores.withDefaults().compute(List.of(
                Synthetic.model("big", "F", 1, 0.5, 0.25),
                Synthetic.model("a", "F", 0, 0.25, 0.5),
                Synthetic.model("mid", "F", 0.5, 0.375, 0.5),
                Synthetic.model("b", "F", 0, 0.125, 0.25))).scored();
        FamilyStates f = FamilyStates.of(s).get(0);
        assertEquals(3, f.distinctSizes());
        assertEquals(List.of("a", "b"), f.sizes().get(0).models());
        assertEquals(0.1875, f.sizes().get(0).r(), 1e-15);
        assertEquals(0.375, f.sizes().get(0).t(), 1e-15);
        assertEquals(1, f.notes().size());
        assertTrue(f.notes().get(0).contains("2 models at 1.0B averaged"), f.notes().get(0));
        List<FamilyStates.DerivativeSample> d = f.derivativeSamples();
        assertEquals(2, d.size());
        // (0.375 - 0.1875) / 0.5 and (0.5 - 0.375) / 0.5, midpoint R (0.1875 + 0.375) / 2
        assertEquals(0.375, d.get(0).dR(), 1e-12);
        assertEquals(0.25, d.get(0).dT(), 1e-12);
        assertEquals(0.28125, d.get(0).r(), 1e-15);
        assertEquals(0.25, d.get(0).xMid(), 1e-15);
        assertEquals(0.25, d.get(1).dR(), 1e-12);
        assertEquals(-0.5, d.get(1).dT(), 1e-12);
    }
}
