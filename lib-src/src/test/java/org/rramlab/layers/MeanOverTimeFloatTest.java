package org.rramlab.layers;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The Java mean over time against ND4J's mean and broadcast (the formulation it replaced), in FLOAT: bit for bit. */
class MeanOverTimeFloatTest {

    @Test void floatMeanAndGradientEqualNd4j() {
        for (int steps : new int[] {1, 4, 7}) {
            INDArray x = GradientCheck.random(90 + steps, 30, steps, 128).muli(3).castTo(DataType.FLOAT);
            INDArray g = GradientCheck.random(95 + steps, 30, 128).castTo(DataType.FLOAT);
            MeanOverTime layer = new MeanOverTime();
            INDArray out = layer.forward(x, true);
            assertEquals(DataType.FLOAT, out.dataType());
            assertArrayEquals(x.mean(1).data().asFloat(), out.data().asFloat(), "mean over " + steps + " steps");
            INDArray dx = layer.backward(g);
            INDArray want = g.div(steps).reshape('c', 30, 1, 128).broadcast(30, steps, 128).dup('c');
            assertArrayEquals(want.shape(), dx.shape());
            assertArrayEquals(want.data().asFloat(), dx.data().asFloat(), "gradient over " + steps + " steps");
        }
    }

    @Test void nonContiguousInput() {
        INDArray x = GradientCheck.random(99, 4, 30, 16).castTo(DataType.FLOAT).permute(1, 0, 2);   // [30, 4, 16], a view
        assertArrayEquals(x.dup('c').mean(1).data().asFloat(), new MeanOverTime().forward(x, false).data().asFloat());
    }
}
