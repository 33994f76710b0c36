package org.rramlab.crossbar;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rramlab.device.DeviceModel;
import org.rramlab.device.ReadNoise;
import org.rramlab.device.Switching;
import org.rramlab.device.WriteNoise;

import static org.junit.jupiter.api.Assertions.*;

/** The layer tiles on the one store: reads, pruning by SET/RESET, programming, and what they count. */
class AnalogTileTest {

    static INDArray randn(long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.FLOAT, shape);
    }

    static INDArray read(AnalogTile t) {
        INDArray w = Nd4j.create(DataType.FLOAT, t.shape());
        t.freshRead(w);
        return w;
    }

    static float[][] trainingRead(AnalogTile t) {
        float[] k = new float[(int) t.edges()], p = new float[(int) t.edges()];
        t.trainingRead(0, k, p);
        return new float[][]{k, p};
    }

    static double std(float[] v) {
        double s = 0, s2 = 0;
        for (float x : v) { s += x; s2 += (double) x * x; }
        double m = s / v.length;
        return Math.sqrt(s2 / v.length - m * m);
    }

    @Test
    void prunedTileKeptWeightsHaveTheSignedConstantScaleAndPrunedOnesASmallResidual() {
        AnalogTile t = Macro.paper(DeviceModel.taox40nm(), 1).formForPruning("fc1", new long[]{128, 400}, 400, 11);
        float[][] kp = trainingRead(t);
        assertEquals(2 / Math.sqrt(400), std(kp[0]), 2e-3);
        double ratio = std(kp[1]) / std(kp[0]);
        assertTrue(ratio > 0.01 && ratio < 0.1, "the pruned residual is small but not zero: " + ratio);
        // every edge starts kept; the weights are scale x (G+ - G-) of the store's cells
        INDArray stored = t.storedWeights();
        Crossbar a = t.macro().arrays().get(0);
        for (int e : new int[]{0, 1, 777, 51_199}) {
            int row = t.cellOf(e) / a.cols(), col = t.cellOf(e) % a.cols();
            double w = t.scale() * (a.conductance(Plane.PLUS, row, col) - a.conductance(Plane.MINUS, row, col));
            assertEquals(w, stored.getDouble(e / 400, e % 400), 1e-6);
            assertTrue(t.isKept(e));
        }
        assertEquals(2L * 128 * 400, t.counters().formed());
        assertEquals(128L * 400, t.counters().preparationResets(), "one low cell per pair, set up before training");
    }

    @Test
    void theTrainingReadIsFrozenAndEvaluationReadsAreFresh() {
        AnalogTile t = Macro.paper(DeviceModel.taox40nm(), 2).formForPruning("conv", new long[]{64, 3, 3, 3}, 27, 5);
        t.configure(MvmConfig.readNoiseOnly());
        float[][] a = trainingRead(t), b = trainingRead(t);
        assertArrayEquals(a[0], b[0], "read 0 is the same read every time it is asked for");
        float[] other = new float[(int) t.edges()], otherPruned = new float[(int) t.edges()];
        t.trainingRead(1, other, otherPruned);
        assertFalse(java.util.Arrays.equals(a[0], other), "read 1 (a fresh read per step) differs");
        INDArray r1 = read(t), r2 = read(t), stored = t.storedWeights();
        assertNotEquals(r1, r2);
        double rel = r1.sub(stored).stdNumber().doubleValue() / stored.stdNumber().doubleValue();
        assertTrue(rel > 0.005 && rel < 0.1, "2 % read noise moves the weights a little: " + rel);
        assertEquals(2, t.counters().reads());
        t.configure(MvmConfig.ideal());
        assertEquals(stored, read(t), "read noise off: a read returns the stored weights");
        float[][] exact = trainingRead(t);
        assertArrayEquals(stored.data().asFloat(), exact[0], "and so does the training read of kept edges");
    }

    @Test
    void pruningIsAResetAndReinstatingASetOfTheFormedCell() {
        Macro m = new Macro(128, 64, DeviceModel.taox40nm(), 3);
        AnalogTile t = m.formForPruning("fc", new long[]{300, 200}, 200, 7);
        assertEquals(10, t.blocks().size(), "300 x 200 on 128 x 64 arrays: 2 row bands x 5 column bands");
        float[][] kp = trainingRead(t);
        long resetsBefore = t.counters().resets();
        for (int e = 0; e < t.edges(); e += 2) t.setKept(e, false);
        long pruned = (t.edges() + 1) / 2;
        assertEquals(resetsBefore + pruned, t.counters().resets());
        assertEquals(resetsBefore + pruned, m.counters().resets(), "the macro's counts are its tiles'");
        assertEquals(0.5, t.keptFraction(), 1e-3);
        INDArray now = t.storedWeights();
        for (int e = 0; e < 40; e++) {
            assertEquals(e % 2 == 0 ? kp[1][e] : kp[0][e], now.getFloat(e / 200, e % 200), 1e-6,
                    "edge " + e + " reads its pruned value after RESET, its kept value otherwise");
        }
        t.setKept(0, false);
        assertEquals(resetsBefore + pruned, t.counters().resets(), "an edge already pruned costs nothing");
        for (int e = 0; e < t.edges(); e += 2) t.setKept(e, true);
        assertEquals(pruned, t.counters().sets());
        assertEquals(new Macro(128, 64, DeviceModel.taox40nm(), 3).formForPruning("fc", new long[]{300, 200}, 200, 7).storedWeights(),
                t.storedWeights(), "RESTORE (the paper's fixed weights): a SET gives back the formed conductance");
        var e = assertThrows(IllegalStateException.class, () -> m.program("w", randn(1, 4, 4), WriteNoise.NONE, 1).setKept(0, false));
        assertTrue(e.getMessage().contains("formed for pruning"), e.getMessage());
    }

    @Test
    void redrawGivesAReinstatedEdgeANewConductanceAndStaysDeterministic() {
        DeviceModel redraw = DeviceModel.taox40nm().withReinstate(Switching.Reinstate.REDRAW);
        AnalogTile[] tiles = new AnalogTile[2];
        for (int k = 0; k < 2; k++) {
            AnalogTile t = Macro.paper(redraw, 4).formForPruning("fc", new long[]{64, 64}, 64, 8);
            INDArray before = t.storedWeights();
            for (int e = 0; e < t.edges(); e++) t.setKept(e, false);
            for (int e = 0; e < t.edges(); e++) t.setKept(e, true);
            INDArray after = t.storedWeights();
            double changed = after.sub(before).norm2Number().doubleValue() / before.norm2Number().doubleValue();
            assertTrue(changed > 0.1, "a new draw of the SET state: " + changed);
            tiles[k] = t;
        }
        assertEquals(tiles[0].storedWeights(), tiles[1].storedWeights(), "same seed, same draws");
        float[] kept = new float[4096], pruned = new float[4096], some = new float[4096], somePruned = new float[4096];
        tiles[0].trainingRead(0, kept, pruned);
        tiles[0].trainingRead(0, new int[]{5, 9}, 2, some, somePruned);
        assertEquals(kept[5], some[5]);
        assertEquals(kept[9], some[9]);
    }

    @Test
    void snapshotAndRestoreGiveTheSameCellsAndCounts() {
        DeviceModel redraw = DeviceModel.taox40nm().withReinstate(Switching.Reinstate.REDRAW);
        AnalogTile a = Macro.paper(redraw, 9).formForPruning("fc", new long[]{32, 50}, 50, 1);
        for (int e = 0; e < a.edges(); e += 3) a.setKept(e, false);
        byte[] cells = a.snapshot();
        long[] counts = a.snapshotCounters();
        for (int e = 0; e < a.edges(); e += 3) a.setKept(e, true);
        AnalogTile b = Macro.paper(redraw, 9).formForPruning("fc", new long[]{32, 50}, 50, 1);
        b.restore(cells, counts);
        a.restore(cells, counts);
        assertEquals(a.storedWeights(), b.storedWeights());
        assertArrayEquals(a.snapshotCounters(), b.snapshotCounters());
        for (int e = 0; e < a.edges(); e++) assertEquals(e % 3 != 0, b.isKept(e));
    }

    @Test
    void programmedTileReproducesTrainedWeightsOnAnIdealDevice() {
        INDArray w = randn(11, 100, 50).muli(0.1);
        AnalogTile p = Macro.paper(DeviceModel.ideal(), 1).program("fc", w, WriteNoise.NONE, 1);
        assertTrue(read(p).equalsWithEps(w, 1e-6));
        assertEquals(2L * 100 * 50, p.counters().verifyPulses(), "one exact pulse per cell");
        assertEquals(2L * 100 * 50, p.counters().formed(), "every cell is formed before it is written");
    }

    @Test
    void rangeWriteNoiseHasTheRequestedSigmaAndProportionalNoiseIsSmaller() {
        INDArray w = randn(11, 100, 50).muli(0.1);
        DeviceModel quiet = DeviceModel.taox40nm().withReadNoise(ReadNoise.NONE);
        AnalogTile p = Macro.paper(quiet, 2).program("fc", w, WriteNoise.range(0.01), 2);
        double maxAbs = w.amaxNumber().doubleValue();
        double err = read(p).sub(w).stdNumber().doubleValue();
        assertEquals(Math.sqrt(2) * 0.01 * maxAbs, err, 0.05 * err);
        assertTrue(p.counters().verifyPulses() > 2L * 100 * 50, "write-verify takes several pulses per cell");
        double rangeErr = read(Macro.paper(quiet, 3).program("fc", w, WriteNoise.range(0.1), 3)).sub(w).stdNumber().doubleValue();
        double propErr = read(Macro.paper(quiet, 3).program("fc", w, WriteNoise.proportional(0.1), 3)).sub(w).stdNumber().doubleValue();
        assertTrue(propErr < rangeErr, propErr + " vs " + rangeErr);
    }

    @Test
    void driftShrinksPcmWeightsButNotRram() {
        INDArray w = randn(12, 20, 30).muli(0.1);
        AnalogTile pcm = Macro.paper(DeviceModel.pcmLike().withReadNoise(ReadNoise.NONE), 5).program("fc", w, WriteNoise.NONE, 5);
        INDArray now = read(pcm);
        pcm.setSecondsSinceProgramming(86_400);
        assertTrue(read(pcm).equalsWithEps(now.mul(Math.pow(86_400, -0.05)), 1e-5));
        AnalogTile rram = Macro.paper(DeviceModel.ideal(), 5).program("fc", w, WriteNoise.NONE, 5);
        INDArray r0 = read(rram);
        rram.setSecondsSinceProgramming(86_400);
        assertEquals(r0, read(rram));
    }

    @Test
    void sameSeedSameTilesAndReads() {
        INDArray w = randn(13, 30, 40);
        AnalogTile a = Macro.paper(DeviceModel.taox40nm(), 4).program("fc", w, WriteNoise.range(0.05), 4);
        AnalogTile b = Macro.paper(DeviceModel.taox40nm(), 4).program("fc", w, WriteNoise.range(0.05), 4);
        a.configure(MvmConfig.readNoiseOnly());
        b.configure(MvmConfig.readNoiseOnly());
        assertEquals(a.counters().verifyPulses(), b.counters().verifyPulses());
        INDArray r1 = read(a);
        assertEquals(r1, read(b));
        assertNotEquals(r1, read(a), "each read draws fresh noise");
    }

    @Test
    void badInputIsNamed() {
        Macro m = new Macro(16, 16, DeviceModel.ideal(), 1);
        var e = assertThrows(IllegalArgumentException.class, () -> m.formForPruning("fc", new long[]{10, 0}, 5, 1));
        assertTrue(e.getMessage().contains("layer fc") && e.getMessage().contains("[10, 0]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.formForPruning("fc", new long[]{10, 5}, 0, 1));
        assertTrue(e.getMessage().contains("fanIn = 0"), e.getMessage());
        INDArray nan = Nd4j.create(new float[]{1, Float.NaN}, new long[]{1, 2}, 'c');
        e = assertThrows(IllegalArgumentException.class, () -> m.program("bad", nan, WriteNoise.NONE, 1));
        assertTrue(e.getMessage().contains("layer bad") && e.getMessage().contains("weight 1 = NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> WriteNoise.range(-0.1));
        assertTrue(e.getMessage().contains("sigma = -0.1"), e.getMessage());
        AnalogTile t = m.formForPruning("ok", new long[]{4, 6}, 6, 1);
        e = assertThrows(IllegalArgumentException.class, () -> t.freshRead(Nd4j.create(DataType.FLOAT, 6, 3)));
        assertTrue(e.getMessage().contains("tile ok") && e.getMessage().contains("24 weights"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> t.trainingRead(0, new float[3], new float[24]));
        assertTrue(e.getMessage().contains("whenKept has 3 values, expected 24"), e.getMessage());
    }
}
