package org.rramlab.nn;

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
        return gradOut.mul(out.gt(0).castTo(gradOut.dataType()));
    }

    @Override public String describe() { return "relu"; }
}
