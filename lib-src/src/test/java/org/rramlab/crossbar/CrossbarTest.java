package org.rramlab.crossbar;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rramlab.device.DeviceModel;
import org.rramlab.device.WriteNoise;

import static org.junit.jupiter.api.Assertions.*;

class CrossbarTest {
    private static INDArray inputs(int batch, int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, batch, n);
    }

    private static double relErr(INDArray got, INDArray want) {
        return got.sub(want).norm2Number().doubleValue() / want.norm2Number().doubleValue();
    }

    @Test
    void idealChainEqualsFloatMatmul() {
        Crossbar c = new Crossbar(64, 48, DeviceModel.taox40nm(), MvmConfig.ideal(), 1);
        c.formDifferential();
        INDArray x = inputs(16, 64, 2);
        INDArray want = x.mmul(c.gPlus().sub(c.gMinus()));
        assertTrue(relErr(c.mvm(x), want) < 1e-5);
        Crossbar paper = Crossbar.paperMacro(DeviceModel.taox40nm(), MvmConfig.ideal(), 2);
        INDArray xs = inputs(128, 512, 3);
        assertTrue(relErr(paper.mvm(xs), xs.mmul(paper.gPlus().sub(paper.gMinus()))) < 1e-5, "512 x 512, batch 128");
    }

    @Test
    void formDifferentialLeavesOneHighAndOneLowCellPerPair() {
        Crossbar c = Crossbar.paperMacro(DeviceModel.taox40nm(), MvmConfig.ideal(), 3);
        INDArray diff = c.gPlus().sub(c.gMinus());
        double positive = diff.gt(0).castTo(DataType.FLOAT).meanNumber().doubleValue();
        assertEquals(0.5, positive, 0.01, "the seeded sign picks G+ or G- with equal odds");
        assertEquals(2L * 512 * 512, c.counters().formed());
        assertEquals(512L * 512, c.counters().resets());
        INDArray high = Nd4j.math().max(c.gPlus(), c.gMinus());
        // 95 % formed at N(14.25, 2.46), 5 % pristine at 0.1 uS
        assertEquals(0.95 * 14.25 + 0.05 * 0.1, high.meanNumber().doubleValue(), 0.1);
    }

    @Test
    void readNoiseMakesEachMultiplyDifferentWithTheModelledSpread() {
        DeviceModel d = DeviceModel.taox40nm();
        Crossbar c = new Crossbar(256, 64, d, MvmConfig.ideal().withReadNoise(true), 4);
        c.formDifferential();
        INDArray x = Nd4j.zeros(DataType.FLOAT, 1, 256);
        x.putScalar(0, 7, 1.0);                                  // reads row 7 alone: the cells themselves
        INDArray stored = c.gPlus().sub(c.gMinus()).getRow(7);
        INDArray gp = c.gPlus().getRow(7), gm = c.gMinus().getRow(7);
        INDArray sigma = org.nd4j.linalg.ops.transforms.Transforms.sqrt(gp.mul(gp).addi(gm.mul(gm))).muli(0.02);
        int reads = 400;
        double sumZ2 = 0;
        INDArray first = c.mvm(x);
        for (int k = 0; k < reads; k++) {
            INDArray z = c.mvm(x).reshape(64).sub(stored).divi(sigma);
            sumZ2 += z.mul(z).sumNumber().doubleValue();
        }
        assertNotEquals(first, c.mvm(x));
        assertEquals(1.0, sumZ2 / (reads * 64.0), 0.03, "standardised read noise has unit variance");
        assertEquals(reads + 2, c.counters().mvms());
        assertEquals((reads + 2) * 2L * 256 * 64, c.counters().cellReads());
    }

    @Test
    void fewerBitsMeanLargerErrorAndSameSeedSameNumbers() {
        INDArray x = inputs(32, 128, 5);
        double prev = 0;
        for (int bits : new int[]{8, 4, 2}) {
            MvmConfig cfg = MvmConfig.ideal().withDac(InputDac.bits(bits)).withAdc(Adc.minMax(bits));
            Crossbar c = new Crossbar(128, 32, DeviceModel.taox40nm(), cfg, 6);
            c.formDifferential();
            double err = relErr(c.mvm(x), x.mmul(c.gPlus().sub(c.gMinus())));
            assertTrue(err > prev, bits + " bits: error " + err + " should exceed " + prev);
            prev = err;
        }
        MvmConfig noisy = MvmConfig.paper(4);
        Crossbar a = Crossbar.paperMacro(DeviceModel.taox40nm(), noisy, 9);
        Crossbar b = Crossbar.paperMacro(DeviceModel.taox40nm(), noisy, 9);
        INDArray xs = inputs(8, 512, 7);
        assertEquals(a.mvm(xs), b.mvm(xs));
        assertEquals(a.mvm(xs), b.mvm(xs));
    }

    @Test
    void fixedRangeAdcSaturates() {
        Crossbar c = new Crossbar(4, 2, DeviceModel.ideal(), MvmConfig.ideal().withAdc(Adc.fixed(8, 1.0)), 1);
        c.program(Plane.PLUS, 0, 0, 20, WriteNoise.NONE);
        INDArray y = c.mvm(Nd4j.ones(DataType.FLOAT, 1, 4));
        assertEquals(1.0, y.getDouble(0, 0), 1e-6);
    }

    @Test
    void irDropAttenuatesFarCellsMore() {
        Crossbar c = new Crossbar(512, 512, DeviceModel.ideal(), MvmConfig.ideal().withIrDrop(IrDrop.segments(2)), 1);
        c.program(Plane.PLUS, 511, 0, 20, WriteNoise.NONE);   // next to both drivers
        c.program(Plane.PLUS, 0, 511, 20, WriteNoise.NONE);   // farthest from both
        INDArray eff = c.effectiveDifference();
        double near = eff.getDouble(511, 0), far = eff.getDouble(0, 511);
        assertEquals(20 / (1 + 20e-6 * 2 * 2), near, 1e-4);
        assertEquals(20 / (1 + 20e-6 * 2 * 1024), far, 1e-4);
        Crossbar plain = new Crossbar(2, 2, DeviceModel.ideal(), MvmConfig.ideal(), 1);
        plain.program(Plane.PLUS, 0, 1, 20, WriteNoise.NONE);
        assertEquals(20.0, plain.effectiveDifference().getDouble(0, 1), 1e-5, "IR drop off: no attenuation");
    }

    @Test
    void setResetAndWriteVerifyAreCounted() {
        Crossbar c = new Crossbar(8, 8, DeviceModel.taox40nm(), MvmConfig.ideal(), 2);
        c.formAll();
        c.reset(Plane.PLUS, 1, 1);
        c.set(Plane.PLUS, 1, 1);
        int pulses = c.program(Plane.MINUS, 2, 3, 10, WriteNoise.NONE);
        assertEquals(1, c.counters().sets());
        assertEquals(1, c.counters().resets());
        assertEquals(pulses, c.counters().verifyPulses());
        assertEquals(2 + pulses, c.counters().pulses());
        assertEquals(10, c.conductance(Plane.MINUS, 2, 3), 1e-5);
    }

    @Test
    void badInputIsNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> InputDac.bits(0));
        assertTrue(e.getMessage().contains("dac bits = 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Adc.minMax(-3));
        assertTrue(e.getMessage().contains("adc bits = -3"), e.getMessage());
        Crossbar c = new Crossbar(4, 4, DeviceModel.ideal(), MvmConfig.ideal(), 1);
        e = assertThrows(IllegalArgumentException.class, () -> c.mvm(Nd4j.ones(DataType.FLOAT, 2, 5)));
        assertTrue(e.getMessage().contains("[2, 5]") && e.getMessage().contains("[batch, 4]"), e.getMessage());
        Crossbar quantised = new Crossbar(4, 4, DeviceModel.ideal(), MvmConfig.paper(4), 1);
        INDArray nan = Nd4j.ones(DataType.FLOAT, 2, 4);
        nan.putScalar(1, 2, Float.NaN);
        e = assertThrows(IllegalArgumentException.class, () -> quantised.mvm(nan));
        assertTrue(e.getMessage().contains("DAC inputs: contains NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> c.program(Plane.PLUS, 0, 0, -1, WriteNoise.NONE));
        assertTrue(e.getMessage().contains("targetUs = -1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> c.set(Plane.PLUS, 4, 0));
        assertTrue(e.getMessage().contains("(4, 0)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Crossbar(0, 4, DeviceModel.ideal(), MvmConfig.ideal(), 1));
        assertTrue(e.getMessage().contains("0 x 4"), e.getMessage());
    }

    @Test
    void mvmConfigRoundTripsThroughJsonAndPrintsTheStagesThatAreOn() {
        MvmConfig cfg = MvmConfig.paper(4).withIrDrop(IrDrop.segments(1.5));
        assertEquals(cfg, MvmConfig.fromJson(cfg.toJson()));
        assertEquals("MvmConfig[ideal]", MvmConfig.ideal().toString());
        assertEquals("MvmConfig[DAC 4 bits (min-max), read noise (fresh), IR drop 1.5 Ohm/segment, ADC 14 bits (min-max)]",
                cfg.toString());
    }

    @Test
    void pruningResetsTheFormedCellOfAboutOneMinusKeepOfThePairs() {
        Crossbar c = new Crossbar(256, 256, DeviceModel.taox40nm(), MvmConfig.ideal(), 8);
        c.formDifferential();
        long resetsBefore = c.counters().resets();
        INDArray keep = c.pruneAtRandom(0.3);
        assertEquals(0.3, keep.meanNumber().doubleValue(), 0.01);
        long pruned = (long) (256 * 256 - keep.sumNumber().doubleValue());
        assertEquals(pruned, c.counters().resets() - resetsBefore, "one RESET per pruned pair");
        INDArray absDiff = org.nd4j.linalg.ops.transforms.Transforms.abs(c.gPlus().sub(c.gMinus()));
        double prunedMean = absDiff.mul(keep.rsub(1)).sumNumber().doubleValue() / pruned;
        double keptMean = absDiff.mul(keep).sumNumber().doubleValue() / (256 * 256 - pruned);
        assertTrue(prunedMean < 1 && keptMean > 10, "pruned " + prunedMean + " uS, kept " + keptMean + " uS");
        for (double bad : new double[]{0, 1.5, -0.2, Double.NaN}) {
            var e = assertThrows(IllegalArgumentException.class, () -> c.pruneAtRandom(bad));
            assertTrue(e.getMessage().contains("keepFraction = " + bad) && e.getMessage().contains("(0, 1]"), e.getMessage());
        }
    }

    @Test
    void pooledReadNoiseHasTheSameStatisticsAndIsDeterministic() {
        DeviceModel d = DeviceModel.taox40nm();
        MvmConfig pooled = MvmConfig.ideal().withReadNoise(true).withSampling(MvmConfig.Sampling.POOLED);
        Crossbar c = new Crossbar(128, 128, d, pooled, 4);
        c.formDifferential();
        INDArray eye = Nd4j.eye(128).castTo(DataType.FLOAT);       // a batch that reads every cell once
        INDArray stored = c.gPlus().sub(c.gMinus());
        INDArray gp = c.gPlus(), gm = c.gMinus();
        INDArray sigma = org.nd4j.linalg.ops.transforms.Transforms.sqrt(gp.mul(gp).addi(gm.mul(gm))).muli(0.02);
        INDArray first = c.mvm(eye);
        INDArray z = first.sub(stored).divi(sigma);
        assertEquals(0, z.meanNumber().doubleValue(), 0.02);
        assertEquals(1, z.stdNumber().doubleValue(), 0.02);
        assertNotEquals(first, c.mvm(eye), "a new offset on every read");
        Crossbar twin = new Crossbar(128, 128, d, pooled, 4);
        twin.formDifferential();
        assertEquals(first, twin.mvm(eye));
    }

    @Test
    void perVectorReadsGiveEachVectorItsOwnNoiseWithTheModelledSpread() {
        DeviceModel d = DeviceModel.taox40nm();
        Crossbar shared = new Crossbar(64, 32, d, MvmConfig.ideal().withReadNoise(true), 5);
        Crossbar perVector = new Crossbar(64, 32, d,
                MvmConfig.ideal().withReadNoise(true).withSampling(MvmConfig.Sampling.PER_VECTOR), 5);
        shared.formDifferential();
        perVector.formDifferential();
        INDArray x = Nd4j.zeros(DataType.FLOAT, 2000, 64);
        x.getColumn(3).assign(1.0);                              // every vector reads row 3 alone
        INDArray a = shared.mvm(x), b = perVector.mvm(x);
        assertEquals(a.getRow(0), a.getRow(1), "a shared read: identical vectors give identical outputs");
        assertNotEquals(b.getRow(0), b.getRow(1), "separate reads: each vector its own noise");
        INDArray gp = perVector.gPlus().getRow(3), gm = perVector.gMinus().getRow(3);
        INDArray sigma = org.nd4j.linalg.ops.transforms.Transforms.sqrt(gp.mul(gp).addi(gm.mul(gm))).muli(0.02);
        INDArray z = b.subRowVector(gp.sub(gm)).diviRowVector(sigma);
        assertEquals(0, z.meanNumber().doubleValue(), 0.01);
        assertEquals(1, z.stdNumber().doubleValue(), 0.01);
    }
}
