package org.rramlab.layers;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The quantile quantiser's FLOAT path (float sort, bulk copies) against its DOUBLE path: the same values, bit for bit. */
class QuantileQuantFloatTest {

    private static void sameAsDouble(QuantileQuant q, INDArray x) {
        INDArray fromFloat = q.apply(x.castTo(DataType.FLOAT));
        INDArray fromDouble = q.apply(x.castTo(DataType.FLOAT).castTo(DataType.DOUBLE)).castTo(DataType.FLOAT);
        assertEquals(DataType.FLOAT, fromFloat.dataType());
        assertArrayEquals(x.shape(), fromFloat.shape());
        assertArrayEquals(fromDouble.data().asFloat(), fromFloat.data().asFloat(), q.describe() + " on " + java.util.Arrays.toString(x.shape()));
    }

    @Test void floatPathEqualsDoublePath() {
        for (int bits : new int[] {1, 3, 8}) {
            INDArray signed = GradientCheck.random(60 + bits, 30, 64, 5, 9);
            sameAsDouble(new QuantileQuant(bits, false), signed);
            // after ReLU: many exact zeros, and ties on the levels from a coarse grid
            INDArray relu = Transforms.relu(GradientCheck.random(70 + bits, 30, 128), true);
            sameAsDouble(new QuantileQuant(bits, true), relu);
            sameAsDouble(new QuantileQuant(bits, true), Transforms.round(relu.mul(4), true));
        }
    }

    @Test void viewsAndTinyTensors() {
        INDArray x = GradientCheck.random(80, 6, 8).castTo(DataType.FLOAT);
        sameAsDouble(new QuantileQuant(3, false), x.transpose());   // not c-order
        sameAsDouble(new QuantileQuant(3, true), Transforms.relu(x.getRow(2), true));
        sameAsDouble(new QuantileQuant(2, true), GradientCheck.random(81, 1));
    }
}
