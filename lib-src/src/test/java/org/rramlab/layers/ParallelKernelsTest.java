package org.rramlab.layers;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The FLOAT convolution path (im2col and col2im split over the cores, products split by rows) against the DOUBLE one
 * that the gradient checks cover, at shapes large enough to be split.
 */
class ParallelKernelsTest {

    /** Fixed weights of any data type that keep the last weight gradient (also used by ConvKernelsTest). */
    static final class Fixed implements LayerWeights {
        final INDArray w;
        INDArray grad;
        Fixed(INDArray w) { this.w = w; }
        @Override public long[] shape() { return w.shape(); }
        @Override public INDArray weights(boolean training) { return w; }
        @Override public void backward(INDArray g) { grad = g.dup(); }
        @Override public List<Param> params() { return List.of(); }
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        double scale = expected.amaxNumber().doubleValue();
        double worst = expected.sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(worst <= 1e-5 * Math.max(1, scale), what + ": worst difference " + worst + " at scale " + scale);
    }

    @Test void floatConvolutionMatchesDouble() {
        int[][] geometries = {{1, 1, 0, 0}, {1, 1, 1, 1}, {2, 1, 1, 0}};   // stride y, x, padding y, x
        for (int[] gm : geometries) for (long[] kernel : new long[][] {{12, 5, 3, 3}, {5, 12, 3, 2}}) {
            Nd4j.getRandom().setSeed(41);
            INDArray w = Nd4j.randn(DataType.DOUBLE, kernel), x = Nd4j.randn(DataType.DOUBLE, 16, kernel[1], 20, 18);
            Fixed wd = new Fixed(w), wf = new Fixed(w.castTo(DataType.FLOAT));
            MaskedConv2d d = new MaskedConv2d("d", wd, gm[0], gm[1], gm[2], gm[3]), f = new MaskedConv2d("f", wf, gm[0], gm[1], gm[2], gm[3]);
            INDArray yd = d.forward(x, true), yf = f.forward(x.castTo(DataType.FLOAT), true);
            String at = java.util.Arrays.toString(kernel) + " " + java.util.Arrays.toString(gm);
            assertClose(yd, yf, "forward " + at);
            INDArray g = Nd4j.randn(DataType.DOUBLE, yd.shape());
            INDArray dxd = d.backward(g), dxf = f.backward(g.castTo(DataType.FLOAT));
            assertClose(dxd, dxf, "input gradient " + at);
            assertClose(wd.grad, wf.grad, "weight gradient " + at);
        }
    }

    /** The paper's Fashion-MNIST convolutions at batch 60. */
    @Test void paperCnnShapes() {
        long[][][] cases = {{{6, 1, 5, 5}, {60, 1, 28, 28}}, {{16, 6, 5, 5}, {60, 6, 12, 12}}};
        for (long[][] c : cases) {
            Nd4j.getRandom().setSeed(47);
            INDArray w = Nd4j.randn(DataType.DOUBLE, c[0]), x = Nd4j.randn(DataType.DOUBLE, c[1]);
            Fixed wd = new Fixed(w), wf = new Fixed(w.castTo(DataType.FLOAT));
            MaskedConv2d d = new MaskedConv2d("d", wd), f = new MaskedConv2d("f", wf);
            INDArray yd = d.forward(x, true), yf = f.forward(x.castTo(DataType.FLOAT), true);
            assertClose(yd, yf, "forward " + java.util.Arrays.toString(c[0]));
            INDArray g = Nd4j.randn(DataType.DOUBLE, yd.shape());
            assertClose(d.backward(g), f.backward(g.castTo(DataType.FLOAT)), "input gradient " + java.util.Arrays.toString(c[0]));
            assertClose(wd.grad, wf.grad, "weight gradient " + java.util.Arrays.toString(c[0]));
        }
    }

    @Test void floatDenseMatchesDouble() {
        Nd4j.getRandom().setSeed(43);
        INDArray w = Nd4j.randn(DataType.DOUBLE, 300, 500), x = Nd4j.randn(DataType.DOUBLE, 128, 500);
        Fixed wd = new Fixed(w), wf = new Fixed(w.castTo(DataType.FLOAT));
        MaskedDense d = new MaskedDense("d", wd), f = new MaskedDense("f", wf);
        assertClose(d.forward(x, true), f.forward(x.castTo(DataType.FLOAT), true), "forward");
        INDArray g = Nd4j.randn(DataType.DOUBLE, 128, 300);
        assertClose(d.backward(g), f.backward(g.castTo(DataType.FLOAT)), "input gradient");
        assertClose(wd.grad, wf.grad, "weight gradient");
    }
}
