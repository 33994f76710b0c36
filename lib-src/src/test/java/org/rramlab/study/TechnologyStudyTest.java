package org.rramlab.study;

import static org.junit.jupiter.api.Assertions.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.junit.jupiter.api.Test;
import org.rramlab.crossbar.Macro;
import org.rramlab.crossbar.MvmConfig;
import org.rramlab.device.Technologies;
import org.rramlab.device.Technology;
import org.rramlab.layers.Layer;
import org.rramlab.network.Models;
import org.rramlab.network.WeightsProvider;
import org.rramlab.train.Examples;
import org.rramlab.train.Progress;
import tech.tablesaw.api.Table;

/** The cross-technology study's measuring side: time axes, the drift table, accuracy vs time, costs, same seed same numbers. */
class TechnologyStudyTest {

    private static Map<String, INDArray> weights(long seed) {
        Nd4j.getRandom().setSeed(seed);
        Map<String, INDArray> w = new LinkedHashMap<>();
        w.put("fc1", Nd4j.randn(DataType.FLOAT, 16, 784).muli(0.05));
        w.put("fc2", Nd4j.randn(DataType.FLOAT, 16, 16).muli(0.3));
        w.put("fc3", Nd4j.randn(DataType.FLOAT, 10, 16).muli(0.3));
        return w;
    }

    private static Layer programmed(Technology t, long seed) {
        return Models.mlp(WeightsProvider.programmed(weights(1), Macro.paper(t.model(), seed), t.programmingResidual(), seed)
                .withMvm(MvmConfig.readNoiseOnly()), 16, 1);
    }

    private static Examples data() {
        Nd4j.getRandom().setSeed(9);
        INDArray x = Nd4j.rand(DataType.FLOAT, 64, 784);
        int[] labels = new int[64];
        for (int i = 0; i < labels.length; i++) labels[i] = i % 10;
        return new Examples(x, labels);
    }

    @Test void timeAxesAreCheckedAndLabelled() {
        var e = assertThrows(IllegalArgumentException.class, () -> TechnologyStudy.checkTimes(new double[]{1, 3600, 60}));
        assertTrue(e.getMessage().contains("times[2] = 60.0 s: expected > times[1] = 3600.0 s"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TechnologyStudy.checkTimes(new double[]{-1}));
        assertTrue(e.getMessage().contains("times[0] = -1.0 s"), e.getMessage());
        assertEquals(List.of("1 s", "1 min", "1 h", "1 day", "30 days", "1 year"),
                java.util.Arrays.stream(TechnologyStudy.TIMES).mapToObj(TechnologyStudy::label).toList());
    }

    @Test void theDriftTableFollowsEachLaw() {
        Table t = TechnologyStudy.driftTable(List.of(Technologies.pcmGst(), Technologies.taox()), new double[]{1, 86_400});
        assertEquals(6, t.rowCount());
        double set = t.doubleColumn("G / G(t0) at 1 day").getDouble(0), reset = t.doubleColumn("G / G(t0) at 1 day").getDouble(1);
        assertEquals(Math.pow(86_400 / 20.0, -0.049), set, 1e-3);
        assertTrue(reset < set, "amorphous RESET drifts more");
        assertEquals(1, t.doubleColumn("G / G(t0) at 1 s").getDouble(0));
        assertEquals(1, t.doubleColumn("G / G(t0) at 1 day").getDouble(3), "TaOx: no drift");
    }

    @Test void accuracyVsTimeAndCostsWithTheSameSeedTwice() {
        Technology pcm = Technologies.pcmGst();
        Table[] runs = new Table[2];
        for (int r = 0; r < 2; r++) {
            Map<String, Layer> models = new LinkedHashMap<>();
            models.put("pcm-gst|programmed", programmed(pcm, 3));
            runs[r] = TechnologyStudy.accuracyVsTime(models, Map.of("pcm-gst|programmed", pcm), new double[]{1, 86_400, 3.15e7}, data(), 32,
                    Progress.none());
            Table costs = TechnologyStudy.costs(models, Map.of("pcm-gst|programmed", pcm), 8);
            assertTrue(costs.doubleColumn("programming pulses").getDouble(0) > 16 * 784, "write-verify spends pulses on every cell");
            assertTrue(costs.doubleColumn("programming energy (uJ)").getDouble(0) > 0);
        }
        assertEquals(6, runs[0].rowCount());
        assertEquals(runs[0].doubleColumn("test acc %").asList(), runs[1].doubleColumn("test acc %").asList(), "same seed, same numbers");
        assertEquals(1, runs[0].doubleColumn("output scale").getDouble(1), "t <= t0: nothing to compensate");
        assertTrue(runs[0].doubleColumn("output scale").getDouble(5) > 1.5, "a year of PCM drift: the scale restores ~ (t/t0)^nu");
    }

    @Test void distributionsHaveEveryState() {
        var d = TechnologyStudy.distributions(Technologies.sonos(), 500, TechnologyStudy.TIMES[5], 2);
        assertEquals(List.of("random (cheap step)", "SET", "RESET", "write-verified", "SET after 1 year", "write-verified after 1 year"),
                List.copyOf(d.keySet()));
        double set = java.util.Arrays.stream(d.get("SET")).average().orElseThrow();
        double later = java.util.Arrays.stream(d.get("SET after 1 year")).average().orElseThrow();
        assertTrue(later < set, "SONOS decays at high current: " + set + " -> " + later);
        assertEquals(4, TechnologyStudy.sources(Technologies.all()).stringColumn("technology").unique().size());
    }
}
