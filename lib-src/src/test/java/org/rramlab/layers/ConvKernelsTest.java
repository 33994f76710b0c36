package org.rramlab.layers;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.rramlab.crossbar.Adc;
import org.rramlab.crossbar.InputDac;
import org.rramlab.crossbar.MvmConfig;

/** The convolution's fused kernels (issue 15) against the plain paths they replace. */
class ConvKernelsTest {

    private static final int[][] GEOMETRIES = {   // c, h, w, kh, kw, sy, sx, py, px
            {3, 7, 6, 3, 3, 1, 1, 0, 0}, {2, 5, 5, 3, 2, 1, 1, 1, 1}, {4, 7, 5, 3, 2, 2, 1, 1, 0}, {1, 14, 14, 3, 3, 1, 1, 0, 0},
            {2, 6, 9, 2, 4, 2, 3, 1, 2}, {5, 4, 4, 3, 3, 1, 1, 2, 2}};

    private static Im2Col.Geometry geometry(int n, int[] g) {
        int oh = (g[1] + 2 * g[7] - g[3]) / g[5] + 1, ow = (g[2] + 2 * g[8] - g[4]) / g[6] + 1;
        return new Im2Col.Geometry(n, g[0], g[1], g[2], g[3], g[4], g[5], g[6], g[7], g[8], oh, ow);
    }

    /** Position-major columns are exactly the transpose of the channel-major ones, FLOAT and DOUBLE. */
    @Test void positionMajorColumnsAreTheTransposeOfIm2col() {
        for (int[] gm : GEOMETRIES) for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            Nd4j.getRandom().setSeed(3);
            Im2Col.Geometry g = geometry(3, gm);
            INDArray x = Nd4j.randn(type, 3, gm[0], gm[1], gm[2]);
            INDArray cols = Nd4j.create(type, g.width(), g.rows()), rows = Nd4j.create(type, g.rows(), g.width());
            Im2Col.im2col(x, g, cols);
            Im2Col.im2colRows(x, g, rows);
            assertEquals(cols.transpose(), rows, java.util.Arrays.toString(gm) + " " + type);
        }
    }

    /** The bulk-copy axis swap equals ND4J's permute + dup, FLOAT and DOUBLE, contiguous or not. */
    @Test void swapLeadingAxesEqualsPermute() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            Nd4j.getRandom().setSeed(4);
            INDArray x = Nd4j.randn(type, 5, 7, 11);
            INDArray expected = x.permute(1, 0, 2).dup('c').reshape('c', 7, 55);
            assertEquals(expected, Im2Col.swapLeadingAxes(x, 5, 7, 11), type.toString());
            INDArray strided = Nd4j.randn(type, 11, 7, 5).permute(2, 1, 0);   // [5, 7, 11], not contiguous
            assertEquals(strided.permute(1, 0, 2).dup('c').reshape('c', 7, 55), Im2Col.swapLeadingAxes(strided, 5, 7, 11), type + " view");
        }
    }

    /** Both column layouts (position-major where out < c·kh·kw, channel-major else, as conv1) against the DOUBLE path. */
    @Test void bothLayoutsMatchTheDoublePath() {
        long[][] kernels = {{64, 1, 3, 3}, {16, 3, 3, 3}, {4, 5, 3, 2}, {20, 2, 3, 3}};
        for (long[] k : kernels) for (int[] s : new int[][] {{1, 1, 0, 0}, {1, 1, 1, 1}, {2, 1, 1, 0}}) {
            Nd4j.getRandom().setSeed(5);
            INDArray w = Nd4j.randn(DataType.DOUBLE, k), x = Nd4j.randn(DataType.DOUBLE, 6, k[1], 9, 8);
            ParallelKernelsTest.Fixed wd = new ParallelKernelsTest.Fixed(w), wf = new ParallelKernelsTest.Fixed(w.castTo(DataType.FLOAT));
            MaskedConv2d d = new MaskedConv2d("d", wd, s[0], s[1], s[2], s[3]), f = new MaskedConv2d("f", wf, s[0], s[1], s[2], s[3]);
            String at = java.util.Arrays.toString(k) + " " + java.util.Arrays.toString(s);
            INDArray yd = d.forward(x, true), yf = f.forward(x.castTo(DataType.FLOAT), true);
            assertClose(yd, yf, "forward " + at);
            INDArray g = Nd4j.randn(DataType.DOUBLE, yd.shape());
            assertClose(d.backward(g), f.backward(g.castTo(DataType.FLOAT)), "input gradient " + at);
            assertClose(wd.grad, wf.grad, "weight gradient " + at);
        }
    }

    /**
     * Columns built and multiplied in blocks of examples (the paper U-Net's large layers): the same forward, input
     * gradient and weight gradient as in one block and as the DOUBLE path, for block sizes that do and do not divide
     * the batch, with and without the input gradient; a strided layer (input gradient by col2im) stays in one block.
     */
    @Test void columnsInBlocksOfExamplesMatchOneBlock() {
        long saved = MaskedConv2d.blockColumns;
        try {
            long[][] kernels = {{8, 6, 3, 3}, {4, 3, 3, 3}, {16, 12, 3, 3}};   // out < c·kh·kw: position-major columns
            for (long[] k : kernels) for (int[] s : new int[][] {{1, 1, 1, 1}, {1, 1, 0, 0}, {2, 2, 1, 1}}) for (boolean inputGradient : new boolean[] {true, false}) {
                Nd4j.getRandom().setSeed(7);
                int n = 7;
                INDArray w = Nd4j.randn(DataType.DOUBLE, k), x = Nd4j.randn(DataType.DOUBLE, n, k[1], 10, 9);
                long perExample = 10L * 9 * k[1] * 9 * 2;   // at least one example's columns of either kind
                String at = java.util.Arrays.toString(k) + " " + java.util.Arrays.toString(s) + (inputGradient ? "" : " no input gradient");
                MaskedConv2d.blockColumns = Long.MAX_VALUE;
                ParallelKernelsTest.Fixed wd = new ParallelKernelsTest.Fixed(w), wOne = new ParallelKernelsTest.Fixed(w.castTo(DataType.FLOAT));
                MaskedConv2d d = new MaskedConv2d("d", wd, s[0], s[1], s[2], s[3]), one = new MaskedConv2d("one", wOne, s[0], s[1], s[2], s[3]);
                one.dnnEnabled = false;
                if (!inputGradient) { d.withoutInputGradient(); one.withoutInputGradient(); }
                INDArray yd = d.forward(x, true), yOne = one.forward(x.castTo(DataType.FLOAT), true);
                INDArray g = Nd4j.randn(DataType.DOUBLE, yd.shape());
                INDArray dxd = d.backward(g), dxOne = one.backward(g.castTo(DataType.FLOAT));
                for (long blocksOf : new long[] {1, 2, 3, n}) {
                    MaskedConv2d.blockColumns = blocksOf * perExample;
                    ParallelKernelsTest.Fixed wb = new ParallelKernelsTest.Fixed(w.castTo(DataType.FLOAT));
                    MaskedConv2d b = new MaskedConv2d("b", wb, s[0], s[1], s[2], s[3]);
                    b.shiftedEnabled = false;   // this test is about the im2col path's blocks
                    b.dnnEnabled = false;
                    if (!inputGradient) b.withoutInputGradient();
                    INDArray yb = b.forward(x.castTo(DataType.FLOAT), true);
                    String where = at + " blocks of <= " + blocksOf + " examples";
                    boolean col2im = inputGradient && s[0] != 1;
                    long columns = n * yd.size(2) * yd.size(3) * k[1] * k[2] * k[3];
                    if (columns > MaskedConv2d.blockColumns && !col2im) assertTrue(b.examplesPerBlock() < n, "in blocks: " + where + ", got " + b.examplesPerBlock());
                    else assertEquals(n, b.examplesPerBlock(), "one block: " + where);
                    assertClose(yd, yb, "forward " + where);
                    assertClose(yOne.castTo(DataType.DOUBLE), yb, "forward vs one block " + where);
                    INDArray dxb = b.backward(g.castTo(DataType.FLOAT));
                    if (inputGradient) {
                        assertClose(dxd, dxb, "input gradient " + where);
                        assertClose(dxOne.castTo(DataType.DOUBLE), dxb, "input gradient vs one block " + where);
                    } else {
                        assertNull(dxb, "no input gradient asked: " + where);
                    }
                    assertClose(wd.grad, wb.grad, "weight gradient " + where);
                    assertClose(wOne.grad.castTo(DataType.DOUBLE), wb.grad, "weight gradient vs one block " + where);
                }
            }
        } finally {
            MaskedConv2d.blockColumns = saved;
        }
    }

    /**
     * Columns too large to keep are built again in backward from the kept input: another layer's forward in between
     * (which overwrites the thread's shared column buffer) changes nothing; a small layer's kept columns neither.
     */
    @Test void backwardAfterAnotherLayersForward() {
        Nd4j.getRandom().setSeed(6);
        for (long[] shape : new long[][] {{8, 64, 34, 34}, {4, 8, 10, 10}}) {   // 8·32·32 × 576 columns > KEPT_COLUMNS; a small one
            INDArray w = Nd4j.randn(DataType.FLOAT, 16, shape[1], 3, 3), x = Nd4j.randn(DataType.FLOAT, shape);
            ParallelKernelsTest.Fixed alone = new ParallelKernelsTest.Fixed(w), interleaved = new ParallelKernelsTest.Fixed(w);
            MaskedConv2d a = new MaskedConv2d("a", alone), b = new MaskedConv2d("b", interleaved);
            INDArray ya = a.forward(x, true);
            INDArray g = Nd4j.randn(DataType.FLOAT, ya.shape());
            INDArray dxa = a.backward(g);
            b.forward(x, true);
            MaskedConv2d other = new MaskedConv2d("other", new ParallelKernelsTest.Fixed(Nd4j.randn(DataType.FLOAT, 16, shape[1], 3, 3)));
            other.forward(Nd4j.randn(DataType.FLOAT, shape), true);
            INDArray dxb = b.backward(g);
            assertEquals(dxa, dxb, "input gradient " + java.util.Arrays.toString(shape));
            assertEquals(alone.grad, interleaved.grad, "weight gradient " + java.util.Arrays.toString(shape));
        }
    }

    /** The one-pass ReLU gradient equals dy · (y > 0): FLOAT (Java pass, split over the cores when large) and DOUBLE. */
    @Test void reluGradientEqualsMaskProduct() {
        for (long[] shape : new long[][] {{4, 3, 5, 5}, {8, 16, 24, 24}}) for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            Nd4j.getRandom().setSeed(7);
            INDArray x = Nd4j.randn(type, shape);
            x.putScalar(0, 0f);   // exactly zero: no gradient, as the mask
            Relu relu = new Relu();
            INDArray y = relu.forward(x, true);
            INDArray g = Nd4j.randn(type, x.shape());
            INDArray expected = g.mul(y.gt(0).castTo(type));
            String at = java.util.Arrays.toString(shape) + " " + type;
            assertEquals(expected, relu.backward(g), at);
            assertEquals(0.0, relu.backward(g).getDouble(0), at);
            assertTrue(x.minNumber().doubleValue() < 0, "the input stays as it was (not in place): " + at);
        }
    }

    /** A ReLU after batch norm overwrites the batch norm's output; the gradients are those of a separate ReLU. */
    @Test void reluInPlaceAfterBatchNormGivesTheSameGradients() {
        Nd4j.getRandom().setSeed(8);
        INDArray x = Nd4j.randn(DataType.FLOAT, 6, 4, 7, 7), g = Nd4j.randn(DataType.FLOAT, 6, 4, 7, 7);
        Sequential fused = new Sequential(new BatchNorm(4, true), new Relu());
        BatchNorm bn = new BatchNorm(4, true);
        Relu separate = new Relu();
        INDArray yFused = fused.forward(x, true);
        INDArray bnOut = bn.forward(x, true), ySeparate = separate.forward(bnOut, true);
        assertEquals(ySeparate, yFused);
        assertTrue(bnOut.minNumber().doubleValue() < 0, "a ReLU on its own leaves its input as it was");
        assertEquals(bn.backward(separate.backward(g)), fused.backward(g));
        assertEquals(bn.params().get(0).grad(), fused.params().get(0).grad(), "gamma's gradient");
    }

    /**
     * Stride-1 convolutions as shifted products ({@link ShiftedConv}) against the DOUBLE im2col path and the FLOAT
     * im2col path of the same layer: forward, input gradient (or none) and weight gradient, padded or not, square and
     * non-square kernels and inputs, 1×1, one example; another layer's forward between forward and backward (the
     * thread's buffers are shared) changes nothing.
     */
    @Test void shiftedProductsMatchIm2col() {
        long[][] kernels = {{16, 8, 3, 3}, {4, 12, 3, 2}, {9, 8, 1, 1}, {6, 10, 5, 5}, {32, 64, 3, 3}};
        int[][] pads = {{0, 0}, {1, 1}, {2, 1}};
        for (long[] k : kernels) for (int[] p : pads) for (int n : new int[] {1, 5}) for (boolean inputGradient : new boolean[] {true, false}) {
            if (p[0] >= k[2] || p[1] >= k[3]) continue;
            Nd4j.getRandom().setSeed(11);
            INDArray w = Nd4j.randn(DataType.DOUBLE, k), x = Nd4j.randn(DataType.DOUBLE, n, k[1], 9, 7);
            String at = java.util.Arrays.toString(k) + " pad " + java.util.Arrays.toString(p) + " n " + n + (inputGradient ? "" : " no input gradient");
            ParallelKernelsTest.Fixed wd = new ParallelKernelsTest.Fixed(w), wi = new ParallelKernelsTest.Fixed(w.castTo(DataType.FLOAT)),
                    ws = new ParallelKernelsTest.Fixed(w.castTo(DataType.FLOAT));
            MaskedConv2d d = new MaskedConv2d("d", wd, 1, 1, p[0], p[1]), im2col = new MaskedConv2d("i", wi, 1, 1, p[0], p[1]),
                    shifted = new MaskedConv2d("s", ws, 1, 1, p[0], p[1]);
            im2col.shiftedEnabled = false;
            im2col.dnnEnabled = false;
            shifted.dnnEnabled = false;
            assertPathsAgree(d, wd, im2col, wi, "im2col", shifted, ws, x, inputGradient, at, () -> shifted.ranShifted() && !im2col.ranShifted(), () -> {
                MaskedConv2d other = new MaskedConv2d("other", new ParallelKernelsTest.Fixed(Nd4j.randn(DataType.FLOAT, k[0], k[1], 3, 3)), 1, 1, 1, 1);
                other.forward(Nd4j.randn(DataType.FLOAT, n + 1, k[1], 11, 12), true);   // overwrites the thread's shared buffers
            });
        }
    }

    /**
     * On a tile with the chain's converters on (min-max, fixed and the paper's 14-bit ADCs, a DAC, read noise per
     * batch, a calibrated ADC; conv2's 576 inputs span two 512-row blocks), the shifted products go block by block
     * through the chain and give the im2col path's outputs (twin tiles programmed alike, so both layers read the same
     * noise) in training and evaluation, and the same input gradient. An ADC level can flip where a partial sum lies
     * on a boundary within float rounding: at most 0.5 % of the outputs may differ, each by at most two levels of
     * each of the (at most two) blocks.
     */
    @Test void shiftedProductsThroughTheTilesConvertersMatchIm2col() {
        MvmConfig[] configs = {MvmConfig.ideal().withAdc(Adc.minMax(6)), MvmConfig.paper(),
                MvmConfig.ideal().withDac(InputDac.bits(4)).withAdc(Adc.fixed(8, 20)), MvmConfig.ideal().withAdc(Adc.calibrated(10))};
        long[][] kernels = {{16, 64, 3, 3}, {8, 12, 3, 3}};
        for (MvmConfig cfg : configs) for (long[] k : kernels) {
            int pad = k[1] == 64 ? 0 : 1;
            Nd4j.getRandom().setSeed(13);
            INDArray w = Nd4j.randn(DataType.FLOAT, k).muli(0.3), x = Nd4j.rand(DataType.FLOAT, 4, k[1], 8, 7);
            MaskedConv2d[] layers = new MaskedConv2d[2];
            for (int i = 0; i < 2; i++) {
                org.rramlab.crossbar.Macro macro = org.rramlab.crossbar.Macro.paper(org.rramlab.device.DeviceModel.taox40nm(), 5);
                layers[i] = new MaskedConv2d("c", new TileWeights(macro.program("c", w, org.rramlab.device.WriteNoise.NONE, 1)), 1, 1, pad, pad, cfg);
            }
            MaskedConv2d shifted = layers[0], im2col = layers[1];
            im2col.shiftedEnabled = false;
            String at = cfg + " " + java.util.Arrays.toString(k);
            if (cfg.adc().range() == Adc.Range.CALIBRATED) {
                for (MaskedConv2d l : layers) { l.chain().startCalibration(); l.forward(x, false); l.chain().finishCalibration(); }
                assertArrayEquals(im2col.chain().calibratedRanges(), shifted.chain().calibratedRanges(), 1e-4 * java.util.Arrays.stream(
                        im2col.chain().calibratedRanges()).max().orElse(1), "calibrated ranges " + at);
            }
            for (boolean training : new boolean[] {true, false}) {
                INDArray ys = shifted.forward(x, training), yi = im2col.forward(x, training);
                assertTrue(shifted.ranShifted(), "shifted path taken: " + at + " training " + training);
                assertWithinAdcLevels(yi, ys, cfg, "forward " + at + " training " + training);
                INDArray g = Nd4j.randn(DataType.FLOAT, ys.shape());
                assertClose(im2col.backward(g).castTo(DataType.DOUBLE), shifted.backward(g), "input gradient (straight through) " + at);
            }
        }
    }

    private static void assertWithinAdcLevels(INDArray expected, INDArray actual, MvmConfig cfg, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what);
        double scale = expected.amaxNumber().doubleValue(), range = expected.maxNumber().doubleValue() - expected.minNumber().doubleValue();
        double level = cfg.adc().enabled() ? range / ((1L << cfg.adc().bits()) - 1) : 0;
        INDArray diff = Transforms.abs(expected.sub(actual));
        long off = diff.gt(1e-5 * Math.max(1, scale)).castTo(DataType.INT32).sumNumber().longValue();
        assertTrue(off <= 0.005 * expected.length(), what + ": " + off + " of " + expected.length() + " outputs differ");
        assertTrue(diff.maxNumber().doubleValue() <= 1e-5 * Math.max(1, scale) + 2 * level * 2,
                what + ": worst difference " + diff.maxNumber() + ", ADC level ~" + level);
    }

    /**
     * With oneDNN's natives, every FLOAT convolution with a plain product runs as ND4J's conv2d operations
     * ({@link DnnConv}): against the DOUBLE im2col path and the FLOAT shifted and im2col paths, forward, input gradient
     * (or none) and weight gradient, strides 1, 2 and 2×1, padded or not, square and non-square kernels, 1×1, one example
     * and batches cut into two blocks (a large batch). A single input channel keeps im2col.
     */
    @Test void oneDnnConvolutionsMatchTheOtherPaths() {
        assertTrue(DnnConv.available(), "the library depends on ND4J's oneDNN natives (lib-src/pom.xml: linux-x86_64-onednn)");
        long[][] kernels = {{16, 8, 3, 3}, {4, 12, 3, 2}, {9, 8, 1, 1}, {6, 10, 5, 5}, {64, 8, 3, 3}, {32, 16, 3, 3}};
        int[][] geometries = {{1, 1, 0, 0}, {1, 1, 1, 1}, {2, 2, 1, 1}, {2, 2, 0, 0}, {2, 1, 1, 0}};   // stride y, x, pad y, x (2x1: the CRNN's)
        for (long[] k : kernels) for (int[] s : geometries) for (int n : new int[] {1, 5, 90}) for (boolean inputGradient : new boolean[] {true, false}) {
            if (s[2] >= k[2] || s[3] >= k[3]) continue;
            if (n == 90 && k[1] > 12) continue;   // the two-block case once per kernel is enough
            Nd4j.getRandom().setSeed(13);
            INDArray w = Nd4j.randn(DataType.DOUBLE, k), x = Nd4j.randn(DataType.DOUBLE, n, k[1], 9, 7);
            String at = java.util.Arrays.toString(k) + " " + java.util.Arrays.toString(s) + " n " + n + (inputGradient ? "" : " no input gradient");
            ParallelKernelsTest.Fixed wd = new ParallelKernelsTest.Fixed(w), wf = new ParallelKernelsTest.Fixed(w.castTo(DataType.FLOAT)),
                    wn = new ParallelKernelsTest.Fixed(w.castTo(DataType.FLOAT));
            MaskedConv2d d = new MaskedConv2d("d", wd, s[0], s[1], s[2], s[3]), other = new MaskedConv2d("f", wf, s[0], s[1], s[2], s[3]),
                    dnn = new MaskedConv2d("n", wn, s[0], s[1], s[2], s[3]);
            other.dnnEnabled = false;
            assertPathsAgree(d, wd, other, wf, "FLOAT", dnn, wn, x, inputGradient, at, () -> dnn.ranDnn() && !other.ranDnn() && !d.ranDnn(), () -> { });
        }
        MaskedConv2d single = new MaskedConv2d("single", new ParallelKernelsTest.Fixed(Nd4j.randn(DataType.FLOAT, 8, 1, 3, 3)));
        single.forward(Nd4j.randn(DataType.FLOAT, 2, 1, 9, 9), true);
        assertFalse(single.ranDnn(), "one input channel");
    }

    /** Strided, DOUBLE or single-channel convolutions keep im2col. */
    @Test void shiftedProductsOnlyWhereTheyApply() {
        INDArray w = Nd4j.randn(DataType.FLOAT, 8, 8, 3, 3);
        MaskedConv2d strided = new MaskedConv2d("strided", new ParallelKernelsTest.Fixed(w), 2, 2, 1, 1);
        strided.dnnEnabled = false;
        strided.forward(Nd4j.randn(DataType.FLOAT, 2, 8, 9, 9), true);
        assertFalse(strided.ranShifted(), "stride 2");
        MaskedConv2d doubles = new MaskedConv2d("double", new ParallelKernelsTest.Fixed(w.castTo(DataType.DOUBLE)), 1, 1, 1, 1);
        doubles.forward(Nd4j.randn(DataType.DOUBLE, 2, 8, 9, 9), true);
        assertFalse(doubles.ranShifted(), "DOUBLE");
        MaskedConv2d single = new MaskedConv2d("single", new ParallelKernelsTest.Fixed(Nd4j.randn(DataType.FLOAT, 8, 1, 3, 3)));
        single.dnnEnabled = false;
        single.forward(Nd4j.randn(DataType.FLOAT, 2, 1, 9, 9), true);
        assertFalse(single.ranShifted(), "one input channel");
    }

    /**
     * Forward, input gradient (or none: {@code inputGradient} false) and weight gradient of {@code tested} on x, against
     * the DOUBLE im2col layer d and against the FLOAT layer {@code reference} of another path (each with its own
     * weights' gradient holder); {@code pathsTaken} checks the paths after the forwards, {@code betweenPasses} runs
     * between forward and backward.
     */
    private static void assertPathsAgree(MaskedConv2d d, ParallelKernelsTest.Fixed wd, MaskedConv2d reference, ParallelKernelsTest.Fixed wr,
            String referenceName, MaskedConv2d tested, ParallelKernelsTest.Fixed wt, INDArray x, boolean inputGradient, String at,
            java.util.function.BooleanSupplier pathsTaken, Runnable betweenPasses) {
        if (!inputGradient) { d.withoutInputGradient(); reference.withoutInputGradient(); tested.withoutInputGradient(); }
        INDArray yd = d.forward(x, true), yr = reference.forward(x.castTo(DataType.FLOAT), true), yt = tested.forward(x.castTo(DataType.FLOAT), true);
        assertTrue(pathsTaken.getAsBoolean(), "paths taken: " + at);
        assertClose(yd, yt, "forward vs DOUBLE " + at);
        assertClose(yr.castTo(DataType.DOUBLE), yt, "forward vs " + referenceName + " " + at);
        betweenPasses.run();
        INDArray g = Nd4j.randn(DataType.DOUBLE, yd.shape());
        INDArray dxd = d.backward(g), dxr = reference.backward(g.castTo(DataType.FLOAT)), dxt = tested.backward(g.castTo(DataType.FLOAT));
        if (inputGradient) {
            assertClose(dxd, dxt, "input gradient vs DOUBLE " + at);
            assertClose(dxr.castTo(DataType.DOUBLE), dxt, "input gradient vs " + referenceName + " " + at);
        } else {
            assertNull(dxt, "no input gradient asked: " + at);
        }
        assertClose(wd.grad, wt.grad, "weight gradient vs DOUBLE " + at);
        assertClose(wr.grad.castTo(DataType.DOUBLE), wt.grad, "weight gradient vs " + referenceName + " " + at);
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what);
        double scale = expected.amaxNumber().doubleValue();
        double worst = expected.sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(worst <= 1e-5 * Math.max(1, scale), what + ": worst difference " + worst + " at scale " + scale);
    }
}
