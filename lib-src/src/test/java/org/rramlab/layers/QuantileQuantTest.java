package org.rramlab.layers;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The authors' quantile quantiser, pinned to values worked out by hand from their script's formula. */
class QuantileQuantTest {

    @Test void levelsAtQuantilesOfTheValues() {
        // 16 values 0..15, 2 bits: levels at sorted[round((k + 0.5)/4 * 16)] = sorted[2], [6], [10], [14]
        QuantileQuant q = new QuantileQuant(2, false);
        double[] sorted = new double[16];
        for (int i = 0; i < 16; i++) sorted[i] = i;
        assertArrayEquals(new double[] {2, 6, 10, 14}, q.levels(sorted));
        // the levels come from the tensor itself: the same 16 values in another order; midpoints 4, 8, 12, and values
        // on a midpoint go to the lower level
        INDArray x = Nd4j.createFromArray(15.0, 0.0, 4.0, 5.0, 8.0, 9.0, 12.0, 13.0, 1.0, 2.0, 3.0, 6.0, 7.0, 10.0, 11.0, 14.0);
        assertArrayEquals(new double[] {14, 2, 2, 6, 6, 10, 10, 14, 2, 2, 2, 6, 6, 10, 10, 14}, q.apply(x).toDoubleVector(), 0);
    }

    @Test void afterReluKeepsZeroAndSpreadsTheOtherLevelsOverTheNonZeros() {
        // 4 zeros + 6 non-zeros 1..6, 2 bits: level 0 = 0, then 3 levels at nonzero index round((k + 0.5)/3 * 6) = 1, 3, 5
        QuantileQuant q = new QuantileQuant(2, true);
        double[] sorted = {0, 0, 0, 0, 1, 2, 3, 4, 5, 6};
        assertArrayEquals(new double[] {0, 2, 4, 6}, q.levels(sorted));
        INDArray out = q.apply(Nd4j.createFromArray(sorted).reshape(2, 5));
        assertArrayEquals(new long[] {2, 5}, out.shape());
        assertArrayEquals(new double[] {0, 0, 0, 0, 0, 2, 2, 4, 4, 6}, out.reshape(10).toDoubleVector(), 0);
    }

    @Test void atMostTwoToTheBitsDistinctValuesAndStraightThroughGradient() {
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.randn(org.nd4j.linalg.api.buffer.DataType.FLOAT, 20, 30);
        INDArray q = new QuantileQuant(3, false).forward(x, true);
        assertTrue(Arrays.stream(q.data().asDouble()).distinct().count() <= 8);
        assertEquals(q.dataType(), x.dataType());
        INDArray g = Nd4j.rand(20, 30);
        assertSame(g, new QuantileQuant(3, false).backward(g));
        assertThrows(IllegalArgumentException.class, () -> new QuantileQuant(0, true));
    }
}
