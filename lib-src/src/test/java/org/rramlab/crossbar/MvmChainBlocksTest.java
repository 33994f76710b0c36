package org.rramlab.crossbar;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.rramlab.device.DeviceModel;
import org.rramlab.simd.Gemm;

/**
 * A layer spread over many arrays: every block's partial sums go through their own ADC and are then added, whether the
 * layer is dense or a convolution's columns. The reference copies each block out and multiplies it, as a reader would
 * write the chain by hand.
 */
class MvmChainBlocksTest {

    private static INDArray rand(long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, shape);
    }

    private static INDArray slice(INDArray a, int row, int rows, int col, int cols) {
        return a.get(NDArrayIndex.interval(row, row + rows), NDArrayIndex.interval(col, col + cols)).dup('c');
    }

    private static AnalogTile tile() {
        AnalogTile t = new Macro(128, 64, DeviceModel.taox40nm(), 3).formForPruning("fc", new long[] {300, 200}, 200, 7);
        assertEquals(10, t.blocks().size(), "300 outputs x 200 inputs on 128 x 64 arrays");
        return t;
    }

    private static INDArray read(AnalogTile t) {
        INDArray w = Nd4j.create(DataType.FLOAT, t.shape());
        t.freshRead(w);
        return w;
    }

    @Test void denseBlocksAreConvertedOneByOneThenSummed() {
        AnalogTile t = tile();
        INDArray w = read(t), x = rand(1, 16, 200);
        Adc adc = Adc.minMax(6);
        INDArray want = Nd4j.zeros(DataType.FLOAT, 16, 300);
        for (Block b : t.blocks()) {
            INDArray part = Nd4j.create(DataType.FLOAT, 16, b.cols());
            Gemm.product(slice(x, 0, 16, b.inOffset(), b.rows()), slice(w, b.outOffset(), b.cols(), b.inOffset(), b.rows()), part, false, true);
            want.get(NDArrayIndex.all(), NDArrayIndex.interval(b.outOffset(), b.outOffset() + b.cols())).addi(adc.apply(part));
        }
        INDArray got = new MvmChain("fc", MvmConfig.ideal().withAdc(adc), t).dense(x, w, true, 16);
        assertTrue(want.equalsWithEps(got, 1e-5), "largest difference " + want.sub(got).amaxNumber());
        INDArray exact = x.mmul(w.transpose());
        assertTrue(got.sub(exact).norm2Number().doubleValue() > 1e-3 * exact.norm2Number().doubleValue(), "a 6-bit ADC per block is not exact");
    }

    @Test void columnBlocksAreConvertedOneByOneThenSummed() {
        AnalogTile t = tile();
        INDArray w = read(t), cols = rand(2, 200, 50);
        Adc adc = Adc.minMax(6);
        INDArray want = Nd4j.zeros(DataType.FLOAT, 300, 50);
        for (Block b : t.blocks()) {
            INDArray part = Nd4j.create(DataType.FLOAT, b.cols(), 50);
            Gemm.product(slice(w, b.outOffset(), b.cols(), b.inOffset(), b.rows()), slice(cols, b.inOffset(), b.rows(), 0, 50), part, false, false);
            want.get(NDArrayIndex.interval(b.outOffset(), b.outOffset() + b.cols()), NDArrayIndex.all()).addi(adc.apply(part));
        }
        INDArray got = new MvmChain("conv", MvmConfig.ideal().withAdc(adc), t).columns(w, cols, true, 2);
        assertTrue(want.equalsWithEps(got, 1e-5), "largest difference " + want.sub(got).amaxNumber());
    }

    @Test void aViewOfTheInputsGivesTheSameProducts() {
        AnalogTile t = tile();
        INDArray w = read(t), wide = rand(3, 16, 260), x = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(30, 230));
        MvmChain chain = new MvmChain("fc", MvmConfig.ideal().withAdc(Adc.minMax(8)), t);
        assertEquals(chain.dense(x.dup('c'), w, true, 16), chain.dense(x, w, true, 16), "a strided view is copied, not misread");
    }
}
