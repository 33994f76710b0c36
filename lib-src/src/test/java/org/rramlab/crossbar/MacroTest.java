package org.rramlab.crossbar;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rramlab.device.DeviceModel;
import org.rramlab.device.WriteNoise;
import tech.tablesaw.api.Table;

import static org.junit.jupiter.api.Assertions.*;

class MacroTest {
    private static INDArray randn(long seed, int... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.FLOAT, java.util.Arrays.stream(shape).asLongStream().toArray());
    }

    @Test
    void layerLargerThanOneArrayIsTiledAndStillEqualsMatmul() {
        Macro m = new Macro(128, 128, DeviceModel.ideal(), MvmConfig.ideal(), 1);
        INDArray w = randn(2, 300, 200);                  // out 300 (3 column tiles) x in 200 (2 row tiles)
        MappedLayer layer = m.program("fc", w, WriteNoise.NONE);
        assertEquals(6, layer.tiles().size());
        assertEquals(300L * 200, layer.tiles().stream().mapToLong(Tile::pairs).sum());
        INDArray x = randn(3, 10, 200);
        INDArray want = x.mmul(w.transpose());
        double rel = layer.mvm(x).sub(want).norm2Number().doubleValue() / want.norm2Number().doubleValue();
        assertTrue(rel < 1e-5, "relative error " + rel);
        assertEquals(2L * 300 * 200, layer.pulses(), "an ideal device programs each cell in one pulse");
    }

    @Test
    void severalLayersShareOneArrayWithoutOverlap() {
        Macro m = Macro.paper(DeviceModel.ideal(), MvmConfig.ideal(), 4);
        MappedLayer a = m.program("fc1", randn(5, 128, 400), WriteNoise.NONE);
        MappedLayer b = m.program("fc2", randn(6, 10, 128), WriteNoise.NONE);
        MappedLayer c = m.program("fc3", randn(7, 64, 64), WriteNoise.NONE);
        assertEquals(1, m.arrays().size(), "all three fit in one 512 x 512 array");
        boolean[][] used = new boolean[512][512];
        for (MappedLayer l : m.layers()) {
            for (Tile t : l.tiles()) {
                for (int r = t.rowOffset(); r < t.rowOffset() + t.rows(); r++) {
                    for (int col = t.colOffset(); col < t.colOffset() + t.cols(); col++) {
                        assertFalse(used[r][col], l.name() + " overlaps at " + r + "," + col);
                        used[r][col] = true;
                    }
                }
            }
        }
        Table report = m.report();
        assertEquals(3, report.rowCount());
        assertEquals(128L * 400 + 10 * 128 + 64 * 64, report.longColumn("pairs").sum(), 0);
        INDArray x = randn(8, 4, 128);
        INDArray want = x.mmul(randn(6, 10, 128).transpose());
        assertTrue(b.mvm(x).equalsWithEps(want, 1e-3), "a layer reads only its own cells");
        assertTrue(m.utilisation() > 0 && m.utilisation() < 1);
        assertNotNull(a);
        assertNotNull(c);
    }

    @Test
    void thePapersFashionCnnFitsOneArray() {
        Macro m = Macro.paper(DeviceModel.taox40nm(), MvmConfig.ideal(), 6);
        m.formLayer("conv1", 64, 9, 9);
        m.formLayer("conv2", 16, 576, 576);
        m.formLayer("fc1", 128, 400, 400);
        m.formLayer("fc2", 10, 128, 128);
        assertEquals(1, m.arrays().size());
        assertEquals(62_272, m.report().longColumn("pairs").sum(), 0);
        assertEquals(62_272 / (512.0 * 512), m.utilisation(), 1e-12);
    }

    @Test
    void convolutionWeightsAreMappedAsTheirIm2colMatrix() {
        Macro m = new Macro(64, 64, DeviceModel.ideal(), MvmConfig.ideal(), 2);
        INDArray w = randn(9, 16, 8, 3, 3);
        MappedLayer conv = m.program("conv", w, WriteNoise.NONE);
        assertEquals(72, conv.inputs());
        assertEquals(2, conv.tiles().size(), "72 inputs need two 64-row tiles");
        INDArray x = randn(10, 5, 72);
        INDArray want = x.mmul(w.reshape('c', 16, 72).transpose());
        assertTrue(conv.mvm(x).equalsWithEps(want, 1e-4));
    }

    @Test
    void formedLayerHasSignedConstantScaleAndPrunesByResetAndSet() {
        Macro m = new Macro(128, 128, DeviceModel.taox40nm(), MvmConfig.ideal(), 3);
        MappedLayer layer = m.formLayer("fc", 300, 200, 200);
        INDArray w = layer.weights();
        assertEquals(2 / Math.sqrt(200), w.stdNumber().doubleValue(), 1e-3);
        INDArray x = randn(4, 8, 200);
        INDArray want = x.mmul(w.transpose());
        assertTrue(layer.mvm(x).sub(want).norm2Number().doubleValue() / want.norm2Number().doubleValue() < 1e-5);

        Nd4j.getRandom().setSeed(5);
        INDArray keep = Nd4j.rand(DataType.FLOAT, 300, 200).gt(0.5).castTo(DataType.FLOAT);
        long pruned = 300L * 200 - (long) keep.sumNumber().doubleValue();
        long resets = m.arrays().stream().mapToLong(a -> a.counters().resets()).sum();
        assertEquals(pruned, layer.applyMask(keep));
        assertEquals(resets + pruned, m.arrays().stream().mapToLong(a -> a.counters().resets()).sum());
        assertEquals(0, layer.applyMask(keep), "the same mask again flips nothing");
        INDArray after = layer.weights();
        double prunedStd = after.mul(keep.rsub(1)).norm2Number().doubleValue() / Math.sqrt(pruned);
        assertTrue(prunedStd < 0.1 * 2 / Math.sqrt(200), "pruned edges read a small residual: " + prunedStd);
        assertEquals(pruned, layer.applyMask(Nd4j.ones(DataType.FLOAT, 300, 200)));
        assertEquals(pruned, m.arrays().stream().mapToLong(a -> a.counters().sets()).sum(), "reinstating is a SET");
    }

    @Test
    void sameSeedSameMacro() {
        INDArray x = randn(11, 6, 700);
        INDArray[] out = new INDArray[2];
        for (int k = 0; k < 2; k++) {
            Macro m = Macro.paper(DeviceModel.taox40nm(), MvmConfig.paper(4), 12);
            MappedLayer l = m.formLayer("fc", 100, 700, 700);
            out[k] = l.mvm(x);
        }
        assertEquals(out[0], out[1]);
    }

    @Test
    void badInputIsNamed() {
        Macro m = new Macro(16, 16, DeviceModel.ideal(), MvmConfig.ideal(), 1);
        MappedLayer l = m.program("fc", randn(1, 8, 20), WriteNoise.NONE);
        var e = assertThrows(IllegalArgumentException.class, () -> l.mvm(Nd4j.ones(DataType.FLOAT, 2, 8)));
        assertTrue(e.getMessage().contains("layer fc") && e.getMessage().contains("[batch, 20]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.program("v", Nd4j.ones(DataType.FLOAT, 4), WriteNoise.NONE));
        assertTrue(e.getMessage().contains("[out, in]"), e.getMessage());
        var s = assertThrows(IllegalStateException.class, () -> l.applyMask(Nd4j.ones(DataType.FLOAT, 8, 20)));
        assertTrue(s.getMessage().contains("write-verify"), s.getMessage());
        MappedLayer formed = m.formLayer("f", 4, 6, 6);
        e = assertThrows(IllegalArgumentException.class, () -> formed.applyMask(Nd4j.ones(DataType.FLOAT, 6, 4)));
        assertTrue(e.getMessage().contains("keep for layer f") && e.getMessage().contains("[4, 6]"), e.getMessage());
    }
}
