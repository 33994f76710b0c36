package org.rramlab.layers;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Every layer's backward against central finite differences (double precision). */
class LayerGradientTest {
    private static DataType saved;

    @BeforeAll static void doublePrecision() {
        saved = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll static void restore() { Nd4j.setDefaultDataTypes(saved, saved); }

    @Test void denseWithTrainedWeights() {
        Layer dense = new MaskedDense("fc", new TrainableWeights(new long[] {5, 7}, 1));
        GradientCheck.check(dense, GradientCheck.random(2, 4, 7), true, 3);
    }

    @Test void denseWithoutInputGradientStillFillsTheWeightGradient() {
        MaskedDense full = new MaskedDense("fc", new TrainableWeights(new long[] {5, 7}, 1));
        MaskedDense first = new MaskedDense("fc", new TrainableWeights(new long[] {5, 7}, 1)).withoutInputGradient();
        INDArray x = GradientCheck.random(2, 4, 7), g = GradientCheck.random(3, 4, 5);
        full.forward(x, true);
        first.forward(x, true);
        assertNotNull(full.backward(g));
        assertNull(first.backward(g), "no input gradient for a first layer");
        assertEquals(full.params().get(0).grad(), first.params().get(0).grad());
    }

    @Test void convSquareKernel() {
        Layer conv = new MaskedConv2d("conv", new TrainableWeights(new long[] {3, 2, 3, 3}, 1));
        GradientCheck.check(conv, GradientCheck.random(4, 2, 2, 6, 5), true, 5);
    }

    @Test void convNonSquareStridedPadded() {
        Layer conv = new MaskedConv2d("conv", new TrainableWeights(new long[] {4, 2, 3, 2}, 1), 2, 1, 1, 0);
        INDArray x = GradientCheck.random(6, 2, 2, 7, 5);
        INDArray y = conv.forward(x, true);
        assertArrayEquals(new long[] {2, 4, 4, 4}, y.shape());
        GradientCheck.check(conv, x, true, 7);
    }

    @Test void convStrideOnePaddedNonSquare() {   // input gradient computed as a convolution of the output gradient
        Layer conv = new MaskedConv2d("conv", new TrainableWeights(new long[] {3, 2, 3, 2}, 2), 1, 1, 1, 1);
        INDArray x = GradientCheck.random(30, 2, 2, 5, 4);
        assertArrayEquals(new long[] {2, 3, 5, 5}, conv.forward(x, true).shape());
        GradientCheck.check(conv, x, true, 31);
    }

    @Test void convWideOutputUsesCol2im() {   // out > 2·in: the column-gradient + col2im path at stride 1
        Layer conv = new MaskedConv2d("conv", new TrainableWeights(new long[] {5, 2, 3, 3}, 3), 1, 1, 1, 1);
        GradientCheck.check(conv, GradientCheck.random(32, 2, 2, 4, 4), true, 33);
    }

    /** The FLOAT path (bulk copies, rows streamed to native memory, gemm) against the gradient-checked DOUBLE path. */
    @Test void convFloatPathMatchesDouble() {
        int[][] geometries = {   // out, in, kh, kw, stride y, stride x, pad y, pad x, h, w
                {16, 8, 3, 3, 1, 1, 0, 0, 7, 6}, {6, 4, 3, 2, 1, 1, 1, 1, 5, 5}, {4, 2, 3, 2, 2, 1, 1, 0, 7, 5}, {9, 2, 3, 3, 1, 1, 1, 1, 4, 6}};
        for (int[] g : geometries) {
            long[] shape = {g[0], g[1], g[2], g[3]};
            TrainableWeights exact = new TrainableWeights(shape, 40);
            MaskedConv2d reference = new MaskedConv2d("double", exact, g[4], g[5], g[6], g[7]);
            INDArray x = GradientCheck.random(41, 3, g[1], g[8], g[9]);
            INDArray y = reference.forward(x, true);
            INDArray r = GradientCheck.random(42, y.shape());
            INDArray dx = reference.backward(r);

            INDArray weightsF = exact.weight().value().castTo(DataType.FLOAT);
            INDArray[] gradF = new INDArray[1];
            LayerWeights single = new LayerWeights() {
                @Override public long[] shape() { return shape; }
                @Override public INDArray weights(boolean training) { return weightsF; }
                @Override public void backward(INDArray gradWeights) { gradF[0] = gradWeights.dup(); }
                @Override public java.util.List<Param> params() { return java.util.List.of(); }
            };
            MaskedConv2d fast = new MaskedConv2d("float", single, g[4], g[5], g[6], g[7]);
            String what = java.util.Arrays.toString(g);
            assertClose(y, fast.forward(x.castTo(DataType.FLOAT), true), what + " output");
            assertClose(dx, fast.backward(r.castTo(DataType.FLOAT)), what + " input gradient");
            assertClose(exact.weight().grad(), gradF[0], what + " weight gradient");
        }
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what);
        double scale = expected.norm2Number().doubleValue() / Math.sqrt(expected.length());
        double worst = Transforms.abs(expected.sub(actual.castTo(DataType.DOUBLE)), false).maxNumber().doubleValue();
        assertTrue(worst < 1e-4 * Math.max(1, scale), what + ": max |difference| " + worst + " at rms " + scale);
    }

    @Test void convMatchesDirectSum() {
        TrainableWeights w = new TrainableWeights(new long[] {2, 1, 2, 2}, 9);
        MaskedConv2d conv = new MaskedConv2d("conv", w);
        INDArray x = GradientCheck.random(8, 1, 1, 3, 3);
        INDArray y = conv.forward(x, false);
        INDArray k = w.weight().value();
        double expected = 0;
        for (int a = 0; a < 2; a++) for (int b = 0; b < 2; b++) expected += k.getDouble(1, 0, a, b) * x.getDouble(0, 0, 1 + a, 0 + b);
        assertEquals(expected, y.getDouble(0, 1, 1, 0), 1e-12);
    }

    @Test void batchNormWithoutAffine4d() {
        GradientCheck.check(new BatchNorm(3, false), GradientCheck.random(10, 4, 3, 2, 2), true, 11);
    }

    @Test void batchNormAffine2d() {
        BatchNorm bn = new BatchNorm(3, true);
        bn.params().get(0).value().assign(GradientCheck.random(12, 3));
        GradientCheck.check(bn, GradientCheck.random(13, 5, 3), true, 14);
    }

    @Test void batchNormEvaluationUsesRunningStatistics() {
        BatchNorm bn = new BatchNorm(2, false);
        INDArray x = GradientCheck.random(15, 8, 2).addi(3);
        bn.forward(x, true);
        assertEquals(0.1 * x.getColumn(0).meanNumber().doubleValue(), bn.runningMean().getDouble(0), 1e-12);
        GradientCheck.check(bn, x, false, 16);
    }

    /** The FLOAT loops (what training runs) against the DOUBLE ones the gradient checks above cover. */
    @Test void batchNormFloatMatchesDouble() {
        for (boolean affine : new boolean[] {false, true}) for (boolean training : new boolean[] {true, false}) {
            BatchNorm d = new BatchNorm(3, affine), f = new BatchNorm(3, affine);
            if (affine) {
                d.params().get(0).value().assign(GradientCheck.random(30, 3));
                d.params().get(1).value().assign(GradientCheck.random(31, 3));
                f.params().get(0).value().assign(d.params().get(0).value());
                f.params().get(1).value().assign(d.params().get(1).value());
            }
            INDArray x = GradientCheck.random(32, 4, 3, 5, 2).muli(2).addi(1);
            INDArray g = GradientCheck.random(33, 4, 3, 5, 2);
            if (!training) { d.forward(x, true); f.forward(x.castTo(DataType.FLOAT), true); }   // running statistics != 0, 1
            INDArray yd = d.forward(x, training), yf = f.forward(x.castTo(DataType.FLOAT), training);
            assertEquals(DataType.FLOAT, yf.dataType());
            assertTrue(yd.equalsWithEps(yf.castTo(DataType.DOUBLE), 1e-5), "forward, affine " + affine + ", training " + training);
            INDArray dd = d.backward(g), df = f.backward(g.castTo(DataType.FLOAT));
            assertTrue(dd.equalsWithEps(df.castTo(DataType.DOUBLE), 1e-5), "backward, affine " + affine + ", training " + training);
            assertEquals(d.runningVar().getDouble(1), f.runningVar().getDouble(1), 1e-6);
            if (affine) {
                assertTrue(d.params().get(0).grad().equalsWithEps(f.params().get(0).grad().castTo(DataType.DOUBLE), 1e-4));
                assertTrue(d.params().get(1).grad().equalsWithEps(f.params().get(1).grad().castTo(DataType.DOUBLE), 1e-4));
            }
        }
    }

    @Test void maxPool() {
        INDArray x = GradientCheck.random(17, 2, 3, 4, 6);
        MaxPool2d pool = new MaxPool2d(2);
        INDArray y = pool.forward(x, true);
        assertArrayEquals(new long[] {2, 3, 2, 3}, y.shape());
        assertEquals(Math.max(Math.max(x.getDouble(1, 2, 2, 4), x.getDouble(1, 2, 2, 5)),
                Math.max(x.getDouble(1, 2, 3, 4), x.getDouble(1, 2, 3, 5))), y.getDouble(1, 2, 1, 2), 0);
        GradientCheck.check(pool, x, true, 18);
    }

    @Test void maxPoolOddSizeDropsLastRow() {
        MaxPool2d pool = new MaxPool2d(2);
        INDArray x = GradientCheck.random(19, 1, 1, 5, 5);
        assertArrayEquals(new long[] {1, 1, 2, 2}, pool.forward(x, true).shape());
        GradientCheck.check(pool, x, true, 20);
    }

    @Test void reluAndFlattenInSequence() {
        Layer net = new Sequential(new MaskedConv2d("c", new TrainableWeights(new long[] {2, 1, 2, 2}, 3)),
                new Relu(), new Flatten(), new MaskedDense("fc", new TrainableWeights(new long[] {3, 2 * 3 * 3}, 4)));
        GradientCheck.check(net, GradientCheck.random(21, 3, 1, 4, 4), true, 22);
    }

    @Test void crossEntropyWithLabelSmoothing() {   // PyTorch: (1 − ε)·NLL + ε·mean over classes of −log p
        INDArray logits = GradientCheck.random(24, 3, 4);
        int[] labels = {2, 0, 3};
        double eps = 0.1, h = 1e-6;
        CrossEntropy.Result r = CrossEntropy.evaluate(logits, labels, eps);
        INDArray logp = CrossEntropy.logSoftmax(logits);
        double expected = 0;
        for (int i = 0; i < 3; i++) expected += -(1 - eps) * logp.getDouble(i, labels[i]) - eps * logp.getRow(i).meanNumber().doubleValue();
        assertEquals(expected / 3, r.loss(), 1e-12);
        for (int i = 0; i < 3; i++) for (int j = 0; j < 4; j++) {
            double orig = logits.getDouble(i, j);
            logits.putScalar(i, j, orig + h);
            double plus = CrossEntropy.evaluate(logits, labels, eps).loss();
            logits.putScalar(i, j, orig - h);
            double minus = CrossEntropy.evaluate(logits, labels, eps).loss();
            logits.putScalar(i, j, orig);
            assertEquals((plus - minus) / (2 * h), r.gradLogits().getDouble(i, j), 1e-7);
        }
        var e = assertThrows(IllegalArgumentException.class, () -> CrossEntropy.evaluate(logits, labels, 1));
        assertTrue(e.getMessage().contains("labelSmoothing"), e.getMessage());
    }

    @Test void crossEntropyGradient() {
        INDArray logits = GradientCheck.random(23, 4, 5);
        int[] labels = {0, 3, 4, 1};
        CrossEntropy.Result r = CrossEntropy.evaluate(logits, labels);
        double eps = 1e-6;
        for (int i = 0; i < 4; i++) for (int j = 0; j < 5; j++) {
            double orig = logits.getDouble(i, j);
            logits.putScalar(i, j, orig + eps);
            double plus = CrossEntropy.evaluate(logits, labels).loss();
            logits.putScalar(i, j, orig - eps);
            double minus = CrossEntropy.evaluate(logits, labels).loss();
            logits.putScalar(i, j, orig);
            assertEquals((plus - minus) / (2 * eps), r.gradLogits().getDouble(i, j), 1e-7);
        }
        assertThrows(IllegalArgumentException.class, () -> CrossEntropy.evaluate(logits, new int[] {0, 1, 9, 0}));
    }

    @Test void crossEntropyOfFloatLogitsMatchesTheDoublePath() {   // float32 runs its own Java pass
        for (double eps : new double[] {0, 0.1}) {
            INDArray logits = GradientCheck.random(25, 37, 10).muli(4);
            int[] labels = new int[37];
            for (int i = 0; i < labels.length; i++) labels[i] = (i * 7) % 10;
            CrossEntropy.Result ref = CrossEntropy.evaluate(logits, labels, eps);
            INDArray f = logits.castTo(DataType.FLOAT);
            CrossEntropy.Result r = CrossEntropy.evaluate(f, labels, eps);
            assertEquals(DataType.FLOAT, r.gradLogits().dataType());
            assertArrayEquals(new long[] {37, 10}, r.gradLogits().shape());
            assertEquals(ref.loss(), r.loss(), 1e-5 * Math.abs(ref.loss()));
            assertEquals(ref.correct(), r.correct());
            assertTrue(r.correct() > 0 && r.correct() < 37, "some rows right, some wrong: " + r.correct());
            double worst = 0;
            for (int i = 0; i < 37; i++) for (int j = 0; j < 10; j++) {
                worst = Math.max(worst, Math.abs(ref.gradLogits().getDouble(i, j) - r.gradLogits().getDouble(i, j)));
            }
            assertTrue(worst < 1e-7, "largest gradient difference " + worst);
            // a transposed (non-contiguous) view gives the same
            CrossEntropy.Result t = CrossEntropy.evaluate(f.transpose().dup('c').transpose(), labels, eps);
            assertEquals(r.loss(), t.loss(), 0);
        }
        var e = assertThrows(IllegalArgumentException.class,
                () -> CrossEntropy.evaluate(Nd4j.zeros(DataType.FLOAT, 2, 3), new int[] {0, 3}));
        assertTrue(e.getMessage().contains("labels[1] = 3") && e.getMessage().contains("0..2"), e.getMessage());
    }

    @Test void quantisationHasTwoToTheBitsLevelsAndPassesGradient() {
        ActivationQuant q = new ActivationQuant(4);
        INDArray x = GradientCheck.random(24, 50, 20);
        INDArray y = q.forward(x, true);
        double min = x.minNumber().doubleValue(), step = (x.maxNumber().doubleValue() - min) / 15;
        for (double v : y.ravel().toDoubleVector()) {
            double level = (v - min) / step;
            assertEquals(Math.rint(level), level, 1e-9);
        }
        assertEquals(16, java.util.Arrays.stream(y.ravel().toDoubleVector()).distinct().count());
        INDArray yFloat = q.forward(x.castTo(DataType.FLOAT), true);
        assertTrue(yFloat.castTo(DataType.DOUBLE).equalsWithEps(y, 1e-5), "float fast path equals the ND4J path");
        INDArray g = GradientCheck.random(25, 50, 20);
        assertSame(g, q.backward(g));
    }

    @Test void shapeMismatchNamesTheLayer() {
        MaskedDense fc = new MaskedDense("fc3", new TrainableWeights(new long[] {10, 128}, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fc.forward(Nd4j.zeros(2, 100), true));
        assertTrue(e.getMessage().contains("fc3") && e.getMessage().contains("128") && e.getMessage().contains("100"), e.getMessage());
    }
}
