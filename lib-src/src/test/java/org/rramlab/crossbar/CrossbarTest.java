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

    /** The paper's 512 x 256-pair array, formed as random differential pairs. */
    static Crossbar paperArray(DeviceModel d, long seed) {
        Crossbar c = Crossbar.paperArray(d, seed);
        c.formDifferential();
        return c;
    }

    private static Crossbar formed(int rows, int cols, DeviceModel d, long seed) {
        Crossbar c = new Crossbar(rows, cols, d, seed);
        c.formDifferential();
        return c;
    }

    @Test
    void idealChainEqualsFloatMatmul() {
        Crossbar c = formed(64, 48, DeviceModel.taox40nm(), 1);
        INDArray x = inputs(16, 64, 2);
        INDArray want = x.mmul(c.gPlus().sub(c.gMinus()));
        assertTrue(relErr(c.mvm(x, MvmConfig.ideal()), want) < 1e-5);
        Crossbar paper = paperArray(DeviceModel.taox40nm(), 2);
        INDArray xs = inputs(128, 512, 3);
        assertTrue(relErr(paper.mvm(xs, MvmConfig.ideal()), xs.mmul(paper.gPlus().sub(paper.gMinus()))) < 1e-5, "512 x 256, batch 128");
    }

    @Test
    void formDifferentialLeavesOneHighAndOneLowCellPerPair() {
        Crossbar c = paperArray(DeviceModel.taox40nm(), 3);
        INDArray diff = c.gPlus().sub(c.gMinus());
        double positive = diff.gt(0).castTo(DataType.FLOAT).meanNumber().doubleValue();
        assertEquals(0.5, positive, 0.01, "the seeded sign picks G+ or G- with equal odds");
        assertEquals(2L * 512 * 256, c.counters().formed());
        assertEquals(512L * 256, c.counters().resets());
        assertEquals(512L * 256, c.counters().preparationResets(), "the low cells are set-up, not flips");
        INDArray high = Nd4j.math().max(c.gPlus(), c.gMinus());
        // 95 % formed at N(14.25, 2.46), 5 % pristine at 0.1 uS
        assertEquals(0.95 * 14.25 + 0.05 * 0.1, high.meanNumber().doubleValue(), 0.1);
    }

    @Test
    void readNoiseMakesEachMultiplyDifferentWithTheModelledSpread() {
        DeviceModel d = DeviceModel.taox40nm();
        Crossbar c = formed(256, 64, d, 4);
        MvmConfig noisy = MvmConfig.ideal().withReadNoise(true);
        INDArray x = Nd4j.zeros(DataType.FLOAT, 1, 256);
        x.putScalar(0, 7, 1.0);                                  // reads row 7 alone: the cells themselves
        INDArray stored = c.gPlus().sub(c.gMinus()).getRow(7);
        INDArray gp = c.gPlus().getRow(7), gm = c.gMinus().getRow(7);
        INDArray sigma = org.nd4j.linalg.ops.transforms.Transforms.sqrt(gp.mul(gp).addi(gm.mul(gm))).muli(0.02);
        int reads = 400;
        double sumZ2 = 0;
        INDArray first = c.mvm(x, noisy);
        for (int k = 0; k < reads; k++) {
            INDArray z = c.mvm(x, noisy).reshape(64).sub(stored).divi(sigma);
            sumZ2 += z.mul(z).sumNumber().doubleValue();
        }
        assertNotEquals(first, c.mvm(x, noisy));
        assertEquals(1.0, sumZ2 / (reads * 64.0), 0.03, "standardised read noise has unit variance");
        assertEquals(reads + 2, c.mvmCounters().multiplies());
        assertEquals(reads + 2, c.mvmCounters().reads(), "one read of the array per multiply");
        assertEquals(reads + 2, c.mvmCounters().evaluationVectors());
    }

    @Test
    void fewerBitsMeanLargerErrorAndSameSeedSameNumbers() {
        INDArray x = inputs(32, 128, 5);
        double prev = 0;
        for (int bits : new int[]{8, 4, 2}) {
            MvmConfig cfg = MvmConfig.ideal().withDac(InputDac.bits(bits)).withAdc(Adc.minMax(bits));
            Crossbar c = formed(128, 32, DeviceModel.taox40nm(), 6);
            double err = relErr(c.mvm(x, cfg), x.mmul(c.gPlus().sub(c.gMinus())));
            assertTrue(err > prev, bits + " bits: error " + err + " should exceed " + prev);
            prev = err;
        }
        MvmConfig noisy = MvmConfig.paper(4);
        Crossbar a = paperArray(DeviceModel.taox40nm(), 9);
        Crossbar b = paperArray(DeviceModel.taox40nm(), 9);
        INDArray xs = inputs(8, 512, 7);
        assertEquals(a.mvm(xs, noisy), b.mvm(xs, noisy));
        assertEquals(a.mvm(xs, noisy), b.mvm(xs, noisy));
    }

    @Test
    void fixedRangeAdcSaturates() {
        Crossbar c = new Crossbar(4, 2, DeviceModel.ideal(), 1);
        c.program(Plane.PLUS, 0, 0, 20, WriteNoise.NONE);
        INDArray y = c.mvm(Nd4j.ones(DataType.FLOAT, 1, 4), MvmConfig.ideal().withAdc(Adc.fixed(8, 1.0)));
        assertEquals(1.0, y.getDouble(0, 0), 1e-6);
    }

    @Test
    void irDropAttenuatesFarCellsMore() {
        Crossbar c = new Crossbar(512, 512, DeviceModel.ideal(), 1);
        c.program(Plane.PLUS, 511, 0, 20, WriteNoise.NONE);   // next to both drivers
        c.program(Plane.PLUS, 0, 511, 20, WriteNoise.NONE);   // farthest from both
        MvmConfig ir = MvmConfig.ideal().withIrDrop(IrDrop.segments(2));
        INDArray rowNear = Nd4j.zeros(DataType.FLOAT, 1, 512), rowFar = Nd4j.zeros(DataType.FLOAT, 1, 512);
        rowNear.putScalar(0, 511, 1.0);
        rowFar.putScalar(0, 0, 1.0);
        double near = c.mvm(rowNear, ir).getDouble(0, 0), far = c.mvm(rowFar, ir).getDouble(0, 511);
        assertEquals(20 / (1 + 20e-6 * 2 * 2), near, 1e-4);
        assertEquals(20 / (1 + 20e-6 * 2 * 1024), far, 1e-4);
        Crossbar plain = new Crossbar(2, 2, DeviceModel.ideal(), 1);
        plain.program(Plane.PLUS, 0, 1, 20, WriteNoise.NONE);
        INDArray x = Nd4j.zeros(DataType.FLOAT, 1, 2);
        x.putScalar(0, 0, 1.0);
        assertEquals(20.0, plain.mvm(x, MvmConfig.ideal()).getDouble(0, 1), 1e-5, "IR drop off: no attenuation");
        assertEquals(20.0, plain.difference().getDouble(0, 1), 1e-5, "the store holds the conductance itself");
    }

    @Test
    void setResetAndWriteVerifyAreCounted() {
        Crossbar c = new Crossbar(8, 8, DeviceModel.taox40nm(), 2);
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
        assertTrue(e.getMessage().contains("dac.bits = 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Adc.minMax(-3));
        assertTrue(e.getMessage().contains("adc.bits = -3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Adc.minMax(25));
        assertTrue(e.getMessage().contains("adc.bits = 25") && e.getMessage().contains("1..24"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Adc.fixed(8, 0));
        assertTrue(e.getMessage().contains("adc.fullScale = 0.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> InputDac.fixed(8, Double.NaN));
        assertTrue(e.getMessage().contains("dac.fullScale = NaN"), e.getMessage());
        Crossbar c = new Crossbar(4, 4, DeviceModel.ideal(), 1);
        e = assertThrows(IllegalArgumentException.class, () -> c.mvm(Nd4j.ones(DataType.FLOAT, 2, 5), MvmConfig.ideal()));
        assertTrue(e.getMessage().contains("[2, 5]") && e.getMessage().contains("[batch, 4]"), e.getMessage());
        Crossbar quantised = new Crossbar(4, 4, DeviceModel.ideal(), 1);
        INDArray nan = Nd4j.ones(DataType.FLOAT, 2, 4);
        nan.putScalar(1, 2, Float.NaN);
        e = assertThrows(IllegalArgumentException.class, () -> quantised.mvm(nan, MvmConfig.paper(4)));
        assertTrue(e.getMessage().contains("DAC inputs: contains NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> c.program(Plane.PLUS, 0, 0, -1, WriteNoise.NONE));
        assertTrue(e.getMessage().contains("targetUs = -1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> c.set(Plane.PLUS, 4, 0));
        assertTrue(e.getMessage().contains("(4, 0)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Crossbar(0, 4, DeviceModel.ideal(), 1));
        assertTrue(e.getMessage().contains("0 x 4"), e.getMessage());
    }

    @Test
    void mvmConfigRoundTripsThroughJsonAndPrintsTheStagesThatAreOn() {
        MvmConfig cfg = MvmConfig.paper(4).withIrDrop(IrDrop.segments(1.5));
        assertEquals(cfg, MvmConfig.fromJson(cfg.toJson()));
        assertEquals("MvmConfig[ideal]", MvmConfig.ideal().toString());
        assertEquals("MvmConfig[DAC 4 bits (min-max), read noise (training frozen, evaluation fresh), IR drop 1.5 Ohm/segment, "
                + "ADC 14 bits (min-max)]", cfg.toString());
        assertTrue(MvmConfig.ideal().isIdeal() && !MvmConfig.paper().isIdeal());
        var e = assertThrows(IllegalArgumentException.class, () -> MvmConfig.fromJson(cfg.toJson().replace("\"bits\" : 14", "\"bits\" : 0")));
        assertTrue(e.getMessage().contains("adc.bits = 0"), e.getMessage());
    }

    @Test
    void pruningResetsTheFormedCellOfAboutOneMinusKeepOfThePairs() {
        Crossbar c = formed(256, 256, DeviceModel.taox40nm(), 8);
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
        Crossbar c = formed(128, 128, d, 4);
        INDArray eye = Nd4j.eye(128).castTo(DataType.FLOAT);       // a batch that reads every cell once
        INDArray stored = c.gPlus().sub(c.gMinus());
        INDArray gp = c.gPlus(), gm = c.gMinus();
        INDArray sigma = org.nd4j.linalg.ops.transforms.Transforms.sqrt(gp.mul(gp).addi(gm.mul(gm))).muli(0.02);
        INDArray first = c.mvm(eye, pooled);
        INDArray z = first.sub(stored).divi(sigma);
        assertEquals(0, z.meanNumber().doubleValue(), 0.02);
        assertEquals(1, z.stdNumber().doubleValue(), 0.02);
        assertNotEquals(first, c.mvm(eye, pooled), "a new offset on every read");
        Crossbar twin = formed(128, 128, d, 4);
        assertEquals(first, twin.mvm(eye, pooled));
    }

    @Test
    void perVectorReadsGiveEachVectorItsOwnNoiseWithTheModelledSpread() {
        DeviceModel d = DeviceModel.taox40nm();
        Crossbar shared = formed(64, 32, d, 5);
        Crossbar perVector = formed(64, 32, d, 5);
        INDArray x = Nd4j.zeros(DataType.FLOAT, 2000, 64);
        x.getColumn(3).assign(1.0);                              // every vector reads row 3 alone
        INDArray a = shared.mvm(x, MvmConfig.ideal().withReadNoise(true)),
                b = perVector.mvm(x, MvmConfig.ideal().withReadNoise(true).withSampling(MvmConfig.Sampling.PER_VECTOR));
        assertEquals(a.getRow(0), a.getRow(1), "a shared read: identical vectors give identical outputs");
        assertNotEquals(b.getRow(0), b.getRow(1), "separate reads: each vector its own noise");
        INDArray gp = perVector.gPlus().getRow(3), gm = perVector.gMinus().getRow(3);
        INDArray sigma = org.nd4j.linalg.ops.transforms.Transforms.sqrt(gp.mul(gp).addi(gm.mul(gm))).muli(0.02);
        INDArray z = b.subRowVector(gp.sub(gm)).diviRowVector(sigma);
        assertEquals(0, z.meanNumber().doubleValue(), 0.01);
        assertEquals(1, z.stdNumber().doubleValue(), 0.01);
    }
}
