package org.rramlab.crossbar;

import org.rramlab.study.MvmErrorSweep;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.rramlab.device.ConductanceTable;
import org.rramlab.device.DeviceModel;
import org.rramlab.device.DevicePlots;
import org.rramlab.study.DeviceStudies;
import org.rramlab.device.NoisePool;
import tech.tablesaw.api.Table;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The calls the notebooks make: studies, sweeps and plots return what they promise. */
class StudiesAndPlotsTest {

    @Test
    void formingPulseSweepIsMonotoneInAmplitude() {
        Table t = DeviceStudies.formingPulseSweep(DeviceModel.taox40nm(), new double[]{3.0, 3.3, 3.6}, 1000, 5000, 1);
        double[] f = t.doubleColumn("fraction formed").asDoubleArray();
        double[] m = t.doubleColumn("mean formed (uS)").asDoubleArray();
        assertTrue(f[0] < f[1] && f[1] < f[2], java.util.Arrays.toString(f));
        assertTrue(m[0] < m[1] && m[1] < m[2], java.util.Arrays.toString(m));
        assertEquals(0.95, f[1], 0.01, "the reference pulse gives the preset's fraction");
    }

    @Test
    void programmingCostComparesWriteVerifyWithOnePulse() {
        Table t = DeviceStudies.programmingCost(List.of(DeviceModel.taox40nm(), DeviceModel.ideal()), 2000, 2);
        assertEquals(4, t.rowCount());
        assertEquals(1, t.doubleColumn("pulses per cell").get(0));
        assertTrue(t.doubleColumn("pulses per cell").get(1) > 2);
        assertEquals(1, t.doubleColumn("pulses per cell").get(3), 0, "ideal write-verify: one pulse");
    }

    @Test
    void driftTableShowsPcmDecayAndFlatRram() {
        Table t = DeviceStudies.driftTable(List.of(DeviceModel.taox40nm(), DeviceModel.pcmLike()), 1, 86_400);
        assertEquals(1, t.doubleColumn("TaOx 40 nm").get(1), 0);
        assertEquals(Math.pow(86_400, -0.05), t.doubleColumn("PCM-like").get(1), 1e-12);
    }

    @Test
    void parametersTableHasOneColumnPerDevice() {
        Table t = DeviceStudies.parameters(DeviceModel.taox40nm(), DeviceModel.pcmLike());
        assertEquals(3, t.columnCount());
        assertTrue(t.stringColumn("parameter").contains("readNoise.relative"));
        // values as people read them: units from the names, separators, fractions as %, no raw doubles
        int width = t.stringColumn("parameter").indexOf("forming.reference.widthNs");
        assertEquals("1,000 ns", t.stringColumn("TaOx 40 nm").get(width));
        assertEquals("14.25 µS", t.stringColumn("TaOx 40 nm").get(t.stringColumn("parameter").indexOf("forming.formed.meanUs")));
        assertEquals("95 %", t.stringColumn("TaOx 40 nm").get(t.stringColumn("parameter").indexOf("forming.formedFraction")));
        assertEquals("3.3 V", t.stringColumn("TaOx 40 nm").get(t.stringColumn("parameter").indexOf("forming.reference.amplitudeV")));
        assertEquals("100", t.stringColumn("TaOx 40 nm").get(t.stringColumn("parameter").indexOf("writeVerify.maxPulses")));
        assertEquals("0.15", t.stringColumn("TaOx 40 nm").get(t.stringColumn("parameter").indexOf("forming.meanSensitivity")), "a coefficient, not a %");
        for (String v : t.stringColumn("PCM-like")) assertFalse(v.matches(".*[0-9]\\.0( .*)?"), "raw double: " + v);
    }

    @Test
    void simulatedReadTableParsesAndFitsTheModelsReadNoise() {
        ConductanceTable t = ConductanceTable.parse("sim", DeviceStudies.simulatedReadTable(DeviceModel.taox40nm(), 1000, 30, 3));
        assertEquals(1000, t.cells());
        assertEquals(0.02, t.readNoise().relative(), 0.003);
    }

    @Test
    void errorSweepGrowsAsBitsFall() {
        MvmErrorSweep sweep = new MvmErrorSweep(DeviceModel.taox40nm(), 64, 64, 16, 1, 4);
        Table t = sweep.versusBits(2, 6, 12);
        double[] both = t.doubleColumn("DAC and ADC").asDoubleArray();
        assertTrue(both[0] > both[1] && both[1] > both[2], java.util.Arrays.toString(both));
        assertEquals(0, sweep.error(MvmConfig.ideal()), 1e-6);
        Table n = sweep.versusReadNoise(0, 0.05);
        assertEquals(0, n.doubleColumn("read noise only").get(0), 1e-6);
        assertTrue(n.doubleColumn("read noise only").get(1) > 0.01);
    }

    @Test
    void plotsHaveTheExpectedShapeAndRejectBadInput() {
        BufferedImage img = CrossbarPlots.heatMap(Nd4j.rand(DataType.FLOAT, 10, 40).subi(0.5), "test", 6);
        assertEquals(40 + 40 * 6 + 14 + 14 + 70, img.getWidth(), "row labels, the map, the colour bar and its labels");
        assertEquals(28 + 10 * 6 + 34, img.getHeight(), "title, the map, column labels and axis name");
        java.awt.Color top = new java.awt.Color(img.getRGB(40 + 240 + 14 + 7, 28 + 1)), bottom = new java.awt.Color(img.getRGB(40 + 240 + 14 + 7, 28 + 58));
        assertTrue(top.getRed() > top.getBlue() && bottom.getBlue() > bottom.getRed(), "colour bar: red (+max) on top, blue (-max) below");
        var chart = DevicePlots.histogram("h", "x", 10, Map.of("a", new double[]{1, 2, 3}));
        assertEquals(1, chart.getSeriesMap().size());
        var e = assertThrows(IllegalArgumentException.class, () -> DevicePlots.histogram("h", "x", 0, "a", new double[]{1}));
        assertTrue(e.getMessage().contains("bins = 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CrossbarPlots.weightHistogram(
                Nd4j.zeros(DataType.FLOAT, 4, 4), Nd4j.zeros(DataType.FLOAT, 4, 5), 10));
        assertTrue(e.getMessage().contains("keep: shape [4, 5]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new NoisePool(1, 0));
        assertTrue(e.getMessage().contains("size = 0"), e.getMessage());
    }
}
