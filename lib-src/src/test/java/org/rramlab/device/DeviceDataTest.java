package org.rramlab.device;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Bring your own device: the CSV layout, an example made from the model, and the preset a file becomes. */
class DeviceDataTest {

    private static final double[] TIMES = {20, 60, 3_600, 86_400};

    @Test
    void aFileFromTheModelBecomesAPresetWithItsStatistics(@TempDir Path dir) throws Exception {
        Technology pcm = Technologies.pcmGst();
        Path csv = DeviceData.writeExample(pcm, dir.resolve("pcm.csv"), 600, 3, TIMES, 5);
        Technology measured = DeviceData.load(csv, pcm);
        assertEquals("pcm-gst-measured", measured.key());
        // the file's own statistics, computed here from its lines
        List<String> lines = Files.readAllLines(csv);
        double[] set = cellMeans(lines, "set"), random = cellMeans(lines, "random");
        DeviceModel m = measured.model();
        assertEquals(mean(set), m.switching().setState().drawMeanUs(), 1e-9);
        assertEquals(mean(random), m.forming().formed().drawMeanUs(), 1e-9);
        assertEquals(std(random), m.forming().formed().drawStdUs(), 1e-9);
        // and the model's, recovered from the file
        DeviceModel truth = pcm.model();
        assertEquals(truth.forming().formed().drawMeanUs(), m.forming().formed().drawMeanUs(), 0.5);
        // RESET cells (0.1 uS) read with 0.25 uS of noise clipped at 0 uS: the measured mean is biased up, as a real file's would be
        assertTrue(m.switching().resetState().drawMeanUs() > truth.switching().resetState().drawMeanUs()
                && m.switching().resetState().drawMeanUs() < 0.25, "RESET " + m.switching().resetState().drawMeanUs());
        assertEquals(truth.readNoise().sigmaUs(20), m.readNoise().sigmaUs(20), 0.15 * truth.readNoise().sigmaUs(20));
        assertEquals(truth.readNoise().sigmaUs(1), m.readNoise().sigmaUs(1), 0.25 * truth.readNoise().sigmaUs(1));
        assertEquals(pcm.programmingResidual().sigma(), measured.programmingResidual().sigma(), 0.15 * pcm.programmingResidual().sigma());
        Drift d = m.drift();
        assertEquals(20, d.t0Seconds());
        for (double g : new double[]{3, 10, 20}) {
            assertEquals(truth.drift().nu().at(g), d.nu().at(g), 0.012, "nu at " + g + " uS");
        }
        assertTrue(d.nuStd().at(20) < 0.03, "spread " + d.nuStd().at(20));
        assertTrue(measured.source("drift").source().startsWith("measured"));
    }

    @Test
    void theExampleInDataIsTheModelsAndLoads() {
        Path example = Path.of("..", "data", "devices", "pcm-gst-example.csv");
        assertTrue(Files.isRegularFile(example), "the committed example " + example.toAbsolutePath());
        Technology t = DeviceData.load(example, Technologies.pcmGst());
        assertTrue(t.model().drift().nu().at(10) > 0.03);
        // its sources read as people read them: no record dumps, no 17-digit doubles
        for (Technology.Sourced s : t.sources()) {
            assertFalse(s.value().matches(".*[0-9]\\.[0-9]{5,}.*") || s.value().contains("=") && !s.value().startsWith("t0 = ")
                    || s.value().contains("["), s.parameter() + ": " + s.value());
            assertFalse(s.source().matches(".*[0-9]\\.[0-9]{5,}.*") || s.source().contains("["), s.parameter() + ": " + s.source());
        }
        assertTrue(t.source("read noise").value().matches("[0-9.]+ % of G \\+ [0-9.]+ uS"), t.source("read noise").value());
    }

    @Test
    void badFilesAreNamedByFileLineAndColumn() {
        Technology base = Technologies.pcmGst();
        String h = DeviceData.HEADER;
        var e = bad(base, h, "random,0,,1,10", "random,1,,1,11", "set,0,,1,20", "set,1,,1,21");
        assertTrue(e.getMessage().contains("f.csv: 0 'reset' cells") && e.getMessage().contains("random, set and reset"), e.getMessage());
        e = bad(base, h, "random,0,,1,10", "flash,1,,1,11");
        assertTrue(e.getMessage().contains("f.csv line 3 column state: 'flash'"), e.getMessage());
        e = bad(base, h, "random,0,,60,10", "random,0,,20,11");
        assertTrue(e.getMessage().contains("f.csv line 3 column t_s: 20 s after 60.0 s") && e.getMessage().contains("out of time order"), e.getMessage());
        e = bad(base, h, "random,0,,-1,10");
        assertTrue(e.getMessage().contains("f.csv line 2 column t_s: -1"), e.getMessage());
        e = bad(base, h, "random,0,,1,abc");
        assertTrue(e.getMessage().contains("f.csv line 2 column g_us: 'abc' is not a number"), e.getMessage());
        e = bad(base, "cell,g");
        assertTrue(e.getMessage().contains("f.csv line 1: header 'cell,g'"), e.getMessage());
        List<String> ok = new ArrayList<>(List.of(h, "random,0,,1,10", "random,1,,1,11", "set,0,,1,20", "set,1,,1,21", "reset,0,,1,0.1",
                "reset,1,,1,0.2", "programmed,0,10,20,10.1", "programmed,0,10,3600,9.1", "programmed,1,5,20,5.2", "programmed,1,5,60,5.0"));
        e = assertThrows(IllegalArgumentException.class, () -> DeviceData.parse("f.csv", ok, base));
        assertTrue(e.getMessage().contains("f.csv line 10: programmed cell 1 is read at [20.0, 60.0] s, but cell 0 (line 8) at [20.0, 3600.0] s"),
                e.getMessage());
        e = bad(base, h, "programmed,0,,20,10");
        assertTrue(e.getMessage().contains("f.csv line 2 column target_us: ''"), e.getMessage());
    }

    @Test
    void sameSeedSameExample(@TempDir Path dir) throws Exception {
        Path a = DeviceData.writeExample(Technologies.hfox(), dir.resolve("a.csv"), 20, 2, TIMES, 3);
        Path b = DeviceData.writeExample(Technologies.hfox(), dir.resolve("b.csv"), 20, 2, TIMES, 3);
        assertEquals(Files.readString(a), Files.readString(b));
        var e = assertThrows(IllegalArgumentException.class, () -> DeviceData.writeExample(Technologies.hfox(), dir.resolve("c.csv"), 20, 2,
                new double[]{20, 10}, 3));
        assertTrue(e.getMessage().contains("c.csv: times[1] = 10.0 s: expected > times[0] = 20.0 s"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("c.csv")), "nothing half-written");
    }

    private static IllegalArgumentException bad(Technology base, String... lines) {
        return assertThrows(IllegalArgumentException.class, () -> DeviceData.parse("f.csv", Arrays.asList(lines), base));
    }

    private static double[] cellMeans(List<String> lines, String state) {
        java.util.Map<String, List<Double>> cells = new java.util.LinkedHashMap<>();
        for (String l : lines) {
            if (l.startsWith(state + ",")) {
                String[] f = l.split(",", -1);
                cells.computeIfAbsent(f[1], k -> new ArrayList<>()).add(Double.parseDouble(f[4]));
            }
        }
        return cells.values().stream().mapToDouble(v -> v.stream().mapToDouble(Double::doubleValue).average().orElseThrow()).toArray();
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }

    private static double std(double[] v) {
        double m = mean(v);
        return Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / v.length);
    }
}
