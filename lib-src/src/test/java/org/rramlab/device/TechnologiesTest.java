package org.rramlab.device;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** The technology presets: sources, the statistics of each state, drift laws, JSON and preset names. */
class TechnologiesTest {

    private static double[] sample(ConductanceDistribution d, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = d.sample(r);
        return v;
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }

    private static double std(double[] v) {
        double m = mean(v);
        return Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / (v.length - 1));
    }

    @Test
    void fourTechnologiesEachWithASourceForEveryParameter() {
        List<Technology> all = Technologies.all();
        assertEquals(List.of("taox", "hfox", "pcm-gst", "sonos"), all.stream().map(Technology::key).toList());
        for (Technology t : all) {
            for (String p : Technology.REQUIRED) {
                assertFalse(t.source(p).source().isBlank(), t.key() + " " + p);
            }
            assertTrue(t.randomStep().length() > 40, t.key() + ": the random step's physics is stated");
        }
        var e = assertThrows(IllegalArgumentException.class, () -> new Technology("x", DeviceModel.ideal(), WriteNoise.NONE, "a step",
                List.of(new Technology.Sourced("drift", "none", "assumed"))));
        assertTrue(e.getMessage().contains("technology x: no source for 'random step'"), e.getMessage());
    }

    @Test
    void statesOfEveryTechnologyHaveTheirStatedStatistics() {
        for (Technology t : Technologies.all()) {
            DeviceModel m = t.model();
            double[] random = sample(m.forming().formed(), 50_000, 1);
            assertEquals(m.forming().formed().drawMeanUs(), mean(random), 0.02 * m.forming().formed().drawMeanUs(), t.key());
            assertEquals(m.forming().formed().drawStdUs(), std(random), 0.03 * m.forming().formed().drawStdUs() + 1e-9, t.key());
            double set = mean(sample(m.switching().setState(), 20_000, 2)), reset = mean(sample(m.switching().resetState(), 20_000, 3));
            assertTrue(set > 5 * reset, t.key() + ": SET " + set + " vs RESET " + reset + " (pruning needs an on/off contrast)");
            assertTrue(Arrays.stream(random).allMatch(g -> g >= 0));
            WriteVerify wv = m.writeVerify();
            assertTrue(set <= wv.gMaxUs() * 1.1 && wv.gMinUs() <= m.switching().resetState().drawMeanUs() + 2, t.key() + ": states in the window");
            SplittableRandom r = new SplittableRandom(4);
            double pulses = 0;
            for (int i = 0; i < 2000; i++) pulses += wv.pulses(m.formCell(r), wv.gMinUs() + wv.rangeUs() * r.nextDouble(), r);
            pulses /= 2000;
            assertTrue(pulses > 1 && pulses < wv.maxPulses(), t.key() + ": " + pulses + " write-verify pulses per cell");
            double residual = t.programmingResidual().sigmaUs(wv.gMaxUs() / 2, wv.rangeUs());
            assertTrue(residual > 0 && residual < 0.15 * wv.rangeUs(), t.key() + ": residual " + residual + " uS");
            assertTrue(m.readNoise().sigmaUs(set) < 0.1 * set, t.key() + ": read noise of the SET state under 10 %");
        }
    }

    @Test
    void publishedFitsAreWhereTheSourcesPutThem() {
        Technology pcm = Technologies.pcmGst(), hfox = Technologies.hfox(), sonos = Technologies.sonos();
        Drift d = pcm.model().drift();
        assertEquals(20, d.t0Seconds());
        // aihwkit's fit: nu = clip(-0.0155 ln(G / 25 uS) + 0.0244, 0.049, 0.1)
        for (double g : new double[]{0.25, 1.25, 2.5, 10, 20}) {
            double fit = Math.min(0.1, Math.max(0.049, -0.0155 * Math.log(g / 25) + 0.0244));
            assertEquals(fit, d.nu().at(g), 0.004, "nu at " + g + " uS");
        }
        assertTrue(d.nu().at(0.1) > d.nu().at(22), "amorphous RESET drifts faster than crystalline SET");
        assertEquals(0.95 / 24.9, pcm.programmingResidual().sigma(), 0.002);
        assertTrue(d.readNoiseGrowth(3.15e7) > 1.3 && d.readNoiseGrowth(3.15e7) < 1.4, "1/f growth to a year");
        assertEquals(1, d.readNoiseGrowth(20));
        // HfOx: the pruning states (extremes of the window) relax less than mid-window analogue states
        ConductanceCurve relax = hfox.model().drift().relaxStdUs();
        assertTrue(relax.at(20) > relax.at(2) && relax.at(20) > relax.at(40));
        assertEquals(0, hfox.model().drift().nu().at(20));
        // SONOS: off cells do not relax, the mean decays at high current
        assertEquals(0, sonos.model().drift().relaxStdUs().at(0));
        assertTrue(sonos.model().drift().relaxShiftUs().at(12) < 0);
        assertTrue(Technologies.taox().model().drift().isNone());
    }

    @Test
    void everyTechnologyIsAPresetNameAndRoundTripsThroughJson() {
        for (Technology t : Technologies.all()) {
            assertEquals(t.model(), DeviceModel.preset(t.key()));
            assertEquals(t.model(), DeviceModel.fromJson(t.model().toJson()), t.key());
        }
        assertEquals(Technologies.pcmGst(), Technologies.get("GST"));
        assertTrue(DeviceModel.presetNames().containsAll(List.of("taox40nm", "ideal", "pcm", "hfox", "pcm-gst", "sonos")));
        var e = assertThrows(IllegalArgumentException.class, () -> DeviceModel.preset("fefet"));
        assertTrue(e.getMessage().contains("'fefet'") && e.getMessage().contains("sonos"), e.getMessage());
        assertTrue(DeviceModel.fromJson(Technologies.pcmGst().model().toJson()).toJson().contains("\"gUs\""));
    }

    @Test
    void theCurveInterpolatesAndRefusesBadPoints() {
        ConductanceCurve c = ConductanceCurve.of(1, 0.1, 3, 0.3);
        assertEquals(0.1, c.at(0));
        assertEquals(0.2, c.at(2), 1e-12);
        assertEquals(0.3, c.at(10));
        var e = assertThrows(IllegalArgumentException.class, () -> ConductanceCurve.of(3, 0.1, 1, 0.3));
        assertTrue(e.getMessage().contains("gUs[1] = 1.0 uS: expected > gUs[0] = 3.0"), e.getMessage());
    }
}
