package org.rramlab.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Sweep results as people compare them: each point of the axes with the mean and sample standard deviation over its
 * seeds, and a plot of mean ± sd with error bars (one line per value of a second axis).
 */
public final class SweepTables {
    private SweepTables() {}

    /** Mean and sd of {@code figure} over the seeds of every point: the axis columns, n, mean, sd (in cell order). */
    public static Table meanSd(SweepFolder folder, String figure) {
        List<String> axes = new ArrayList<>(folder.spec().coordinates());
        axes.remove("seed");
        return meanSd(folder.table(), figure, axes);
    }

    /** Mean and sd of {@code figure} per distinct value of the {@code by} columns, in first-seen order. */
    public static Table meanSd(Table results, String figure, List<String> by) {
        if (!results.columnNames().contains(figure)) {
            throw new IllegalArgumentException("figure '" + figure + "': not a column of the results; they have " + results.columnNames());
        }
        for (String b : by) {
            if (!results.columnNames().contains(b)) throw new IllegalArgumentException("axis '" + b + "': not a column of the results; they have " + results.columnNames());
        }
        Map<List<String>, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < results.rowCount(); i++) {
            List<String> key = new ArrayList<>();
            for (String b : by) key.add(results.column(b).getString(i));
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }
        Table out = Table.create(results.name().replaceFirst(": results$", "") + ": " + figure + ", mean ± sd over seeds");
        for (String b : by) {
            Column<?> src = results.column(b);
            Column<?> col = src.emptyCopy();
            for (List<Integer> rows : groups.values()) ((Column<Object>) col).append(src.get(rows.get(0)));
            out.addColumns(col);
        }
        IntColumn n = IntColumn.create("n");
        DoubleColumn mean = DoubleColumn.create(figure + " mean"), sd = DoubleColumn.create(figure + " sd");
        NumericColumn<?> values = results.numberColumn(figure);
        for (List<Integer> rows : groups.values()) {
            double s = 0, ss = 0;
            int k = 0;
            for (int r : rows) {
                double v = values.getDouble(r);
                if (Double.isNaN(v)) continue;
                s += v;
                k++;
            }
            double m = k == 0 ? Double.NaN : s / k;
            for (int r : rows) {
                double v = values.getDouble(r);
                if (!Double.isNaN(v)) ss += (v - m) * (v - m);
            }
            n.append(k);
            mean.append(m);
            sd.append(k > 1 ? Math.sqrt(ss / (k - 1)) : Double.NaN);
        }
        out.addColumns(n, mean, sd);
        return out;
    }

    /**
     * Mean ± sd of {@code figure} over {@code xAxis} (a numeric axis), one line per value of {@code seriesAxis} (or
     * one line when null), with error bars of one sd.
     */
    public static XYChart chart(SweepFolder folder, String figure, String xAxis, String seriesAxis) {
        List<String> by = new ArrayList<>();
        if (seriesAxis != null) by.add(seriesAxis);
        by.add(xAxis);
        Table t = meanSd(folder.table(), figure, by);
        String score = folder.results().isEmpty() ? "" : folder.results().get(0).score();
        boolean percent = isScore(figure) && inUnitRange(t, figure);
        String yTitle = isScore(figure) ? figure + " test " + score + (percent ? " (%)" : "") : figure;
        XYChart chart = new XYChartBuilder().width(720).height(420).title(folder.spec().name() + ": " + yTitle + " (mean ± sd over "
                + folder.spec().seeds().size() + " seeds)").xAxisTitle(xAxis).yAxisTitle(yTitle).build();
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new java.awt.Color(0xDDDDDD));
        chart.getStyler().setSeriesColors(new java.awt.Color[] {new java.awt.Color(0x0072B2), new java.awt.Color(0xE69F00),
                new java.awt.Color(0x009E73), new java.awt.Color(0xD55E00), new java.awt.Color(0xCC79A7), new java.awt.Color(0x56B4E9)});
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        chart.getStyler().setMarkerSize(7);
        Map<String, List<Integer>> series = new LinkedHashMap<>();
        for (int i = 0; i < t.rowCount(); i++) {
            String key = seriesAxis == null ? figure : shortName(seriesAxis) + " = " + t.column(seriesAxis).getString(i);
            series.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }
        if (!(t.column(xAxis) instanceof NumericColumn<?> xs)) {
            throw new IllegalArgumentException("axis '" + xAxis + "': its values are not numbers; plot it as a table (meanSd)");
        }
        for (var e : series.entrySet()) {
            List<Integer> rows = e.getValue();
            double[] x = new double[rows.size()], y = new double[rows.size()], err = new double[rows.size()];
            for (int j = 0; j < rows.size(); j++) {
                x[j] = xs.getDouble(rows.get(j));
                double scale = percent ? 100 : 1;   // scores in % as in every other table and log
                y[j] = scale * t.doubleColumn(figure + " mean").getDouble(rows.get(j));
                double s = t.doubleColumn(figure + " sd").getDouble(rows.get(j));
                err[j] = Double.isNaN(s) ? 0 : scale * s;
            }
            chart.addSeries(e.getKey(), x, y, err).setMarker(SeriesMarkers.CIRCLE);
        }
        return chart;
    }

    /** The last two parts of a JSON path ("readNoise.relative"): a legend people read. */
    static String shortName(String path) {
        String[] p = path.split("\\.");
        return p.length <= 2 ? path : p[p.length - 2] + "." + p[p.length - 1];
    }

    /** The recorded scores (accuracy, AUC ...: fractions of a whole). */
    static boolean isScore(String figure) {
        return List.of("final", "best", "validation").contains(figure);
    }

    private static boolean inUnitRange(Table meanSd, String figure) {
        for (double v : meanSd.doubleColumn(figure + " mean").asDoubleArray()) {
            if (!Double.isNaN(v) && (v < 0 || v > 1)) return false;
        }
        return true;
    }

    /**
     * The mean ± sd table with the two as one readable text column per point: scores in % with the sd in points
     * ("81.20 % ± 1.10"), other figures to 4 significant figures ("38,415 ± 13,641").
     */
    public static Table readable(Table meanSd, String figure) {
        Table t = meanSd.copy();
        boolean percent = isScore(figure) && inUnitRange(t, figure);
        StringColumn text = StringColumn.create(figure + " (mean ± sd" + (percent ? ", %)" : ")"));
        for (int i = 0; i < t.rowCount(); i++) {
            double m = t.doubleColumn(figure + " mean").getDouble(i), s = t.doubleColumn(figure + " sd").getDouble(i);
            text.append(percent
                    ? String.format(Locale.ROOT, "%.2f %% ± %s", 100 * m, Double.isNaN(s) ? "n/a" : String.format(Locale.ROOT, "%.2f", 100 * s))
                    : org.rramlab.plot.Numbers.sig(m) + " ± " + (Double.isNaN(s) ? "n/a" : org.rramlab.plot.Numbers.sig(s)));
        }
        t.removeColumns(figure + " mean", figure + " sd");
        t.addColumns(text);
        return t;
    }

    /** The cells of a sweep: index, id, then the value of every axis and the seed. */
    public static Table cells(SweepSpec spec) {
        IntColumn index = IntColumn.create("cell");
        StringColumn id = StringColumn.create("id");
        Map<String, StringColumn> coords = new LinkedHashMap<>();
        for (String c : spec.coordinates()) coords.put(c, StringColumn.create(c));
        for (Cell c : spec.cells()) {
            index.append(c.index());
            id.append(c.id());
            coords.forEach((k, col) -> col.append(Cell.text(c.overrides().get(k))));
        }
        Table t = Table.create(spec.name() + ": " + spec.cells().size() + " cells", index, id);
        coords.values().forEach(t::addColumns);
        return t;
    }
}
