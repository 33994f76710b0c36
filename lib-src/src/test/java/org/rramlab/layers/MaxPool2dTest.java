package org.rramlab.layers;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The FLOAT fast path of {@link MaxPool2d} against the DOUBLE path (whose gradient LayerGradientTest checks). */
class MaxPool2dTest {

    @Test void floatPathMatchesDoublePathForwardAndBackward() {
        // odd sizes (11 x 19, as the spoken-digit CRNN's first pool) so the dropped last row and column are covered
        INDArray x = GradientCheck.random(31, 3, 4, 11, 19).castTo(DataType.FLOAT);
        INDArray gradOut = GradientCheck.random(32, 3, 4, 5, 9).castTo(DataType.FLOAT);
        MaxPool2d fast = new MaxPool2d(2), reference = new MaxPool2d(2);

        INDArray y = fast.forward(x, true);
        INDArray yRef = reference.forward(x.castTo(DataType.DOUBLE), true);
        assertEquals(DataType.FLOAT, y.dataType());
        assertArrayEquals(new long[] {3, 4, 5, 9}, y.shape());
        assertEquals(yRef.castTo(DataType.FLOAT), y);

        INDArray dx = fast.backward(gradOut);
        INDArray dxRef = reference.backward(gradOut.castTo(DataType.DOUBLE));
        assertEquals(DataType.FLOAT, dx.dataType());
        assertArrayEquals(x.shape(), dx.shape());
        assertEquals(dxRef.castTo(DataType.FLOAT), dx);
        assertEquals(gradOut.sumNumber().doubleValue(), dx.sumNumber().doubleValue(), 1e-4, "every output's gradient lands on one input");
        assertEquals(0.0, dx.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.point(10), org.nd4j.linalg.indexing.NDArrayIndex.all()).maxNumber().doubleValue(), 0,
                "the dropped last row gets no gradient");
    }

    @Test void tieGoesToTheFirstMaximumAndViewsAreRead() {
        // a window of equal values: PyTorch sends the gradient to the first; the input is a strided view
        INDArray big = Nd4j.ones(DataType.FLOAT, 1, 1, 2, 4);
        INDArray view = big.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 4));
        MaxPool2d pool = new MaxPool2d(2);
        assertEquals(1.0, pool.forward(view, true).getDouble(0), 0);
        INDArray dx = pool.backward(Nd4j.valueArrayOf(new long[] {1, 1, 1, 1}, 5f));
        assertArrayEquals(new float[] {5, 0, 0, 0}, dx.data().asFloat());
    }

    @Test void gradientOfTheWrongSizeIsRejected() {
        MaxPool2d pool = new MaxPool2d(2);
        pool.forward(Nd4j.rand(DataType.FLOAT, 1, 2, 4, 4), true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool.backward(Nd4j.zeros(DataType.FLOAT, 1, 2, 3, 3)));
        assertTrue(e.getMessage().contains("expected 8 elements"), e.getMessage());
    }
}
