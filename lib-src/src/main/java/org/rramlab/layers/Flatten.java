package org.rramlab.layers;

import org.nd4j.linalg.api.ndarray.INDArray;

/** [n, c, h, w] -> [n, c*h*w] (channel-major, as PyTorch's flatten). */
public final class Flatten implements Layer {
    private long[] inShape;

    @Override public INDArray forward(INDArray x, boolean training) {
        inShape = x.shape();
        return x.reshape('c', x.size(0), x.length() / x.size(0));
    }

    @Override public INDArray backward(INDArray gradOut) { return gradOut.reshape('c', inShape); }

    @Override public String describe() { return "flatten"; }
}
