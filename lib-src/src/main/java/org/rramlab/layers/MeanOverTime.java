package org.rramlab.layers;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** [n, T, f] -> [n, f]: the mean of the sequence's steps (the CRNN averages its RNN's hidden states). */
public final class MeanOverTime implements Layer {
    private long[] inShape;

    @Override public INDArray forward(INDArray x, boolean training) {
        if (x.rank() != 3) throw new IllegalArgumentException("mean over time: expected input [n, T, f], got " + Arrays.toString(x.shape()));
        inShape = x.shape();
        return x.mean(1);
    }

    @Override public INDArray backward(INDArray gradOut) {
        // every step receives 1/T of the gradient
        INDArray g = gradOut.div(inShape[1]).reshape('c', inShape[0], 1, inShape[2]);
        return g.broadcast(inShape).dup('c');
    }

    @Override public String describe() { return "mean over time"; }
}
