package org.rramlab.layers;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Turns a convolutional feature map with height 1, [n, c, 1, T], into a sequence [n, T, c]: one step per column
 * (time runs along the width of the spoken-digit feature maps), the channels are the step's features. This is the
 * authors' {@code squeeze(2)} + transpose between the CRNN's convolutions and its RNN.
 */
public final class SequenceFromColumns implements Layer {
    private long[] inShape;

    @Override public INDArray forward(INDArray x, boolean training) {
        if (x.rank() != 4 || x.size(2) != 1) {
            throw new IllegalArgumentException("sequence from columns: expected input [n, c, 1, T], got " + Arrays.toString(x.shape()));
        }
        inShape = x.shape();
        return x.reshape('c', inShape[0], inShape[1], inShape[3]).permute(0, 2, 1).dup('c');
    }

    @Override public INDArray backward(INDArray gradOut) {
        return gradOut.permute(0, 2, 1).dup('c').reshape('c', inShape);
    }

    @Override public String describe() { return "to sequence"; }
}
