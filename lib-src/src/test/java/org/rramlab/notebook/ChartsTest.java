package org.rramlab.notebook;

import org.rramlab.plot.Charts;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChartsTest {

    @Test
    void lineOverEpochsNumbersXFromOne() {
        XYChart chart = Charts.line("loss", "epoch", "loss", new double[]{0.9, 0.5, 0.3});
        XYSeries series = chart.getSeriesMap().get("loss");
        assertArrayEquals(new double[]{1, 2, 3}, series.getXData());
        assertArrayEquals(new double[]{0.9, 0.5, 0.3}, series.getYData());
        assertEquals(Charts.WIDTH, chart.getWidth());
        assertEquals(Charts.HEIGHT, chart.getHeight());
    }

    @Test
    void severalLinesKeepTheirOrderAndShareX() {
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("train", new double[]{0.5, 0.7});
        series.put("test", new double[]{0.4, 0.6});
        XYChart chart = Charts.line("accuracy", "keep fraction", "accuracy", new double[]{0.1, 0.5}, series);
        assertEquals(List.of("train", "test"), List.copyOf(chart.getSeriesMap().keySet()));
        assertArrayEquals(new double[]{0.1, 0.5}, chart.getSeriesMap().get("test").getXData());
    }

    @Test
    void histogramCountsEveryValueOnCommonBins() {
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("formed", new double[]{0, 1, 1, 2, 3, 4});
        series.put("pruned", new double[]{0, 0, 4});
        XYChart chart = Charts.histogram("conductance", "G (uS)", series, 4);
        XYSeries formed = chart.getSeriesMap().get("formed");
        // Edges 0, 1, 2, 3, 4; bins [0,1) [1,2) [2,3) [3,4]; the last y repeats the last bin for the step's edge.
        assertArrayEquals(new double[]{0, 1, 2, 3, 4}, formed.getXData(), 1e-12);
        assertArrayEquals(new double[]{1, 2, 1, 2, 2}, formed.getYData(), 1e-12);
        assertArrayEquals(new double[]{2, 0, 0, 1, 1}, chart.getSeriesMap().get("pruned").getYData(), 1e-12);
        assertEquals(XYSeries.XYSeriesRenderStyle.StepArea, chart.getStyler().getDefaultSeriesRenderStyle());
        assertThrows(IllegalArgumentException.class, () -> Charts.histogram("h", "x", new double[]{1}, 0));
    }

    @Test
    void groupedAndStackedBars() {
        Map<String, double[]> energy = new LinkedHashMap<>();
        energy.put("array", new double[]{1, 2});
        energy.put("ADC", new double[]{3, 4});
        CategoryChart grouped = Charts.bar("energy", "model", "nJ", List.of("dense", "pruned"), energy);
        assertEquals(2, grouped.getSeriesMap().size());
        assertEquals(List.of(3.0, 4.0), List.copyOf(grouped.getSeriesMap().get("ADC").getYData()));
        CategoryChart stacked = Charts.stackedBar("energy", "model", "nJ", List.of("dense", "pruned"), energy);
        assertTrue(stacked.getStyler().isStacked());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Charts.bar("b", "x", "y", List.of("a", "b", "c"), new double[]{1}));
        assertTrue(e.getMessage().contains("one per category (3)"), e.getMessage());
    }

    @Test
    void heatMapAndChartsRenderAtHouseSize() {
        HeatMapChart heat = Charts.heatMap("weights", "column", "row", new double[][]{{0, 1}, {2, 3}, {4, 5}});
        BufferedImage image = BitmapEncoder.getBufferedImage(heat);
        assertEquals(Charts.WIDTH, image.getWidth());
        assertEquals(Charts.HEIGHT, image.getHeight());
        BufferedImage scatter = BitmapEncoder.getBufferedImage(
                Charts.scatter("s", "x", "y", new double[]{1, 2}, new double[]{2, 1}));
        assertEquals(Charts.WIDTH, scatter.getWidth());
    }

    @Test
    void finishPrintsUnitsMovesTheLegendUnderThePlotAndKeepsItsSeries() {
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("kept", new double[] {1, 2, 3});
        series.put("pruned", new double[] {2, 3, 4});
        XYChart chart = Charts.line("G+ - G- (uS)", "read", "conductance (uS)", series);
        Charts.finish(chart);
        assertEquals("G+ - G- (µS)", chart.getTitle());
        assertEquals("conductance (µS)", chart.getYAxisTitle());
        assertEquals(org.knowm.xchart.style.Styler.LegendPosition.OutsideS, chart.getStyler().getLegendPosition());
        assertEquals(List.of("kept", "pruned"), List.copyOf(chart.getSeriesMap().keySet()), "3 whole-number x values: ticks stay at the data");
    }

    @Test
    void finishGivesEquallySpacedNonIntegerXRoundTicksWithAnInvisibleAnchor() {
        XYChart chart = Charts.histogram("formed", "conductance (uS)", new double[] {0.21, 3.3, 7.7, 14.2, 29.2}, 80);
        Charts.finish(chart);
        Charts.finish(chart);   // idempotent
        assertEquals(2, chart.getSeriesMap().size(), "the histogram and one anchor");
        XYSeries anchor = chart.getSeriesMap().values().stream().filter(s -> !s.getName().equals("conductance (uS)")).findFirst().orElseThrow();
        assertTrue(!anchor.isShowInLegend() && anchor.getXData()[0] < 0.21 && anchor.getXData()[0] > 0.2099, "just left of the first edge");
        BufferedImage png = BitmapEncoder.getBufferedImage(chart);
        assertEquals(Charts.WIDTH, png.getWidth());
    }

    @Test
    void countsGetOneBinPerWholeNumber() {
        XYChart chart = Charts.histogram("pulses", "pulses", new double[] {1, 1, 2, 5, 12}, 25);
        double[] x = chart.getSeriesMap().get("pulses").getXData();
        assertEquals(13, x.length, "12 bins from 0.5 to 12.5, one edge more");
        assertEquals(0.5, x[0], 1e-12);
        assertEquals(12.5, x[12], 1e-12);
    }
}
