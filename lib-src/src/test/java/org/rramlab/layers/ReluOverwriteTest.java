package org.rramlab.layers;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ReLU and batch norm inside a network write their input gradient over the one they were given, never over the
 * caller's gradient: the same numbers as their plain backward.
 */
class ReluOverwriteTest {

    /** The same layer hidden from Sequential's type test: the plain backward, a fresh array. */
    private static Layer plain(Layer layer) {
        return new Layer() {
            @Override public INDArray forward(INDArray x, boolean training) { return layer.forward(x, training); }
            @Override public INDArray backward(INDArray gradOut) { return layer.backward(gradOut); }
            @Override public List<Param> params() { return layer.params(); }
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

    @Test void batchNormBetweenConvolutionsOverwritesTooWithTheSameGradients() {
        for (boolean affine : new boolean[] {false, true}) {
            Sequential[] nets = new Sequential[2];
            for (int k = 0; k < 2; k++) {
                boolean hidden = k == 1;
                Layer bn = new BatchNorm(6, affine), relu = new Relu();
                nets[k] = new Sequential(new MaskedConv2d("c1", new TrainableWeights(new long[] {6, 2, 3, 3}, 5), 1, 1, 1, 1),
                        hidden ? plain(bn) : bn, hidden ? plain(relu) : relu,
                        new MaskedConv2d("c2", new TrainableWeights(new long[] {4, 6, 3, 3}, 6), 1, 1, 1, 1));
            }
            Nd4j.getRandom().setSeed(11);
            INDArray x = Nd4j.randn(DataType.FLOAT, 5, 2, 9, 9);
            nets[0].forward(x, true);
            nets[1].forward(x, true);
            INDArray gradOut = Nd4j.randn(DataType.FLOAT, 5, 4, 9, 9);
            INDArray dxFast = nets[0].backward(gradOut), dxRef = nets[1].backward(gradOut.dup());
            assertEquals(dxRef, dxFast, "input gradient, affine " + affine);
            for (int p = 0; p < nets[0].params().size(); p++) {
                assertEquals(nets[1].params().get(p).grad(), nets[0].params().get(p).grad(), "parameter " + p + ", affine " + affine);
            }
        }
    }
}
