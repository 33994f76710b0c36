package org.rramlab.kernel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

/** The install script records its class-data archive by running {@code --warm-up}; it must work and return. */
class WarmUpTest {
    @Test
    void warmUpEvaluatesAFirstCellAndReturns() {
        assertDoesNotThrow(() -> RramlabKernel.main(new String[]{RramlabKernel.WARM_UP}));
    }
}
