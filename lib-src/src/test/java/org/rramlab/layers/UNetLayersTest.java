package org.rramlab.layers;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The U-Net's layers: bilinear upsampling against hand-computed values, skip concatenation, gradients. */
class UNetLayersTest {
    private static DataType saved;

    @BeforeAll static void doublePrecision() {
        saved = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll static void restore() { Nd4j.setDefaultDataTypes(saved, saved); }

    @Test void upsampleHalfPixelMatchesPyTorchDefault() {
        // torch.nn.Upsample(scale_factor=2, mode='bilinear')(torch.tensor([[[[1., 2.], [3., 4.]]]])) (align_corners=False)
        double[] expected = {
                1.00, 1.25, 1.75, 2.00,
                1.50, 1.75, 2.25, 2.50,
                2.50, 2.75, 3.25, 3.50,
                3.00, 3.25, 3.75, 4.00};
        INDArray x = Nd4j.createFromArray(new double[] {1, 2, 3, 4}).reshape(1, 1, 2, 2);
        INDArray y = new BilinearUpsample2d(2, BilinearUpsample2d.Corners.HALF_PIXEL).forward(x, true);
        assertArrayEquals(new long[] {1, 1, 4, 4}, y.shape());
        assertArrayEquals(expected, y.dup('c').data().asDouble(), 1e-12);
    }

    @Test void upsampleAlignedCorners() {
        // align_corners=True on [1, 2, 3, 4]: corners kept, thirds in between
        INDArray x = Nd4j.createFromArray(new double[] {1, 2, 3, 4}).reshape(1, 1, 2, 2);
        INDArray y = new BilinearUpsample2d(2, BilinearUpsample2d.Corners.ALIGNED).forward(x, true);
        assertEquals(1.0, y.getDouble(0, 0, 0, 0), 1e-12);
        assertEquals(4.0, y.getDouble(0, 0, 3, 3), 1e-12);
        assertEquals(1 + 1.0 / 3, y.getDouble(0, 0, 0, 1), 1e-12);
        assertEquals(1 + 2 * 2.0 / 3, y.getDouble(0, 0, 2, 0), 1e-12);
    }

    @Test void interpolationRowsSumToOne() {
        for (BilinearUpsample2d.Corners c : BilinearUpsample2d.Corners.values()) {
            double[][] m = BilinearUpsample2d.matrix(5, 10, c);
            for (double[] row : m) assertEquals(1.0, java.util.Arrays.stream(row).sum(), 1e-12);
        }
    }

    @Test void upsampleGradients() {
        for (BilinearUpsample2d.Corners c : BilinearUpsample2d.Corners.values()) {
            GradientCheck.check(new BilinearUpsample2d(2, c), GradientCheck.random(21, 2, 3, 3, 4), true, 22);
        }
    }

    @Test void convBothPathsAgree() {
        // 4x4 output with 3 channels takes the per-image path, with 20 channels the single-GEMM path: same numbers
        TrainableWeights w = new TrainableWeights(new long[] {20, 2, 3, 3}, 7);
        MaskedConv2d wide = new MaskedConv2d("wide", w, 1, 1, 1, 1);
        INDArray x = GradientCheck.random(29, 2, 2, 4, 4);
        INDArray all = wide.forward(x, true);
        GradientCheck.check(wide, x, true, 30);
        INDArray first3 = w.weight().value().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 3)).dup();
        MaskedConv2d narrow = new MaskedConv2d("narrow", new TrainableWeightsView(first3), 1, 1, 1, 1);
        INDArray some = narrow.forward(x, true);
        INDArray expected = all.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 3));
        assertEquals(0.0, some.sub(expected).amaxNumber().doubleValue(), 1e-12);
    }

    @Test void oneByOneConvGradient() {
        Layer conv = new MaskedConv2d("out", new TrainableWeights(new long[] {2, 3, 1, 1}, 1), 1, 1, 0, 0);
        GradientCheck.check(conv, GradientCheck.random(23, 2, 3, 4, 4), true, 24);
    }

    @Test void skipConcatPutsSkipFirstAndSumsGradients() {
        Layer enc = new MaskedConv2d("enc", new TrainableWeights(new long[] {2, 1, 3, 3}, 3), 1, 1, 1, 1);
        Layer inner = new Sequential(new MaxPool2d(2),
                new MaskedConv2d("mid", new TrainableWeights(new long[] {3, 2, 3, 3}, 4), 1, 1, 1, 1),
                new BilinearUpsample2d(2, BilinearUpsample2d.Corners.ALIGNED));
        Layer dec = new Sequential(new MaskedConv2d("dec", new TrainableWeights(new long[] {2, 5, 3, 3}, 5), 1, 1, 1, 1),
                new BatchNorm(2, true));
        SkipConcat level = new SkipConcat(enc, inner, dec);
        INDArray x = GradientCheck.random(25, 2, 1, 4, 4);
        assertArrayEquals(new long[] {2, 2, 4, 4}, level.forward(x, true).shape());
        assertEquals(5, level.params().size());   // three conv weights, gamma, beta
        GradientCheck.check(level, x, true, 26);

        INDArray a = Nd4j.ones(1, 2, 2, 2), b = Nd4j.zeros(1, 3, 2, 2);
        INDArray cat = SkipConcat.concat(a, b);
        assertEquals(1.0, cat.getDouble(0, 1, 1, 1));
        assertEquals(0.0, cat.getDouble(0, 2, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> SkipConcat.concat(a, Nd4j.zeros(1, 3, 4, 4)));
    }

    @Test void pixelCrossEntropyHandComputed() {
        // one pixel, logits (0, ln 3): p(vessel) = 3/4; vessel truth: loss = ln(4/3); background: ln 4
        INDArray logits = Nd4j.createFromArray(new double[] {0, Math.log(3), 0, Math.log(3)}).reshape(2, 2, 1, 1);
        // batch of 2 one-pixel images; layout [n, c, 1, 1] -> image 0 = (0, ln3), image 1 = (0, ln3)
        INDArray truth = Nd4j.createFromArray(new double[] {1, 0}).reshape(2, 1, 1, 1);
        PixelCrossEntropy.Result r = PixelCrossEntropy.evaluate(logits, truth);
        assertEquals((Math.log(4.0 / 3) + Math.log(4)) / 2, r.loss(), 1e-12);
        // d/dl1 = (p - t) / N
        assertEquals((0.75 - 1) / 2, r.gradLogits().getDouble(0, 1, 0, 0), 1e-12);
        assertEquals(-(0.75 - 1) / 2, r.gradLogits().getDouble(0, 0, 0, 0), 1e-12);
        assertEquals(0.75 / 2, r.gradLogits().getDouble(1, 1, 0, 0), 1e-12);
        assertEquals(0.75, PixelCrossEntropy.vesselProbability(logits).getDouble(0, 0, 0, 0), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> PixelCrossEntropy.evaluate(Nd4j.zeros(2, 3, 1, 1), truth));
    }

    @Test void pixelCrossEntropyGradientIsFiniteDifference() {
        INDArray logits = GradientCheck.random(27, 2, 2, 3, 3);
        INDArray truth = GradientCheck.random(28, 2, 1, 3, 3).gt(0).castTo(DataType.DOUBLE);
        INDArray grad = PixelCrossEntropy.evaluate(logits, truth).gradLogits();
        double eps = 1e-6;
        for (long i = 0; i < logits.length(); i += 5) {
            double v = logits.getDouble(i);
            logits.putScalar(i, v + eps);
            double plus = PixelCrossEntropy.evaluate(logits, truth).loss();
            logits.putScalar(i, v - eps);
            double minus = PixelCrossEntropy.evaluate(logits, truth).loss();
            logits.putScalar(i, v);
            assertEquals((plus - minus) / (2 * eps), grad.getDouble(i), 1e-7);
        }
    }

    /** Fixed weights given as a tensor (a weight-trained layer's slice). */
    private static final class TrainableWeightsView implements LayerWeights {
        private final INDArray w;
        TrainableWeightsView(INDArray w) { this.w = w; }
        @Override public long[] shape() { return w.shape(); }
        @Override public INDArray weights(boolean training) { return w; }
        @Override public void backward(INDArray g) {}
        @Override public java.util.List<Param> params() { return java.util.List.of(); }
    }
}
