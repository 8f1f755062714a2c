package dev.cape.analysis.phase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PhaseTest {

    @Test
    void rejectsTauOutsideUnitInterval() {
        assertThrows(IllegalArgumentException.class, () -> Phase.checkTau(-0.1));
        assertThrows(IllegalArgumentException.class, () -> Phase.checkTau(1.0));
    }

    @Test
    void thresholdsAreInclusive() {
        assertEquals(Phase.TAX, Phase.of(-0.2, 0.2));
        assertEquals(Phase.TRANSITION, Phase.of(-0.19999, 0.2));
        assertEquals(Phase.TRANSITION, Phase.of(0.19999, 0.2));
        assertEquals(Phase.COOPERATIVE, Phase.of(0.2, 0.2));
        assertEquals(Phase.UNDEFINED, Phase.of(Double.NaN, 0.2));
        assertEquals("cooperative", Phase.COOPERATIVE.id());
    }
}
