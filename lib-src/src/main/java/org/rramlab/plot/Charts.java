package org.rramlab.plot;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * XChart builders with one house style (720x420, readable fonts, white background, the same colours in every
 * notebook). Every method returns the XChart object: the kernel renders it as PNG when it is a cell's value, and
 * the caller may still tweak it ({@code chart.getStyler()...}) before that.
 */
public final class Charts {
    public static final int WIDTH = 720;
    public static final int HEIGHT = 420;

    /** Colour-blind-safe palette (Okabe-Ito), in series order. */
    static final Color[] PALETTE = {
            new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xD55E00),
            new Color(0xCC79A7), new Color(0x56B4E9), new Color(0xF0E442), new Color(0x000000),
    };

    /** x and y values of one series. */
    public record XY(double[] x, double[] y) {
        public XY {
            if (x == null || y == null || x.length != y.length) {
                throw new IllegalArgumentException("series: x has " + (x == null ? "null" : x.length)
                        + " values and y " + (y == null ? "null" : y.length) + "; expected the same length");
            }
        }
    }

    private Charts() {}

    /** One line over x = 1, 2, ... n (e.g. a value per epoch). */
    public static XYChart line(String title, String xLabel, String yLabel, double[] y) {
        return line(title, xLabel, yLabel, Map.of(yLabel == null ? "y" : yLabel, y));
    }

    /** Several lines over x = 1, 2, ... n, one per map entry (in map order). */
    public static XYChart line(String title, String xLabel, String yLabel, Map<String, double[]> series) {
        Map<String, XY> xy = new LinkedHashMap<>();
        series.forEach((name, y) -> xy.put(name, new XY(oneTo(y.length), y)));
        return xy(title, xLabel, yLabel, xy);
    }

    /** Several lines sharing the x values. */
    public static XYChart line(String title, String xLabel, String yLabel, double[] x, Map<String, double[]> series) {
        Map<String, XY> xy = new LinkedHashMap<>();
        series.forEach((name, y) -> xy.put(name, new XY(x, y)));
        return xy(title, xLabel, yLabel, xy);
    }

    /** Lines with their own x values. */
    public static XYChart xy(String title, String xLabel, String yLabel, Map<String, XY> series) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        style(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        series.forEach((name, s) -> chart.addSeries(name, s.x(), s.y()).setMarker(SeriesMarkers.NONE));
        chart.getStyler().setLegendVisible(series.size() > 1);
        return chart;
    }

    /** Points, one colour per series. */
    public static XYChart scatter(String title, String xLabel, String yLabel, Map<String, XY> series) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        style(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(5);
        series.forEach((name, s) -> chart.addSeries(name, s.x(), s.y()));
        chart.getStyler().setLegendVisible(series.size() > 1);
        return chart;
    }

    /** Points of one series. */
    public static XYChart scatter(String title, String xLabel, String yLabel, double[] x, double[] y) {
        return scatter(title, xLabel, yLabel, Map.of(yLabel == null ? "y" : yLabel, new XY(x, y)));
    }

    /** A histogram of {@code values} in {@code bins} equal bins between their minimum and maximum. */
    public static XYChart histogram(String title, String xLabel, double[] values, int bins) {
        return histogram(title, xLabel, Map.of(xLabel == null ? "values" : xLabel, values), bins);
    }

    /**
     * Overlaid histograms on common bins (between the overall minimum and maximum), drawn as translucent step
     * areas so that overlapping distributions stay readable (e.g. conductances before and after pruning).
     */
    public static XYChart histogram(String title, String xLabel, Map<String, double[]> series, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins: " + bins + "; expected >= 1");
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            if (e.getValue().length == 0) {
                throw new IllegalArgumentException("histogram series '" + e.getKey() + "' is empty");
            }
            for (double v : e.getValue()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (wholeNumbers(series.values()) && max - min + 1 <= bins) {
            // Counts (pulses, flips) with fewer distinct values than bins: one bin per whole number, centred on it,
            // never a comb of empty bins.
            bins = (int) (max - min) + 1;
            min -= 0.5;
            max += 0.5;
        }
        if (max == min) {
            max = min + 1;
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xLabel).yAxisTitle("count").build();
        style(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
        int index = 0;
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            double[] counts = binCounts(e.getValue(), bins, min, max);
            // A step series needs the right edge of the last bin too: repeat its count there.
            double[] x = new double[bins + 1];
            double[] y = new double[bins + 1];
            for (int b = 0; b <= bins; b++) {
                x[b] = min + (max - min) * b / bins;
                y[b] = counts[Math.min(b, bins - 1)];
            }
            XYSeries s = chart.addSeries(e.getKey(), x, y);
            Color c = PALETTE[index++ % PALETTE.length];
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(c);
            s.setFillColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 90));
        }
        chart.getStyler().setLegendVisible(series.size() > 1);
        return chart;
    }

    /** True when every value is a whole number (a count). */
    public static boolean wholeNumbers(java.util.Collection<double[]> series) {
        for (double[] values : series) {
            for (double v : values) {
                if (v != Math.rint(v)) return false;
            }
        }
        return true;
    }

    /** Counts per bin; the maximum falls into the last bin. */
    static double[] binCounts(double[] values, int bins, double min, double max) {
        double[] counts = new double[bins];
        for (double v : values) {
            int b = (int) Math.floor((v - min) / (max - min) * bins);
            if (b >= 0 && b <= bins) {
                counts[Math.min(b, bins - 1)]++;
            }
        }
        return counts;
    }

    /** Bars, one per category. */
    public static CategoryChart bar(String title, String xLabel, String yLabel, List<String> categories,
                                    double[] values) {
        return bar(title, xLabel, yLabel, categories, Map.of(yLabel == null ? "values" : yLabel, values));
    }

    /** Grouped bars: per category one bar of each series, side by side. */
    public static CategoryChart bar(String title, String xLabel, String yLabel, List<String> categories,
                                    Map<String, double[]> series) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        style(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Bar);
        chart.getStyler().setXAxisLabelRotation(categories.size() > 8 ? 45 : 0);
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            if (e.getValue().length != categories.size()) {
                throw new IllegalArgumentException("bar series '" + e.getKey() + "' has " + e.getValue().length
                        + " values; expected one per category (" + categories.size() + ")");
            }
            chart.addSeries(e.getKey(), new ArrayList<>(categories), boxed(e.getValue()));
        }
        chart.getStyler().setLegendVisible(series.size() > 1);
        return chart;
    }

    /** Stacked bars: per category the series on top of each other (e.g. energy by stage). */
    public static CategoryChart stackedBar(String title, String xLabel, String yLabel, List<String> categories,
                                           Map<String, double[]> series) {
        CategoryChart chart = bar(title, xLabel, yLabel, categories, series);
        chart.getStyler().setStacked(true);
        chart.getStyler().setLegendVisible(true);
        return chart;
    }

    /**
     * A heat map of {@code z[row][column]} (row 0 at the top, as a matrix is read). Meant for small matrices
     * (up to ~100x100); for large ones {@link Images#heatMap} is faster and sharper.
     */
    public static HeatMapChart heatMap(String title, String xLabel, String yLabel, double[][] z) {
        if (z == null || z.length == 0 || z[0].length == 0) {
            throw new IllegalArgumentException("heat map '" + title + "': empty matrix; expected rows x columns values");
        }
        int rows = z.length;
        int cols = z[0].length;
        List<Integer> x = new ArrayList<>(cols);
        List<Integer> y = new ArrayList<>(rows);
        for (int c = 0; c < cols; c++) {
            x.add(c);
        }
        for (int r = rows - 1; r >= 0; r--) {
            y.add(r); // labels bottom-up, so that the top row reads 0
        }
        List<Number[]> cells = new ArrayList<>(rows * cols);
        for (int r = 0; r < rows; r++) {
            if (z[r].length != cols) {
                throw new IllegalArgumentException("heat map '" + title + "': row " + r + " has " + z[r].length
                        + " values; expected " + cols);
            }
            for (int c = 0; c < cols; c++) {
                // HeatMapChart puts y = 0 at the bottom; flip so that row 0 is on top.
                cells.add(new Number[]{c, rows - 1 - r, z[r][c]});
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        styleBase(chart.getStyler());
        chart.getStyler().setRangeColors(Colormap.VIRIDIS_STOPS);
        chart.getStyler().setShowValue(false);
        chart.addSeries(title, x, y, cells);
        return chart;
    }

    /**
     * The house style applied to any chart just before it is drawn, whoever built it: units in the titles as printed
     * (µS, Ω, σ), a legend beside the plot moved under it (it took up to a third of the width), and x ticks at
     * round numbers. XChart puts the ticks of equally spaced x values at the data (a histogram's bin centres,
     * 2.24, 4.28 ...); a point of no size just left of the first value lets it pick round ticks instead. Series of
     * at most 12 whole-number x values (epochs, bits) keep their ticks at the data. Idempotent.
     */
    public static void finish(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) {
        if (chart.getTitle() != null) {
            chart.setTitle(Numbers.units(chart.getTitle()));
            fitTitle(chart);
        }
        if (chart.getXAxisTitle() != null) chart.setXAxisTitle(Numbers.units(chart.getXAxisTitle()));
        if (chart.getYAxisTitle() != null) chart.setYAxisTitle(Numbers.units(chart.getYAxisTitle()));
        Styler styler = chart.getStyler();
        if (styler.getLegendPosition() == Styler.LegendPosition.OutsideE && !(chart instanceof HeatMapChart)) {
            styler.setLegendPosition(Styler.LegendPosition.OutsideS);
            // one row when the names fit the width; else one per line, the chart made taller by as much
            int shown = 0, characters = 0;
            for (Object s : chart.getSeriesMap().values()) {
                if (s instanceof org.knowm.xchart.internal.series.Series series && series.isShowInLegend()) {
                    shown++;
                    characters += series.getName().length() + 6;
                }
            }
            boolean fits = characters * 7 < chart.getWidth() - 40;
            styler.setLegendLayout(fits ? Styler.LegendLayout.Horizontal : Styler.LegendLayout.Vertical);
            if (!fits && styler.isLegendVisible()) grow(chart, 18 * shown);
        }
        if (styler instanceof AxesChartStyler axes) logAxisLabels(chart, axes);
        if (chart instanceof XYChart xy) {
            for (XYSeries s : xy.getSeriesMap().values()) {
                if (s.getXData().length > 200 && s.getLineWidth() > 1.2f) s.setLineWidth(1.2f);   // dense lines: thin, so others show through
            }
            seeThrough(xy);
            roundTicks(xy);
            leadingZeros(xy);
        }
    }

    /**
     * The house rule for log-axis tick labels: plain numbers with thousands separators at every decade ({@code 0.01},
     * {@code 1}, {@code 1,000}, {@code 10,000,000}), never XChart's default {@code 1E4}. A pattern of exactly as many
     * decimals as the smallest decade on the axis needs (a fixed {@code #,##0.####} cuts 10⁻⁵ to {@code 0}). XChart
     * 3.8.8 cannot label a log axis with superscripts: its tick-label formatting functions switch the axis to linear
     * ticks, so the labels come from this decimal pattern, which its log axis does apply.
     */
    public static String logAxisPattern(double smallest) {
        if (!(smallest > 0) || Double.isInfinite(smallest)) {
            throw new IllegalArgumentException("smallest: " + smallest + "; expected a finite value > 0 on a log axis");
        }
        int decimals = Math.max(0, -(int) Math.floor(Math.log10(smallest) + 1e-9));
        return decimals == 0 ? "#,##0" : "#,##0." + "#".repeat(decimals);   // optional decimals: 0.1, not 0.100
    }

    /** A decade label as a log axis of the house style prints it ({@link #logAxisPattern} applied to {@code value}). */
    public static String logAxisLabel(double value, double smallest) {
        java.text.DecimalFormat f = new java.text.DecimalFormat(logAxisPattern(smallest),
                java.text.DecimalFormatSymbols.getInstance(Locale.ROOT));
        return f.format(value);
    }

    /**
     * Log axes of any chart get the {@link #logAxisPattern} of their data (a pattern set for a linear axis, e.g.
     * {@code 0.0##}, would print the small decades as 0.0). An x axis whose widest decade label does not fit the
     * width of one decade gets its labels turned 45° instead of overlapping.
     */
    private static void logAxisLabels(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, AxesChartStyler styler) {
        boolean x = styler.isXAxisLogarithmic(), y = styler.isYAxisLogarithmic();
        if (!x && !y) return;
        double[] xRange = {Double.POSITIVE_INFINITY, 0}, yRange = {Double.POSITIVE_INFINITY, 0};
        for (Object s : chart.getSeriesMap().values()) {
            if (s instanceof XYSeries xy) {
                if (TICK_ANCHOR.equals(xy.getName())) continue;
                widen(xRange, xy.getXData());
                widen(yRange, xy.getYData());
            } else if (s instanceof CategorySeries c) {
                for (Number v : c.getYData()) if (v != null) widen(yRange, new double[] {v.doubleValue()});
            }
        }
        if (x && xRange[1] > 0) {
            double lo = styler.getXAxisMin() != null && styler.getXAxisMin() > 0 ? styler.getXAxisMin() : xRange[0];
            double hi = styler.getXAxisMax() != null && styler.getXAxisMax() > 0 ? styler.getXAxisMax() : xRange[1];
            styler.setXAxisDecimalPattern(logAxisPattern(lo));
            Font font = styler.getAxisTickLabelsFont();
            java.awt.Graphics2D g = new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_INT_RGB).createGraphics();
            int widest = 0;
            for (int k = (int) Math.floor(Math.log10(lo) + 1e-9); k <= Math.floor(Math.log10(hi) + 1e-9); k++) {
                widest = Math.max(widest, g.getFontMetrics(font).stringWidth(logAxisLabel(Math.pow(10, k), lo)));
            }
            g.dispose();
            double decades = Math.max(1, Math.log10(hi / lo));
            double perDecade = (chart.getWidth() - 120) / decades;   // the plot's width: the chart less the y axis and margins
            if (widest + 12 > perDecade && styler.getXAxisLabelRotation() == 0) styler.setXAxisLabelRotation(45);
        }
        if (y && yRange[1] > 0) {
            double lo = styler.getYAxisMin() != null && styler.getYAxisMin() > 0 ? styler.getYAxisMin() : yRange[0];
            styler.setYAxisDecimalPattern(logAxisPattern(lo));
            styler.getYAxisGroupDecimalPatternMap().clear();   // a per-group pattern would win over the axis one
        }
    }

    /**
     * The pattern of a linear axis over {@code [lo, hi]} that XChart would otherwise pick per tick: its own patterns drop
     * the leading zero of some ticks ({@code .05} beside {@code 0.1} and {@code -0.05}). Separators, and optional
     * decimals enough for a tick step of a hundredth of the range; null outside 10⁻⁴ … 10⁹ (XChart's own there).
     */
    public static String linearAxisPattern(double lo, double hi) {
        double range = hi - lo;
        if (!(range > 0) || !Double.isFinite(range) || range < 1e-4 || Math.max(Math.abs(lo), Math.abs(hi)) >= 1e9) return null;
        int decimals = Math.max(0, 2 - (int) Math.floor(Math.log10(range)));
        return decimals == 0 ? "#,##0" : "#,##0." + "#".repeat(decimals);
    }

    /** Linear axes without a pattern of their own get {@link #linearAxisPattern} of their data. */
    private static void leadingZeros(XYChart chart) {
        double xLo = Double.POSITIVE_INFINITY, xHi = Double.NEGATIVE_INFINITY, yLo = Double.POSITIVE_INFINITY, yHi = Double.NEGATIVE_INFINITY;
        for (XYSeries s : chart.getSeriesMap().values()) {
            double[] x = s.getXData(), y = s.getYData(), e = s.getExtraValues();
            for (int i = 0; i < x.length; i++) {
                if (Double.isFinite(x[i])) { xLo = Math.min(xLo, x[i]); xHi = Math.max(xHi, x[i]); }
                double err = e != null && i < e.length && Double.isFinite(e[i]) ? e[i] : 0;
                if (Double.isFinite(y[i])) { yLo = Math.min(yLo, y[i] - err); yHi = Math.max(yHi, y[i] + err); }
            }
        }
        var styler = chart.getStyler();
        if (styler.getXAxisMin() != null) xLo = Math.min(xLo, styler.getXAxisMin());
        if (styler.getXAxisMax() != null) xHi = Math.max(xHi, styler.getXAxisMax());
        if (styler.getYAxisMin() != null) yLo = Math.min(yLo, styler.getYAxisMin());
        if (styler.getYAxisMax() != null) yHi = Math.max(yHi, styler.getYAxisMax());
        if (!styler.isXAxisLogarithmic() && styler.getXAxisDecimalPattern() == null && styler.getDecimalPattern() == null) {
            String p = linearAxisPattern(xLo, xHi);
            if (p != null) styler.setXAxisDecimalPattern(p);
        }
        if (!styler.isYAxisLogarithmic() && styler.getYAxisDecimalPattern() == null && styler.getDecimalPattern() == null
                && styler.getYAxisGroupDecimalPatternMap().isEmpty()) {
            String p = linearAxisPattern(yLo, yHi);
            if (p != null) styler.setYAxisDecimalPattern(p);
        }
    }

    /** {@code range} = {smallest positive, largest} of the finite positive values seen so far. */
    private static void widen(double[] range, double[] values) {
        if (values == null) return;
        for (double v : values) {
            if (v > 0 && Double.isFinite(v)) {
                range[0] = Math.min(range[0], v);
                range[1] = Math.max(range[1], v);
            }
        }
    }

    /** Alpha of lines drawn over each other: where two coincide, the one below still tints the one on top. */
    static final int LINE_ALPHA = 180;
    /** Series of at most this many points get a marker of their own shape per point. */
    static final int MARKED_POINTS = 40;
    /** Largest shape first: a series drawn later (on top) leaves the marker below it showing at its sides. */
    private static final org.knowm.xchart.style.markers.Marker[] SHAPES = {
            SeriesMarkers.SQUARE, SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_UP,
            SeriesMarkers.CROSS, SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.PLUS, SeriesMarkers.OVAL,
    };

    /**
     * Lines that may hide each other (two or more line series on one chart): each drawn in its colour made
     * translucent (not step lines), the ones drawn first (below) wider than those drawn over them, so that a line
     * lying exactly under another still shows at both its sides; and a short series (3 to {@value #MARKED_POINTS}
     * points: epochs, bits, noise levels) marked at every point with a shape of its own. Dense series keep no markers
     * (they would bury the lines). A chart of one line is left as it is. Idempotent: a colour already translucent and
     * a marker already set are kept, the widths are set from the series order.
     */
    private static void seeThrough(XYChart chart) {
        List<XYSeries> lines = new ArrayList<>();
        XYSeries.XYSeriesRenderStyle fallback = chart.getStyler().getDefaultSeriesRenderStyle();
        for (XYSeries s : chart.getSeriesMap().values()) {
            XYSeries.XYSeriesRenderStyle style = s.getXYSeriesRenderStyle() == null ? fallback : s.getXYSeriesRenderStyle();
            boolean drawn = s.getLineStyle() != org.knowm.xchart.style.lines.SeriesLines.NONE;
            if (!TICK_ANCHOR.equals(s.getName()) && drawn
                    && (style == XYSeries.XYSeriesRenderStyle.Line || style == XYSeries.XYSeriesRenderStyle.Step)) {
                lines.add(s);
            }
        }
        if (lines.size() < 2) return;
        Color[] colours = chart.getStyler().getSeriesColors();
        int index = 0;
        // a chart whose builder set markers to size 0 wanted none (dense data): it keeps them off
        boolean markers = chart.getStyler().getMarkerSize() > 0;
        for (XYSeries s : chart.getSeriesMap().values()) {
            int at = index++;
            if (!lines.contains(s)) continue;
            // XChart hands out the styler's colours in series order to series without their own
            Color c = s.getLineColor() != null ? s.getLineColor() : colours[at % colours.length];
            // XChart draws a step series segment by segment: translucent, every corner would show as a darker dot
            boolean step = (s.getXYSeriesRenderStyle() == null ? fallback : s.getXYSeriesRenderStyle()) == XYSeries.XYSeriesRenderStyle.Step;
            if (c.getAlpha() == 255 && !step) c = new Color(c.getRed(), c.getGreen(), c.getBlue(), LINE_ALPHA);
            s.setLineColor(c);
            int points = s.getXData().length, above = 0;
            for (XYSeries later : lines.subList(lines.indexOf(s) + 1, lines.size())) {
                if (later.getXData().length >= 3) above++;   // a two-point reference line hides little
            }
            // 1.5 px wider per line drawn above it (dense lines: 0.5 px), for at most two, so that a line lying exactly
            // under another shows a visible rim at both sides; dense lines start thinner
            s.setLineWidth((points > 200 ? 1.2f : 2f) + Math.min(2, above) * (points > 200 ? 0.5f : 1.5f));
            if (markers && points >= 3 && points <= MARKED_POINTS && (s.getMarker() == null || s.getMarker() == SeriesMarkers.NONE)) {
                s.setMarker(SHAPES[lines.indexOf(s) % SHAPES.length]);
            }
            if (s.getMarker() != null && s.getMarker() != SeriesMarkers.NONE) s.setMarkerColor(c);
        }
    }

    /** A title wider than the chart in a smaller font (down to 11 pt) rather than cut at both ends. */
    private static void fitTitle(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) {
        Font font = chart.getStyler().getChartTitleFont();
        if (font == null) return;
        java.awt.Graphics2D g = new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_INT_RGB).createGraphics();
        while (font.getSize() > 11 && g.getFontMetrics(font).stringWidth(chart.getTitle()) > chart.getWidth() - 20) {
            font = font.deriveFont((float) font.getSize() - 1);
        }
        g.dispose();
        chart.getStyler().setChartTitleFont(font);
    }

    /** Makes a chart taller (XChart keeps the size set at construction protected); {@link #finish} does it once. */
    private static void grow(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, int pixels) {
        try {
            java.lang.reflect.Method set = org.knowm.xchart.internal.chartpart.Chart.class.getDeclaredMethod("setHeight", int.class);
            set.setAccessible(true);
            set.invoke(chart, chart.getHeight() + pixels);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // the chart keeps its size; the legend then takes from the plot
        }
    }

    static final String TICK_ANCHOR = "\u2063";

    private static void roundTicks(XYChart chart) {
        if (chart.getStyler().isXAxisLogarithmic() || chart.getSeriesMap().containsKey(TICK_ANCHOR)) return;
        java.util.TreeSet<Double> xs = new java.util.TreeSet<>();
        double anchorY = Double.NaN;
        for (XYSeries s : chart.getSeriesMap().values()) {
            double[] x = s.getXData(), y = s.getYData();
            for (int i = 0; i < x.length; i++) {
                if (Double.isFinite(x[i])) xs.add(x[i]);
                if (Double.isNaN(anchorY) && Double.isFinite(y[i])) anchorY = y[i];
            }
        }
        if (xs.size() < 3 || Double.isNaN(anchorY)) return;
        double first = xs.first(), range = xs.last() - first, step = range / (xs.size() - 1);
        boolean equal = true, whole = step == 1;
        int i = 0;
        for (double x : xs) {
            equal &= Math.abs(x - (first + i++ * step)) <= 1e-6 * range;
            whole &= x == Math.rint(x);
        }
        if (!equal || (whole && xs.size() <= 12)) return;
        XYSeries anchor = chart.addSeries(TICK_ANCHOR, new double[] {first - 1e-9 * range}, new double[] {anchorY});
        anchor.setMarker(SeriesMarkers.NONE);
        anchor.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.NONE);
        anchor.setShowInLegend(false);
    }

    /** {@code n} colours from white through light to dark blue (n >= 2), evenly spaced. */
    static Color[] blues(int n) {
        Color[] stops = {Color.WHITE, new Color(0x9ECAE1), new Color(0x08519C)};
        Color[] out = new Color[n];
        for (int i = 0; i < n; i++) {
            double at = (stops.length - 1) * i / (double) (n - 1);
            int k = Math.min((int) at, stops.length - 2);
            double f = at - k;
            Color a = stops[k], b = stops[k + 1];
            out[i] = new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                    (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                    (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
        }
        return out;
    }

    /** The labels of a confusion matrix's cells and colour bar: whole percent, with the sign ({@code 87 %}). */
    static final String CONFUSION_PATTERN = "#0' %'";

    /**
     * A confusion matrix as a heat map: one row per true class (top to bottom), one column per predicted class, each
     * cell the share of its true class (%, printed in the cell), the colour bar beside. The diagonal is the recall of
     * each class; what lies off it is what the network takes each class for.
     */
    public static HeatMapChart confusion(String title, List<String> classes, long[][] counts) {
        int n = classes.size();
        if (counts.length != n) {
            throw new IllegalArgumentException("confusion '" + title + "': " + counts.length + " rows for " + n + " classes");
        }
        List<Number[]> cells = new ArrayList<>(n * n);
        for (int r = 0; r < n; r++) {
            if (counts[r].length != n) throw new IllegalArgumentException("confusion '" + title + "': row " + r + " has " + counts[r].length + " counts, expected " + n);
            long total = 0;
            for (long c : counts[r]) total += c;
            for (int c = 0; c < n; c++) cells.add(new Number[] {c, n - 1 - r, total == 0 ? 0.0 : 100.0 * counts[r][c] / total});
        }
        List<String> reversed = new ArrayList<>(classes);
        java.util.Collections.reverse(reversed);
        HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH).height(WIDTH * 5 / 6).title(title)
                .xAxisTitle("predicted class").yAxisTitle("true class (each row: 100 %)").build();
        styleBase(chart.getStyler());
        // A colour bar of ten 10 % steps, labelled in %: XChart 3.8.8 prints a continuous colour bar's ends as raw
        // doubles (0.0, 100.0), while the stepped one formats its labels with the cells' pattern.
        chart.getStyler().setRangeColors(blues(10)).setPiecewise(true).setPiecewiseRanged(true).setSplitNumber(10);
        chart.getStyler().setShowValue(true);
        chart.getStyler().setHeatMapValueDecimalPattern(CONFUSION_PATTERN);
        chart.getStyler().setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        chart.getStyler().setMin(0).setMax(100);
        chart.getStyler().setXAxisLabelRotation(45);
        chart.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        // cells are {x index, y index, value}, indices into the two label lists (y bottom-up, hence reversed)
        chart.addSeries("% of the true class", new ArrayList<>(classes), reversed, cells);
        return chart;
    }

    /** The house style of axis charts. */
    /**
     * The house style for a chart built elsewhere (a domain's own plots): white background, the colour-blind-safe
     * palette, the fonts and grid of every chart built here.
     */
    public static void style(AxesChartStyler styler) {
        styleBase(styler);
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setPlotGridLinesColor(new Color(0xDDDDDD));
        styler.setSeriesColors(PALETTE);
    }

    private static void styleBase(Styler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setChartTitleBoxVisible(false);
        styler.setAntiAlias(true);
    }

    private static double[] oneTo(int n) {
        double[] x = new double[n];
        Arrays.setAll(x, i -> i + 1);
        return x;
    }

    private static List<Double> boxed(double[] values) {
        List<Double> list = new ArrayList<>(values.length);
        for (double v : values) {
            list.add(v);
        }
        return list;
    }
}
