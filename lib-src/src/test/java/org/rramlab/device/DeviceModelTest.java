package org.rramlab.device;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class DeviceModelTest {
    private static double[] sample(ConductanceDistribution d, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = d.sample(r);
        }
        return v;
    }

    private static double mean(double[] v) {
        return java.util.Arrays.stream(v).average().orElseThrow();
    }

    private static double std(double[] v) {
        double m = mean(v);
        return Math.sqrt(java.util.Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / (v.length - 1));
    }

    @Test
    void formedConductancesFollowThePublishedStandIn() {
        double[] g = sample(DeviceModel.taox40nm().forming().formed(), 100_000, 1);
        assertEquals(14.25, mean(g), 0.03);
        assertEquals(2.46, std(g), 0.03);
        assertTrue(java.util.Arrays.stream(g).allMatch(x -> x >= 0));
    }

    @Test
    void truncationAtZeroMatchesItsAnalyticMoments() {
        TruncatedNormal off = new TruncatedNormal(0.5, 0.5);     // a third of the normal lies below 0
        double[] g = sample(off, 200_000, 2);
        assertTrue(java.util.Arrays.stream(g).allMatch(x -> x >= 0));
        assertEquals(off.drawMeanUs(), mean(g), 0.005);
        assertEquals(off.drawStdUs(), std(g), 0.005);
        assertTrue(off.drawMeanUs() > 0.5, "truncation raises the mean");
    }

    @Test
    void formedFractionAndPristineCells() {
        DeviceModel d = DeviceModel.taox40nm();
        SplittableRandom r = new SplittableRandom(3);
        int n = 100_000, formed = 0;
        for (int i = 0; i < n; i++) {
            if (d.formCell(r) > 5) {
                formed++;
            }
        }
        assertEquals(0.95, formed / (double) n, 0.005);
    }

    @Test
    void strongerFormingPulseFormsMoreCellsWithHigherConductance() {
        Forming f = DeviceModel.taox40nm().forming();
        Forming weak = f.at(new FormingPulse(3.0, 500)), strong = f.at(new FormingPulse(3.6, 2000));
        assertTrue(weak.formedFraction() < f.formedFraction() && f.formedFraction() < strong.formedFraction());
        assertTrue(weak.formed().drawMeanUs() < 14.25 && strong.formed().drawMeanUs() > 14.25);
        assertEquals(f.formedFraction(), f.at(f.reference()).formedFraction(), 1e-12, "the reference pulse changes nothing");
        double cv = strong.formed().drawStdUs() / strong.formed().drawMeanUs();
        assertEquals(2.46 / 14.25, cv, 1e-3, "spread scales with the mean");
    }

    @Test
    void readNoiseHasTheConfiguredSpread() {
        ReadNoise noise = new ReadNoise(0.05, 0.2);
        SplittableRandom r = new SplittableRandom(4);
        double g = 20, sum = 0, sumSq = 0;
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            double read = g + noise.sigmaUs(g) * r.nextGaussian();
            sum += read;
            sumSq += read * read;
        }
        double m = sum / n, s = Math.sqrt(sumSq / n - m * m);
        assertEquals(20, m, 0.01);
        assertEquals(Math.sqrt(1 + 0.04), s, 0.01);
        assertTrue(ReadNoise.NONE.isNone());
    }

    @Test
    void writeVerifyCostsSeveralPulsesAndIdealCostsOne() {
        SplittableRandom r = new SplittableRandom(5);
        WriteVerify taox = DeviceModel.taox40nm().writeVerify();
        long total = 0;
        for (int i = 0; i < 10_000; i++) {
            total += taox.pulses(14, 1 + 29 * r.nextDouble(), r);
        }
        double perCell = total / 10_000.0;
        assertTrue(perCell > 2 && perCell < 10, "pulses per cell " + perCell);
        assertEquals(1, DeviceModel.ideal().writeVerify().pulses(14, 3, r));
        WriteVerify stubborn = new WriteVerify(0, 30, 0.0, 7, 0.5, 0);
        assertEquals(7, stubborn.pulses(0, 20, r), "gives up at maxPulses");
    }

    @Test
    void driftShrinksConductancesAfterT0() {
        Drift d = DeviceModel.pcmLike().drift();
        assertEquals(1, d.factor(0.5), 0);
        assertEquals(Math.pow(1000, -0.05), d.factor(1000), 1e-12);
        assertEquals(1, DeviceModel.taox40nm().drift().factor(1e6), 0);
    }

    @Test
    void presetsRoundTripThroughJsonAndPrintOnlyDifferences() {
        for (DeviceModel d : new DeviceModel[]{DeviceModel.taox40nm(), DeviceModel.ideal(), DeviceModel.pcmLike()}) {
            assertEquals(d, DeviceModel.fromJson(d.toJson()));
        }
        assertEquals("DeviceModel[TaOx 40 nm = taox40nm]", DeviceModel.taox40nm().toString());
        String pcm = DeviceModel.pcmLike().toString();
        assertTrue(pcm.contains("drift.nu=0.05") && !pcm.contains("voltageScaleV"), pcm);
        assertEquals(DeviceModel.pcmLike(), DeviceModel.preset("PCM"));
        var e = assertThrows(IllegalArgumentException.class, () -> DeviceModel.preset("flash"));
        assertTrue(e.getMessage().contains("'flash'"), e.getMessage());
    }

    @Test
    void badJsonValueFailsWithTheRecordsMessage() {
        String json = DeviceModel.taox40nm().toJson().replace("\"relative\" : 0.02", "\"relative\" : -1.0");
        var e = assertThrows(IllegalArgumentException.class, () -> DeviceModel.fromJson(json));
        assertTrue(e.getMessage().contains("relative = -1.0"), e.getMessage());
    }

    @Test
    void badConductancesAreRejectedWithNameAndValue() {
        var e = assertThrows(IllegalArgumentException.class, () -> TruncatedNormal.fixed(-2));
        assertTrue(e.getMessage().contains("meanUs = -2.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TruncatedNormal(10, Double.NaN));
        assertTrue(e.getMessage().contains("stdUs = NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Empirical(new double[]{1, -0.5}));
        assertTrue(e.getMessage().contains("valuesUs[1] = -0.5 uS"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Empirical(new double[]{Double.NaN}));
        assertTrue(e.getMessage().contains("valuesUs[0] = NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new WriteVerify(5, 2, 0.5, 10, 0.5, 0.1));
        assertTrue(e.getMessage().contains("gMaxUs = 2.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new FormingPulse(0, 100));
        assertTrue(e.getMessage().contains("amplitudeV = 0.0"), e.getMessage());
    }
}
