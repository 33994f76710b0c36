package org.rramlab.plot;

import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FiguresTest {

    @Test
    void tornadoPutsTheWidestSwingOnTopAndNamesEveryRow() {
        BufferedImage img = Images.tornado("t", "reduction (%)", List.of("narrow", "wide"), new double[] {49, 10}, new double[] {51, 90}, 50);
        assertEquals(34 + 2 * 22 + 70, img.getHeight(), "one 22-pixel row per parameter");
        // the top row is the wide one: its blue bar reaches far left of the nominal line, the narrow one's does not
        int left = img.getWidth() - 20 - 440, topRow = 34 + 11, secondRow = 34 + 22 + 11;
        assertTrue(isBlue(img.getRGB(left + 100, topRow)), "wide swing on top (its low end at 10 of 0..100)");
        assertTrue(!isBlue(img.getRGB(left + 100, secondRow)), "narrow swing below");
        assertThrows(IllegalArgumentException.class, () -> Images.tornado("t", "x", List.of("a"), new double[] {1, 2}, new double[] {1}, 0));
    }

    @Test
    void pairedBarsDrawBothFiguresFromZero() {
        BufferedImage img = Images.pairedBars("p", "points", List.of("gain", "loss *"), new double[] {10, 5}, new double[] {20, -5}, "paper", "ours");
        assertEquals(34 + 2 * 30 + 72, img.getHeight());
        assertThrows(IllegalArgumentException.class, () -> Images.pairedBars("p", "x", List.of(), new double[0], new double[0], "a", "b"));
        assertEquals(20.0, Images.niceStep(17), 1e-12);
        assertEquals(0.5, Images.niceStep(0.31), 1e-12);
    }

    @Test
    void logAxesReadAsPlainNumbersWithSeparatorsAtEveryDecade() {
        assertEquals("10,000,000", Charts.logAxisLabel(1e7, 1));
        assertEquals("1", Charts.logAxisLabel(1, 1));
        assertEquals("0.1", Charts.logAxisLabel(0.1, 0.001), "no trailing zeros");
        assertEquals("0.001", Charts.logAxisLabel(0.001, 0.001));
        assertEquals("0.00001", Charts.logAxisLabel(1e-5, 2e-5), "the smallest decade keeps its digit (not 0)");
        for (int k = -6; k <= 9; k++) {
            String label = Charts.logAxisLabel(Math.pow(10, k), 1e-6);
            assertTrue(!label.contains("E") && label.matches("[0-9.,]+"), "decade 10^" + k + ": " + label);
        }
        assertThrows(IllegalArgumentException.class, () -> Charts.logAxisPattern(0));

        // finish gives every log axis the pattern of its data, over a pattern set for a linear axis
        double[] x = {1, 60, 3_600, 86_400, 2_592_000, 31_536_000}, y = {0.5, 0.05, 0.005, 0.0005, 0.0004, 0.0003};
        org.knowm.xchart.XYChart chart = Charts.xy("t", "seconds (log)", "error", java.util.Map.of("e", new Charts.XY(x, y)));
        chart.getStyler().setYAxisDecimalPattern("0.0##");
        chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
        Charts.finish(chart);
        assertEquals(Charts.logAxisPattern(1), chart.getStyler().getXAxisDecimalPattern());
        assertEquals(Charts.logAxisPattern(0.0003), chart.getStyler().getYAxisDecimalPattern());
        assertEquals(45, chart.getStyler().getXAxisLabelRotation(), "8 decades of labels up to 10,000,000 do not fit 720 px flat");
        assertTrue(org.knowm.xchart.BitmapEncoder.getBufferedImage(chart).getWidth() > 0);
        // six decades fit flat
        org.knowm.xchart.XYChart six = Charts.xy("t", "s", "y", java.util.Map.of("e", new Charts.XY(new double[] {1, 1e6}, new double[] {1, 2})));
        six.getStyler().setXAxisLogarithmic(true);
        Charts.finish(six);
        assertEquals(0, six.getStyler().getXAxisLabelRotation());
        // a linear axis gets no log pattern; its ticks keep their leading zero (XChart's own patterns print .05)
        org.knowm.xchart.XYChart linear = Charts.line("t", "epoch", "y", new double[] {-0.05, 0.05, 0.3});
        Charts.finish(linear);
        assertEquals(Charts.linearAxisPattern(-0.05, 0.3), linear.getStyler().getYAxisDecimalPattern());
        java.text.DecimalFormat f = new java.text.DecimalFormat(Charts.linearAxisPattern(-0.05, 0.3), java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT));
        assertEquals("0.05", f.format(0.05));
        assertEquals("-0.05", f.format(-0.05));
        assertEquals("0.3", f.format(0.30000000000000004));
        assertEquals("25,000", new java.text.DecimalFormat(Charts.linearAxisPattern(0, 25_000), java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT)).format(25_000));
        assertEquals(null, Charts.linearAxisPattern(0, 1e-6), "tiny ranges keep XChart's own labels");
        org.knowm.xchart.XYChart own = Charts.line("t", "epoch", "y", new double[] {1, 2, 3});
        own.getStyler().setYAxisDecimalPattern("0.0");
        Charts.finish(own);
        assertEquals("0.0", own.getStyler().getYAxisDecimalPattern(), "a pattern set by the chart's builder stays");
    }

    @Test
    void theConfusionMatrixColourBarSaysPercentLikeItsCells() {
        org.knowm.xchart.HeatMapChart chart = Charts.confusion("c", List.of("a", "b"), new long[][] {{9, 1}, {3, 7}});
        assertTrue(chart.getStyler().isPiecewise(), "the stepped colour bar is the one XChart labels with the cells' pattern");
        assertEquals("87 %", new java.text.DecimalFormat(chart.getStyler().getHeatMapValueDecimalPattern()).format(87.0));
        assertEquals(10, chart.getStyler().getRangeColors().length);
        assertTrue(org.knowm.xchart.BitmapEncoder.getBufferedImage(chart).getWidth() > 0);
    }

    private static boolean isBlue(int rgb) {
        Color c = new Color(rgb);
        return c.getBlue() > 150 && c.getRed() < 60;
    }

    @Test
    void linesThatMayHideEachOtherAreTranslucentWiderBelowAndMarked() {
        java.util.Map<String, double[]> two = new java.util.LinkedHashMap<>();
        two.put("below", new double[] {1, 2, 3, 4});
        two.put("above", new double[] {1, 2, 3, 4});   // exactly on the first
        org.knowm.xchart.XYChart chart = Charts.line("t", "epoch", "y", two);
        Charts.finish(chart);
        Charts.finish(chart);   // idempotent
        org.knowm.xchart.XYSeries below = chart.getSeriesMap().get("below"), above = chart.getSeriesMap().get("above");
        assertEquals(Charts.LINE_ALPHA, below.getLineColor().getAlpha());
        assertEquals(Charts.PALETTE[0].getRGB() & 0xFFFFFF, below.getLineColor().getRGB() & 0xFFFFFF);
        assertEquals(Charts.PALETTE[1].getRGB() & 0xFFFFFF, above.getLineColor().getRGB() & 0xFFFFFF);
        assertTrue(below.getLineWidth() > above.getLineWidth(), "the line below shows at the sides of the one above");
        assertTrue(below.getMarker() != org.knowm.xchart.style.markers.SeriesMarkers.NONE
                && above.getMarker() != org.knowm.xchart.style.markers.SeriesMarkers.NONE
                && below.getMarker() != above.getMarker(), "a shape per short series");
        // one line alone keeps its opaque colour and no markers
        org.knowm.xchart.XYChart one = Charts.line("t", "epoch", "y", new double[] {1, 2, 3});
        Charts.finish(one);
        org.knowm.xchart.XYSeries only = one.getSeriesMap().values().iterator().next();
        assertTrue(only.getLineColor() == null || only.getLineColor().getAlpha() == 255);
        assertEquals(org.knowm.xchart.style.markers.SeriesMarkers.NONE, only.getMarker());
    }

    @Test
    void heatMapWithAxesPutsRowZeroAtTheBottomAndRoundTicksOnBothAxes() {
        double[][] z = new double[4][6];
        for (int r = 0; r < 4; r++) for (int c = 0; c < 6; c++) z[r][c] = r;   // rises upwards
        HeatMaps.Axis time = HeatMaps.Axis.linear("time (s)", 6, 0, 0.05);
        HeatMaps.Axis hz = new HeatMaps.Axis("frequency (Hz)", new double[] {80, 400, 1200, 3500});
        BufferedImage image = HeatMaps.draw("t", z, time, hz, "dB", 20, 10);
        // the plot's bottom-left cell is the lowest value (viridis dark), its top-left the highest (yellow)
        int left = -1;
        for (int x = 0; x < image.getWidth() && left < 0; x++) {
            if (image.getRGB(x, 24 + 5) == (Colormap.viridis(1) | 0xFF000000)) left = x;   // the top row (4 rows of 10 px from y = 24)
        }
        assertTrue(left > 0, "the top row is the highest value");
        assertEquals(Colormap.viridis(0) | 0xFF000000, image.getRGB(left + 5, 24 + 35));
        assertEquals(List.of(0.0, 0.1, 0.2), HeatMaps.ticks(time, 120, 0, 20).subList(0, 3));
        for (double t : HeatMaps.ticks(hz, 40, 10, 10)) {
            assertTrue(t == HeatMaps.roundish(t) && t >= 80 - 160 && t <= 3500 + 1150, "tick " + t);
        }
        assertEquals(1000.0, HeatMaps.roundish(900));
        assertEquals(500.0, HeatMaps.roundish(620));
        assertThrows(IllegalArgumentException.class, () -> new HeatMaps.Axis("x", new double[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> HeatMaps.draw("t", z, hz, time, "dB", 2, 2));
    }
}
