package org.rramlab;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The native backend loads and multiplies correctly on this platform. */
class Nd4jSmokeTest {
    @Test
    void nativeBackendMultiplies() {
        INDArray a = Nd4j.create(new float[][]{{1, 2}, {3, 4}});
        INDArray b = Nd4j.create(new float[][]{{5, 6}, {7, 8}});
        INDArray c = a.mmul(b);
        assertEquals(19f, c.getFloat(0, 0), 1e-6);
        assertEquals(50f, c.getFloat(1, 1), 1e-6);
    }
}
