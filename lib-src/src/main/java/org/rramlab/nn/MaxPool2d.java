package org.rramlab.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Non-overlapping max pooling, window = stride = {@code size}, on [n, c, h, w]. Rows/columns that do not fill a
 * window are dropped (PyTorch's floor mode). Written as reshape + max, a few ND4J ops, instead of ND4J's pooling op.
 * The gradient goes to every position equal to its window's maximum (exact ties are rare after a convolution).
 */
public final class MaxPool2d implements Layer {
    private final int size;
    private long[] inShape;
    private INDArray windows;   // [n, c, oh, size, ow, size] view of the (cropped) input
    private INDArray pooled;    // [n, c, oh, 1, ow, 1]

    public MaxPool2d(int size) {
        if (size < 1) throw new IllegalArgumentException("size: expected >= 1, got " + size);
        this.size = size;
    }

    @Override public INDArray forward(INDArray x, boolean training) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException("maxpool input: expected [n, c, h, w], got " + java.util.Arrays.toString(x.shape()));
        }
        inShape = x.shape();
        long oh = inShape[2] / size, ow = inShape[3] / size;
        if (oh == 0 || ow == 0) {
            throw new IllegalArgumentException("maxpool " + size + ": input " + inShape[2] + "x" + inShape[3] + " is smaller than the window");
        }
        INDArray cropped = (oh * size == inShape[2] && ow * size == inShape[3]) ? x
                : x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, oh * size), NDArrayIndex.interval(0, ow * size)).dup('c');
        windows = cropped.reshape('c', inShape[0], inShape[1], oh, size, ow, size);
        pooled = windows.max(true, 3, 5);
        return pooled.reshape('c', inShape[0], inShape[1], oh, ow);
    }

    @Override public INDArray backward(INDArray gradOut) {
        long oh = inShape[2] / size, ow = inShape[3] / size;
        INDArray g = gradOut.reshape('c', inShape[0], inShape[1], oh, 1, ow, 1);
        INDArray isMax = windows.eq(pooled.broadcast(windows.shape())).castTo(gradOut.dataType());
        INDArray gradWindows = isMax.muli(g.broadcast(windows.shape()));
        INDArray grad = gradWindows.reshape('c', inShape[0], inShape[1], oh * size, ow * size);
        if (oh * size == inShape[2] && ow * size == inShape[3]) return grad;
        INDArray full = org.nd4j.linalg.factory.Nd4j.zeros(gradOut.dataType(), inShape);
        full.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, oh * size), NDArrayIndex.interval(0, ow * size)).assign(grad);
        return full;
    }

    @Override public String describe() { return "maxpool " + size; }
}
