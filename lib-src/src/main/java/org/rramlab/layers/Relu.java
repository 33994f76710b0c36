package org.rramlab.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** max(0, x). */
public final class Relu implements Layer {
    private INDArray out;

    @Override public INDArray forward(INDArray x, boolean training) {
        out = Transforms.relu(x, true);
        return out;
    }

    @Override public INDArray backward(INDArray gradOut) {
        // dx = dy where the output is positive
        INDArray positive = out.gt(0), mask = positive.castTo(gradOut.dataType());
        INDArray dx = gradOut.mul(mask);
        Buffers.free(positive, mask);   // now, not at the next garbage collection
        return dx;
    }

    @Override public String describe() { return "relu"; }
}
