package org.rramlab.bench;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** The step trace runs both networks and prints a row per layer with its figures (their values are the machine's). */
class StepTraceTest {

    @Test void tracesEveryLayerOfBothNetworks() {
        String mlp = StepTrace.trace("mlp", 2, 1);
        assertTrue(mlp.startsWith("mlp, batch 128, 2 steps after 1"), mlp);
        for (String layer : new String[] {"fc 784->512", "fc 512->512", "fc 512->10", "relu"}) assertTrue(mlp.contains(layer), layer + " in\n" + mlp);
        assertTrue(mlp.lines().anyMatch(l -> l.startsWith("loss ") && l.contains("SGD") && l.contains("whole step")), mlp);
        String cnn = StepTrace.trace("cnn", 1, 0);
        assertTrue(cnn.contains("conv 1->64 3x3") && cnn.contains("conv 64->16 3x3") && cnn.contains("maxpool"), cnn);
        assertEquals(2 + 15 + 1, cnn.lines().count(), "title, header, the CNN's 15 layers, the totals:\n" + cnn);
        assertThrows(IllegalArgumentException.class, () -> StepTrace.trace("mlp", 0, 0));
    }
}
