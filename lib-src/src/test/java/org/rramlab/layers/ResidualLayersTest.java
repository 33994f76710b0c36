package org.rramlab.layers;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The residual network's own layers against central finite differences (double precision), and their shapes. */
class ResidualLayersTest {
    private static DataType saved;

    @BeforeAll static void doublePrecision() {
        saved = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll static void restore() { Nd4j.setDefaultDataTypes(saved, saved); }

    private static MaskedConv2d conv(String name, int out, int in, int k, int stride, long seed) {
        return new MaskedConv2d(name, new TrainableWeights(new long[] {out, in, k, k}, seed), stride, stride, k / 2, k / 2);
    }

    /** A basic block: conv 3x3 (stride) -> BN -> ReLU -> conv 3x3 -> BN, plus its shortcut. */
    private static Residual basicBlock(int in, int out, int stride, boolean affine) {
        Layer main = new Sequential(conv("a", out, in, 3, stride, 1), new BatchNorm(out, affine), new Relu(),
                conv("b", out, out, 3, 1, 2), new BatchNorm(out, affine));
        Layer shortcut = stride == 1 && in == out ? null : new Sequential(conv("proj", out, in, 1, stride, 3), new BatchNorm(out, affine));
        return new Residual(main, shortcut);
    }

    @Test void identityResidualBlock() {
        double worst = GradientCheck.check(basicBlock(3, 3, 1, false), GradientCheck.random(1, 4, 3, 5, 5), true, 2);
        assertTrue(worst < 1e-4, "worst relative error " + worst);
    }

    @Test void projectionResidualBlockWithStrideTwo() {
        Residual block = basicBlock(2, 4, 2, true);
        assertNotNull(block.shortcut(), "channels and stride change: a 1x1 projection");
        INDArray x = GradientCheck.random(3, 3, 2, 6, 6);
        assertArrayEquals(new long[] {3, 4, 3, 3}, block.forward(x, true).shape());
        GradientCheck.check(block, x, true, 4);
    }

    @Test void residualBlockInEvaluationMode() {
        Residual block = basicBlock(2, 2, 1, true);
        block.forward(GradientCheck.random(5, 4, 2, 4, 4), true);   // running statistics away from 0 / 1
        GradientCheck.check(block, GradientCheck.random(6, 4, 2, 4, 4), false, 7);
    }

    @Test void residualIsTheSumOfItsPaths() {
        Layer main = new Sequential(conv("a", 2, 2, 3, 1, 1));
        Residual r = new Residual(main);
        INDArray x = GradientCheck.random(8, 2, 2, 4, 4);
        INDArray want = main.forward(x, false).add(x);
        assertTrue(r.forward(x, false).equalsWithEps(want, 1e-12));
        assertEquals(main.params(), r.params());
    }

    @Test void strideTwoOneByOneConvolution() {
        GradientCheck.check(conv("p", 3, 2, 1, 2, 9), GradientCheck.random(10, 2, 2, 5, 5), true, 11);
    }

    @Test void globalAveragePooling() {
        GlobalAvgPool pool = new GlobalAvgPool();
        INDArray x = GradientCheck.random(12, 3, 4, 2, 5);
        INDArray y = pool.forward(x, true);
        assertArrayEquals(new long[] {3, 4}, y.shape());
        assertEquals(x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(1), org.nd4j.linalg.indexing.NDArrayIndex.point(2)).meanNumber().doubleValue(),
                y.getDouble(1, 2), 1e-12);
        GradientCheck.check(pool, x, true, 13);
    }

    @Test void aSmallResidualNetworkEndToEnd() {
        Layer net = new Sequential(basicBlock(1, 2, 2, false), new Relu(), basicBlock(2, 2, 1, false), new Relu(), new GlobalAvgPool(),
                new MaskedDense("fc", new TrainableWeights(new long[] {3, 2}, 5)));
        GradientCheck.check(net, GradientCheck.random(14, 4, 1, 6, 6), true, 15);
    }

    @Test void mismatchedPathsAreNamed() {
        Residual r = new Residual(new Sequential(conv("a", 3, 2, 3, 2, 1)));
        var e = assertThrows(IllegalArgumentException.class, () -> r.forward(GradientCheck.random(16, 1, 2, 4, 4), true));
        assertTrue(e.getMessage().contains("shortcut (identity)") && e.getMessage().contains("projection"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> new GlobalAvgPool().forward(GradientCheck.random(17, 2, 3), true));
        assertTrue(e2.getMessage().contains("[n, c, h, w]"), e2.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Residual(null, null));
    }
}
