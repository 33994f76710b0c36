package org.rramlab.device;

import org.knowm.xchart.Histogram;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** XChart figures for device and crossbar studies: histograms and line plots of Tablesaw columns. */
public final class DevicePlots {
    private static final int WIDTH = 720, HEIGHT = 400;

    private DevicePlots() {
    }

    /**
     * Histograms of one or more samples on shared bins, drawn as step outlines so that they can overlap.
     *
     * @param series label -> values; every series must have at least one value
     */
    public static XYChart histogram(String title, String xLabel, int bins, Map<String, double[]> series) {
        if (bins <= 0) {
            throw new IllegalArgumentException("bins = " + bins + ": expected > 0");
        }
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (var e : series.entrySet()) {
            if (e.getValue().length == 0) {
                throw new IllegalArgumentException("series '" + e.getKey() + "': no values to histogram");
            }
            min = Math.min(min, Arrays.stream(e.getValue()).min().orElseThrow());
            max = Math.max(max, Arrays.stream(e.getValue()).max().orElseThrow());
        }
        if (org.rramlab.plot.Charts.wholeNumbers(series.values()) && max - min + 1 <= bins) {
            bins = (int) (max - min) + 1;   // counts: one bin per whole number, not a comb of empty bins
            min -= 0.5;
            max += 0.5;
        }
        if (!(max > min)) {
            max = min + 1;
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
                .yAxisTitle("fraction of values").build();
        org.rramlab.plot.Charts.style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE).setMarkerSize(0);
        chart.getStyler().setXAxisDecimalPattern("#0.##").setYAxisDecimalPattern("0.0##");
        for (var e : series.entrySet()) {
            List<Double> data = Arrays.stream(e.getValue()).boxed().collect(Collectors.toList());
            Histogram h = new Histogram(data, bins, min, max);
            double n = e.getValue().length;
            // A step from each bin's left edge to the next, the last bin closed at max: XChart's step from the bin
            // centres would draw every bar half a bin to the right.
            double[] x = new double[bins + 1], y = new double[bins + 1];
            for (int b = 0; b <= bins; b++) {
                x[b] = min + (max - min) * b / bins;
                y[b] = h.getyAxisData().get(Math.min(b, bins - 1)) / n;
            }
            chart.addSeries(e.getKey(), x, y).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        }
        return chart;
    }

    /** One histogram. */
    public static XYChart histogram(String title, String xLabel, int bins, String label, double[] values) {
        Map<String, double[]> one = new LinkedHashMap<>();
        one.put(label, values);
        return histogram(title, xLabel, bins, one);
    }

    /** Lines of the numeric columns {@code yColumns} of {@code table} against its column {@code xColumn}. */
    public static XYChart lines(Table table, String xColumn, String yLabel, String... yColumns) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(table.name()).xAxisTitle(xColumn)
                .yAxisTitle(yLabel).build();
        org.rramlab.plot.Charts.style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        double[] x = ((NumericColumn<?>) table.column(xColumn)).asDoubleArray();
        if (x.length > 30) {
            chart.getStyler().setMarkerSize(0);   // many points: markers would hide the lines
        }
        for (String y : yColumns) {
            chart.addSeries(y, x, ((NumericColumn<?>) table.column(y)).asDoubleArray());
        }
        return chart;
    }
}
