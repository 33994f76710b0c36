package org.rramlab.crossbar;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rramlab.device.DeviceModel;
import org.rramlab.device.Drift;
import org.rramlab.device.ReadNoise;
import org.rramlab.device.Technologies;
import org.rramlab.device.WriteNoise;

import static org.junit.jupiter.api.Assertions.*;

/** Time after programming in the reads of a tile: each cell drifts from its own state; global drift compensation. */
class DriftReadsTest {

    private static INDArray weights(long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.FLOAT, 24, 32).muli(0.1);
    }

    private static float[] read(AnalogTile t) {
        INDArray w = Nd4j.create(DataType.FLOAT, t.shape());
        t.freshRead(w);
        return w.data().asFloat();
    }

    @Test
    void everyCellDriftsByItsOwnExponent() {
        DeviceModel quiet = Technologies.pcmGst().model().withReadNoise(ReadNoise.NONE);
        Macro macro = Macro.paper(quiet, 7);
        AnalogTile tile = macro.program("fc", weights(1), WriteNoise.NONE, 7);
        float[] before = tile.storedWeights().data().asFloat();
        double t = 86_400 * 30;
        tile.setSecondsSinceProgramming(t);
        float[] after = tile.storedWeights().data().asFloat();
        // the exponents seen through the weights spread as the law's sd at those conductances says
        double l = Math.log(t / quiet.drift().t0Seconds());
        double sum = 0, sum2 = 0;
        int n = 0;
        double max = 0;
        for (float b : before) max = Math.max(max, Math.abs(b));
        for (int e = 0; e < before.length; e++) {
            // large weights: the high cell dominates (the low cell at the window's bottom drifts too, but from ~0.1 uS)
            if (Math.abs(before[e]) < 0.3 * max) continue;
            double ratio = after[e] / before[e];
            assertTrue(ratio > 0 && ratio < 1, "every large weight shrinks: " + ratio);
            sum += -Math.log(ratio) / l;
            sum2 += Math.pow(-Math.log(ratio) / l, 2);
            n++;
        }
        double meanNu = sum / n, sdNu = Math.sqrt(sum2 / n - meanNu * meanNu);
        assertTrue(meanNu > 0.045 && meanNu < 0.1, "effective nu " + meanNu);
        assertTrue(sdNu > 0.003, "cells drift differently: sd " + sdNu);
    }

    @Test
    void aCellOfTheArrayDriftsAsTheLawSays() {
        DeviceModel d = DeviceModel.ideal().withDrift(Drift.powerLaw(0.07, 0, 1));
        Crossbar a = new Crossbar(4, 4, d, 3);
        a.formAll();
        a.program(Plane.PLUS, 1, 2, 12.5, WriteNoise.NONE);
        MvmConfig exact = MvmConfig.ideal();
        INDArray x = Nd4j.zeros(DataType.FLOAT, 1, 4);
        x.putScalar(0, 1, 1);   // row 1 alone
        double now = a.mvm(x, exact).getDouble(0, 2);
        a.setSecondsSinceProgramming(3600);
        double later = a.mvm(x, exact).getDouble(0, 2);
        double minus = a.conductance(Plane.MINUS, 1, 2);
        assertEquals((12.5 - minus) * Math.pow(3600, -0.07), later, 1e-4);
        assertEquals(12.5 - minus, now, 1e-5);
    }

    @Test
    void compensationRestoresTheIdealForUniformDrift() {
        DeviceModel uniform = DeviceModel.ideal().withDrift(Drift.powerLaw(0.06, 0, 1));
        AnalogTile tile = Macro.paper(uniform, 5).program("fc", weights(2), WriteNoise.NONE, 5);
        float[] ideal = tile.storedWeights().data().asFloat();
        tile.setSecondsSinceProgramming(3.15e7);
        float[] drifted = tile.storedWeights().data().asFloat();
        tile.setDriftCompensation(true);
        float[] compensated = tile.storedWeights().data().asFloat();
        double errDrift = 0, errComp = 0, norm = 0;
        for (int e = 0; e < ideal.length; e++) {
            errDrift += Math.pow(drifted[e] - ideal[e], 2);
            errComp += Math.pow(compensated[e] - ideal[e], 2);
            norm += ideal[e] * ideal[e];
        }
        assertTrue(Math.sqrt(errDrift / norm) > 0.5, "a year at nu 0.06 loses most of the signal");
        assertTrue(Math.sqrt(errComp / norm) < 1e-5, "compensation restores it: " + Math.sqrt(errComp / norm));
        assertEquals(Math.pow(3.15e7, 0.06), tile.compensationScale(), 1e-3 * Math.pow(3.15e7, 0.06));
        tile.setSecondsSinceProgramming(0);
        assertEquals(1, tile.compensationScale());
    }

    @Test
    void atTimeZeroReadsAreBitIdenticalToADriftFreeDevice() {
        DeviceModel pcm = Technologies.pcmGst().model();
        AnalogTile drifting = Macro.paper(pcm, 9).program("fc", weights(3), WriteNoise.range(0.03), 9);
        AnalogTile still = Macro.paper(pcm.withDrift(Drift.NONE), 9).program("fc", weights(3), WriteNoise.range(0.03), 9);
        drifting.configure(MvmConfig.readNoiseOnly());
        still.configure(MvmConfig.readNoiseOnly());
        assertArrayEquals(read(still), read(drifting));
        drifting.setSecondsSinceProgramming(1);   // before t0 = 20 s: nothing moves yet
        assertArrayEquals(read(still), read(drifting));
        drifting.setSecondsSinceProgramming(3600);
        assertFalse(java.util.Arrays.equals(read(still), read(drifting)));
    }

    @Test
    void sameSeedSameDrift() {
        DeviceModel hfox = Technologies.hfox().model();
        float[][] r = new float[3][];
        long[] seeds = {11, 11, 12};
        for (int i = 0; i < 3; i++) {
            AnalogTile t = Macro.paper(hfox, seeds[i]).program("fc", weights(4), WriteNoise.NONE, 4);
            t.setSecondsSinceProgramming(86_400);
            r[i] = t.storedWeights().data().asFloat();
        }
        assertArrayEquals(r[0], r[1]);
        assertFalse(java.util.Arrays.equals(r[0], r[2]));
    }

    @Test
    void prunedCellsDriftFromTheirOwnStates() {
        DeviceModel pcm = Technologies.pcmGst().model().withReadNoise(ReadNoise.NONE);
        AnalogTile tile = Macro.paper(pcm, 13).formForPruning("fc", new long[]{16, 20}, 20, 13);
        for (int e = 0; e < tile.edges(); e += 2) tile.setKept(e, false);
        float[] before = tile.storedWeights().data().asFloat();
        tile.setSecondsSinceProgramming(86_400);
        float[] after = tile.storedWeights().data().asFloat();
        int changed = 0;
        for (int e = 0; e < before.length; e++) if (before[e] != after[e]) changed++;
        assertTrue(changed > before.length * 0.9, changed + " of " + before.length + " weights drifted");
    }

    @Test
    void readNoiseGrowsWithTimeAsAccumulated1fNoise() {
        DeviceModel pcm = Technologies.pcmGst().model();
        Drift growthOnly = new Drift(20, org.rramlab.device.ConductanceCurve.ZERO, org.rramlab.device.ConductanceCurve.ZERO,
                org.rramlab.device.ConductanceCurve.ZERO, org.rramlab.device.ConductanceCurve.ZERO, 250e-9);
        AnalogTile tile = Macro.paper(pcm.withDrift(growthOnly), 21).program("fc", weights(5), WriteNoise.NONE, 21);
        tile.configure(MvmConfig.readNoiseOnly());
        double early = readSpread(tile);
        tile.setSecondsSinceProgramming(365 * 86_400.0);
        double late = readSpread(tile);
        assertEquals(growthOnly.readNoiseGrowth(365 * 86_400.0), late / early, 0.03, "read noise x " + late / early);
        assertTrue(growthOnly.readNoiseGrowth(365 * 86_400.0) > 1.3);
    }

    /** Mean over weights of the standard deviation of 40 fresh reads. */
    private static double readSpread(AnalogTile t) {
        int n = 40;
        float[][] r = new float[n][];
        for (int k = 0; k < n; k++) r[k] = read(t);
        double sum = 0;
        for (int e = 0; e < r[0].length; e++) {
            double m = 0, m2 = 0;
            for (int k = 0; k < n; k++) { m += r[k][e]; m2 += (double) r[k][e] * r[k][e]; }
            m /= n;
            sum += Math.sqrt(Math.max(0, m2 / n - m * m));
        }
        return sum / r[0].length;
    }
}
