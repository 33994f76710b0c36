package org.rramlab.device;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.*;

class GaussianNoiseTest {
    @Test
    void standardNormalAndDeterministic() {
        INDArray a = Nd4j.create(DataType.FLOAT, 512, 512), b = a.like();
        GaussianNoise n1 = new GaussianNoise(42), n2 = new GaussianNoise(42);
        n1.fill(a);
        n2.fill(b);
        assertEquals(a, b);
        assertEquals(0, a.meanNumber().doubleValue(), 0.01);
        assertEquals(1, a.stdNumber().doubleValue(), 0.01);
        n1.fill(a);
        assertNotEquals(b, a, "each fill draws new numbers");
        INDArray view = Nd4j.create(DataType.FLOAT, 10, 10).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 5),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        new GaussianNoise(1).fill(view);
        assertTrue(view.norm2Number().doubleValue() > 0);
        var e = assertThrows(IllegalArgumentException.class, () -> n1.fill(Nd4j.create(DataType.DOUBLE, 3)));
        assertTrue(e.getMessage().contains("DOUBLE"), e.getMessage());
    }

    @Test
    void seekReproducesTheDrawsAfterThatManyFills() {
        GaussianNoise a = new GaussianNoise(5), b = new GaussianNoise(5);
        INDArray x = Nd4j.create(DataType.FLOAT, 100), y = Nd4j.create(DataType.FLOAT, 100);
        a.fill(x);
        a.fill(x);
        assertEquals(2, a.draws());
        b.seek(2);
        a.fill(x);
        b.fill(y);
        assertEquals(x, y);
        assertEquals(3, b.draws());
        assertThrows(IllegalArgumentException.class, () -> b.seek(-1));
    }
}
