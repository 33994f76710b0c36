package org.rramlab.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Freeing native buffers: reshapes of fresh arrays are freed whole, parts of buffers never. */
class BuffersTest {

    @Test
    void freeWholeFreesAReshapeAndTheArrayItCameFrom() {
        INDArray fresh = Nd4j.createUninitialized(DataType.FLOAT, 6, 20);
        INDArray reshaped = fresh.reshape('c', 2, 3, 4, 5);
        assertTrue(reshaped.isView(), "ND4J marks a reshape a view (why free() alone skips it)");
        Buffers.free(reshaped);
        assertFalse(fresh.wasClosed(), "free() leaves views alone");
        Buffers.freeWhole(reshaped);
        assertTrue(fresh.wasClosed());
        assertTrue(reshaped.wasClosed());
        Buffers.freeWhole(reshaped);   // a second call is harmless
    }

    @Test
    void freeWholeLeavesAPartOfABufferAlone() {
        INDArray owner = Nd4j.rand(DataType.FLOAT, 6, 20);
        INDArray rows = owner.get(NDArrayIndex.interval(2, 4), NDArrayIndex.all());
        Buffers.freeWhole(rows);
        assertFalse(owner.wasClosed());
        assertEquals(120, owner.length());
        Buffers.freeWhole(owner);
        assertTrue(owner.wasClosed());
    }

    @Test
    void sequentialFreesReshapedOutputsAndGradientsOnceTheyAreDead() {
        Reshaping first = new Reshaping();
        Sequential model = new Sequential(first, new Flatten(), new Relu());
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 2, 2, 2);
        INDArray y = model.forward(x, true);
        INDArray gradOut = Nd4j.ones(DataType.FLOAT, y.shape());
        INDArray gradIn = model.backward(gradOut);
        // the first layer's output (a reshape of a fresh array) was an intermediate: dead after backward
        assertTrue(first.lastOutput.wasClosed(), "the reshaped output between layers was left to the collector");
        // Relu's input gradient, reshaped by Flatten's backward, was dead once the first layer had used it
        assertTrue(first.lastGradientIn.wasClosed(), "the gradient between layers was left to the collector");
        assertFalse(x.wasClosed(), "the caller's input stays");
        assertFalse(gradOut.wasClosed(), "the caller's gradient stays");
        assertFalse(gradIn.wasClosed(), "the returned gradient stays");
        assertFalse(y.wasClosed(), "the returned output stays");
        assertEquals(x.length(), gradIn.length());
    }

    /** Doubles its input into a fresh array and returns a reshape of it, as the im2col convolution does. */
    private static final class Reshaping implements Layer {
        INDArray lastOutput, lastGradientIn;

        @Override public INDArray forward(INDArray x, boolean training) {
            lastOutput = x.mul(2).reshape('c', x.size(0), x.length() / x.size(0));
            return lastOutput;
        }

        @Override public INDArray backward(INDArray gradOut) {
            lastGradientIn = gradOut;
            return gradOut.mul(2).reshape('c', 3, 2, 2, 2);
        }
    }
}
