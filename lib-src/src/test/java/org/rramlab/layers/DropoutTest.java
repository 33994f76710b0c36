package org.rramlab.layers;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DropoutTest {
    @Test void evaluationPassesThrough() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 10);
        Dropout d = new Dropout(0.5, 1);
        assertSame(x, d.forward(x, false));
        INDArray g = Nd4j.rand(DataType.FLOAT, 4, 10);
        assertSame(g, d.backward(g));
        assertEquals(0, d.passes(), "evaluation passes do not advance the mask generator");
    }

    @Test void trainingDropsTheRateAndScalesTheRest() {
        INDArray x = Nd4j.ones(DataType.FLOAT, 200, 500);
        Dropout d = new Dropout(0.2, 7);
        INDArray y = d.forward(x, true);
        double dropped = y.eq(0).castTo(DataType.FLOAT).meanNumber().doubleValue();
        assertEquals(0.2, dropped, 0.005, "fraction zeroed");
        assertEquals(1 / 0.8, y.maxNumber().doubleValue(), 1e-6, "kept units scaled by 1/(1 - rate)");
        assertEquals(1, y.meanNumber().doubleValue(), 0.01, "the mean is preserved");
        INDArray g = Nd4j.ones(DataType.FLOAT, 200, 500);
        assertEquals(y, d.backward(g), "the gradient goes through the same mask");
    }

    @Test void seekReproducesTheMasks() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 50);
        Dropout a = new Dropout(0.3, 9), b = new Dropout(0.3, 9);
        a.forward(x, true);
        INDArray second = a.forward(x, true);
        assertNotEquals(second, b.forward(x, true), "each pass draws a new mask");
        b.seek(1);
        assertEquals(second, b.forward(x, true));
        assertEquals(2, b.passes());
    }

    @Test void badRateNamesTheField() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Dropout(1, 1));
        assertTrue(e.getMessage().contains("dropout rate") && e.getMessage().contains("1.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Dropout(0.5, 1).seek(-1));
    }
}
