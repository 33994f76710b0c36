package org.rramlab.crossbar;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rramlab.device.DeviceModel;
import org.rramlab.device.ReadNoise;
import org.rramlab.device.WriteNoise;

import static org.junit.jupiter.api.Assertions.*;

class ProgrammedWeightsTest {
    private static INDArray trained() {
        Nd4j.getRandom().setSeed(11);
        return Nd4j.randn(DataType.FLOAT, 100, 50).muli(0.1);
    }

    @Test
    void idealDeviceReproducesTrainedWeightsWithOnePulsePerCell() {
        INDArray w = trained();
        ProgrammedWeights p = ProgrammedWeights.program(w, DeviceModel.ideal(), WriteNoise.NONE, 1);
        assertTrue(p.read().equalsWithEps(w, 1e-6));
        assertEquals(2L * 100 * 50, p.pulses());
        assertArrayEquals(new long[]{100, 50}, p.read().shape());
    }

    @Test
    void rangeNoiseHasTheRequestedSigmaInWeightUnits() {
        INDArray w = trained();
        DeviceModel quiet = DeviceModel.taox40nm().withReadNoise(ReadNoise.NONE);
        ProgrammedWeights p = ProgrammedWeights.program(w, quiet, WriteNoise.range(0.01), 2);
        double maxAbs = w.amaxNumber().doubleValue();
        // two cells, each sigma 0.01 x range (small enough that clipping at 0 uS is rare); weight error sigma = sqrt(2) x 0.01 x max|W|
        double err = p.read().sub(w).stdNumber().doubleValue();
        assertEquals(Math.sqrt(2) * 0.01 * maxAbs, err, 0.05 * err);
        assertTrue(p.pulses() > 2L * 100 * 50, "write-verify needs several pulses per cell: " + p.pulses());
    }

    @Test
    void proportionalNoiseIsSmallerForSmallWeights() {
        INDArray w = trained();
        DeviceModel quiet = DeviceModel.taox40nm().withReadNoise(ReadNoise.NONE);
        double rangeErr = ProgrammedWeights.program(w, quiet, WriteNoise.range(0.1), 3).read().sub(w).stdNumber().doubleValue();
        double propErr = ProgrammedWeights.program(w, quiet, WriteNoise.proportional(0.1), 3).read().sub(w).stdNumber().doubleValue();
        assertTrue(propErr < rangeErr, propErr + " vs " + rangeErr);
    }

    @Test
    void sameSeedSameReads() {
        INDArray w = trained();
        ProgrammedWeights a = ProgrammedWeights.program(w, DeviceModel.taox40nm(), WriteNoise.range(0.05), 4);
        ProgrammedWeights b = ProgrammedWeights.program(w, DeviceModel.taox40nm(), WriteNoise.range(0.05), 4);
        assertEquals(a.pulses(), b.pulses());
        INDArray r1 = a.read();
        assertEquals(r1, b.read());
        assertNotEquals(r1, a.read(), "each read draws fresh noise");
    }

    @Test
    void driftShrinksPcmWeightsButNotRram() {
        INDArray w = trained();
        DeviceModel pcm = DeviceModel.pcmLike().withReadNoise(ReadNoise.NONE);
        ProgrammedWeights p = ProgrammedWeights.program(w, pcm, WriteNoise.NONE, 5);
        double day = 86_400;
        assertTrue(p.read(day).equalsWithEps(p.read().mul(Math.pow(day, -0.05)), 1e-5));
        ProgrammedWeights r = ProgrammedWeights.program(w, DeviceModel.ideal(), WriteNoise.NONE, 5);
        assertEquals(r.read(), r.read(day));
    }

    @Test
    void badInputIsNamed() {
        INDArray w = Nd4j.create(new float[]{1, Float.NaN});
        var e = assertThrows(IllegalArgumentException.class,
                () -> ProgrammedWeights.program(w, DeviceModel.ideal(), WriteNoise.NONE, 1));
        assertTrue(e.getMessage().contains("trainedWeights[1] = NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> WriteNoise.range(-0.1));
        assertTrue(e.getMessage().contains("sigma = -0.1"), e.getMessage());
    }
}
