package org.rramlab.layers;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;

/** Global average pooling: [n, c, h, w] → [n, c], the mean of every channel's feature map (ResNet's head). */
public final class GlobalAvgPool implements Layer {
    private long[] inShape;

    @Override public INDArray forward(INDArray x, boolean training) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException("global average pooling: expected input [n, c, h, w], got " + Arrays.toString(x.shape()));
        }
        inShape = x.shape();
        return Im2Col.contiguous(x).reshape('c', inShape[0], inShape[1], inShape[2] * inShape[3]).mean(2);
    }

    @Override public INDArray backward(INDArray gradOut) {
        long n = inShape[0], c = inShape[1], s = inShape[2] * inShape[3];
        if (gradOut.rank() != 2 || gradOut.size(0) != n || gradOut.size(1) != c) {
            throw new IllegalArgumentException("global average pooling: expected a gradient [" + n + ", " + c + "], got " + Arrays.toString(gradOut.shape()));
        }
        // every input pixel gets 1/s of its channel's output gradient
        INDArray dx = Nd4j.zeros(gradOut.dataType(), n, c, s);
        Broadcast.add(dx, gradOut.div(s), dx, 0, 1);
        return dx.reshape('c', inShape);
    }

    @Override public String describe() { return "global avg pool"; }
}
