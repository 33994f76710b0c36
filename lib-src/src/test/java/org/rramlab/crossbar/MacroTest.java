package org.rramlab.crossbar;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rramlab.device.DeviceModel;
import org.rramlab.device.WriteNoise;
import tech.tablesaw.api.Table;

import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.*;
import static org.rramlab.crossbar.AnalogTileTest.randn;
import static org.rramlab.crossbar.AnalogTileTest.read;

/** Placement of layers on a macro's arrays, the report and floorplan of that placement, and the macro's limits. */
class MacroTest {

    private static INDArray multiply(AnalogTile t, MvmConfig config, INDArray x) {
        MvmChain chain = new MvmChain(t.name(), config, t);
        return chain.dense(x, read(t).reshape('c', t.outputs(), t.inputs()), false, x.rows());
    }

    @Test
    void aLayerLargerThanOneArrayIsTiledAndStillEqualsMatmul() {
        Macro m = new Macro(128, 128, DeviceModel.ideal(), 1);
        INDArray w = randn(2, 300, 200);                  // out 300 (3 column blocks) x in 200 (2 row blocks)
        AnalogTile layer = m.program("fc", w, WriteNoise.NONE, 1);
        assertEquals(6, layer.blocks().size());
        assertEquals(300L * 200, layer.blocks().stream().mapToLong(Block::pairs).sum());
        INDArray x = randn(3, 10, 200);
        INDArray want = x.mmul(w.transpose());
        for (MvmConfig c : new MvmConfig[]{MvmConfig.ideal(), MvmConfig.ideal().withAdc(Adc.minMax(24))}) {
            double rel = multiply(layer, c, x).sub(want).norm2Number().doubleValue() / want.norm2Number().doubleValue();
            assertTrue(rel < 1e-5, c + ": relative error " + rel);
        }
        assertEquals(2L * 300 * 200, layer.counters().verifyPulses(), "an ideal device programs each cell in one pulse");
    }

    @Test
    void severalLayersShareOneArrayWithoutOverlapAndTheReportIsThePlacement() {
        Macro m = Macro.paper(DeviceModel.ideal(), 4);
        m.program("fc1", randn(5, 128, 400), WriteNoise.NONE, 1);
        AnalogTile b = m.program("fc2", randn(6, 10, 128), WriteNoise.NONE, 2);
        m.program("fc3", randn(7, 64, 64), WriteNoise.NONE, 3);
        assertEquals(1, m.arrays().size(), "all three fit in one 512 x 256-pair array");
        boolean[][] used = new boolean[512][256];
        Table report = m.report();
        for (int i = 0; i < report.rowCount(); i++) {
            for (int r = report.intColumn("first row").get(i); r <= report.intColumn("last row").get(i); r++) {
                for (int c = report.intColumn("first pair column").get(i); c <= report.intColumn("last pair column").get(i); c++) {
                    assertFalse(used[r][c], report.stringColumn("layer").get(i) + " overlaps at " + r + "," + c);
                    used[r][c] = true;
                }
            }
        }
        assertEquals(128L * 400 + 10 * 128 + 64 * 64, report.longColumn("pairs").sum(), 0);
        // the report lists the cells the tiles really use: every edge sits inside one of its layer's rows
        for (AnalogTile t : m.tiles()) {
            for (int e = 0; e < t.edges(); e += 97) {
                int row = t.cellOf(e) / 256, col = t.cellOf(e) % 256;
                boolean inside = false;
                for (int i = 0; i < report.rowCount(); i++) {
                    inside |= report.stringColumn("layer").get(i).equals(t.name()) && row >= report.intColumn("first row").get(i)
                            && row <= report.intColumn("last row").get(i) && col >= report.intColumn("first pair column").get(i)
                            && col <= report.intColumn("last pair column").get(i);
                }
                assertTrue(inside, t.name() + " edge " + e + " at (" + row + ", " + col + ") is not in the report");
            }
        }
        INDArray x = randn(8, 4, 128);
        assertTrue(multiply(b, MvmConfig.ideal(), x).equalsWithEps(x.mmul(randn(6, 10, 128).transpose()), 1e-3),
                "a layer reads only its own cells");
        assertTrue(m.utilisation() > 0 && m.utilisation() < 1);
        assertEquals(3, m.layerSummary().rowCount());
    }

    @Test
    void thePapersFashionCnnFitsTheTestChipsOneArray() {
        Macro m = Macro.paperChip(DeviceModel.taox40nm(), 6);
        m.formForPruning("conv1", new long[]{64, 1, 3, 3}, 9, 1);
        m.formForPruning("conv2", new long[]{16, 64, 3, 3}, 576, 2);
        m.formForPruning("fc1", new long[]{128, 400}, 400, 3);
        m.formForPruning("fc2", new long[]{10, 128}, 128, 4);
        assertEquals(1, m.arrays().size());
        assertEquals(62_272, m.report().longColumn("pairs").sum(), 0);
        assertEquals(62_272 / (512.0 * 256), m.utilisation(), 1e-12);
        assertEquals(2, m.tile("conv2").blocks().size(), "576 inputs: two row bands of the 512-row array");
        BufferedImage plan = m.floorplan();
        assertTrue(plan.getWidth() >= 600 && plan.getHeight() > 160);
    }

    @Test
    void aNetworkThatDoesNotFitTheMacroIsRefusedAndALayerIsPlacedOnce() {
        Macro chip = Macro.paperChip(DeviceModel.taox40nm(), 1);
        chip.formForPruning("fc1", new long[]{256, 512}, 512, 1);
        var e = assertThrows(IllegalArgumentException.class, () -> chip.formForPruning("fc2", new long[]{10, 512}, 512, 2));
        assertTrue(e.getMessage().contains("layer fc2") && e.getMessage().contains("full") && e.getMessage().contains("maxArrays"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> chip.formForPruning("fc1", new long[]{4, 4}, 4, 3));
        assertTrue(e.getMessage().contains("layer fc1: already mapped"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Macro(512, 256, DeviceModel.ideal(), 1, 0));
        assertTrue(e.getMessage().contains("maxArrays = 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> chip.tile("conv9"));
        assertTrue(e.getMessage().contains("conv9") && e.getMessage().contains("fc1"), e.getMessage());
    }

    @Test
    void convolutionWeightsAreMappedAsTheirIm2colMatrix() {
        Macro m = new Macro(64, 64, DeviceModel.ideal(), 2);
        INDArray w = randn(9, 16, 8, 3, 3);
        AnalogTile conv = m.program("conv", w, WriteNoise.NONE, 1);
        assertEquals(72, conv.inputs());
        assertEquals(2, conv.blocks().size(), "72 inputs need two 64-row blocks");
        INDArray x = randn(10, 5, 72);
        INDArray want = x.mmul(w.reshape('c', 16, 72).transpose());
        assertTrue(multiply(conv, MvmConfig.ideal(), x).equalsWithEps(want, 1e-4));
    }

    @Test
    void sameSeedSameMacro() {
        INDArray x = randn(11, 6, 700);
        INDArray[] out = new INDArray[2];
        for (int k = 0; k < 2; k++) {
            AnalogTile l = Macro.paper(DeviceModel.taox40nm(), 12).formForPruning("fc", new long[]{100, 700}, 700, 1);
            out[k] = multiply(l, MvmConfig.paper(4), x);
        }
        assertEquals(out[0], out[1]);
    }
}
