package org.rramlab.layers;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A ReLU inside a network writes its input gradient over the one it was given, never over the caller's gradient. */
class ReluOverwriteTest {

    /** The same ReLU hidden from Sequential's type test: the plain backward, a fresh array. */
    private static Layer plain(Relu relu) {
        return new Layer() {
            @Override public INDArray forward(INDArray x, boolean training) { return relu.forward(x, training); }
            @Override public INDArray backward(INDArray gradOut) { return relu.backward(gradOut); }
        };
    }

    private static Sequential net(boolean hidden, Relu last) {
        Relu relu = new Relu();
        List<Layer> layers = new java.util.ArrayList<>(List.of(
                new MaskedDense("fc1", new TrainableWeights(new long[] {40, 30}, 3)),
                hidden ? plain(relu) : relu,
                new MaskedDense("fc2", new TrainableWeights(new long[] {20, 40}, 4))));
        if (last != null) layers.add(hidden ? plain(last) : last);
        return new Sequential(layers);
    }

    @Test void overwritingGivesTheSameGradientsAndLeavesTheCallersAlone() {
        for (boolean reluLast : new boolean[] {false, true}) {
            Sequential fast = net(false, reluLast ? new Relu() : null), reference = net(true, reluLast ? new Relu() : null);
            Nd4j.getRandom().setSeed(9);
            INDArray x = Nd4j.randn(DataType.FLOAT, 16, 30), gradOut = Nd4j.randn(DataType.FLOAT, 16, 20);
            INDArray kept = gradOut.dup();
            fast.forward(x, true);
            reference.forward(x, true);
            INDArray dxFast = fast.backward(gradOut), dxRef = reference.backward(gradOut.dup());
            assertEquals(kept, gradOut, "the caller's gradient is not written over (relu last: " + reluLast + ")");
            assertEquals(dxRef, dxFast, "input gradient, relu last: " + reluLast);
            for (int p = 0; p < fast.params().size(); p++) {
                assertEquals(reference.params().get(p).grad(), fast.params().get(p).grad(), "parameter " + p + ", relu last: " + reluLast);
            }
        }
    }
}
