package org.rramlab.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A heat map with real axes: tick labels in the units of each axis (time in s, frequency in Hz ...), axis titles, and
 * a viridis colour bar with round ticks and its unit, e.g. a spectrogram. Row 0 of the values is drawn at the
 * <em>bottom</em>, as on any plot whose y grows upwards (low frequencies low). Drawn directly, not with XChart: its
 * heat map labels every row and column (unreadable past a few dozen) and has no unit on its colour bar.
 * <pre>{@code
 * HeatMaps.draw("\"7\"", logMel, new HeatMaps.Axis("time (s)", seconds), new HeatMaps.Axis("frequency (Hz)", hz),
 *         "log-mel energy (dB)", 12, 8)
 * }</pre>
 */
public final class HeatMaps {
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    private static final Font TICKS = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font AXIS = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final int TICK = 4, BAR_GAP = 10, BAR_WIDTH = 12, PAD = 6;

    private HeatMaps() {}

    /**
     * One axis: its title (with the unit) and the value at the centre of each cell along it, strictly increasing
     * (equally spaced or not: mel bands in Hz are not).
     */
    public record Axis(String title, double[] centres) {
        public Axis {
            if (centres == null || centres.length == 0) {
                throw new IllegalArgumentException("axis '" + title + "': no cell centres; expected one per cell");
            }
            for (int i = 1; i < centres.length; i++) {
                if (!(centres[i] > centres[i - 1])) {
                    throw new IllegalArgumentException("axis '" + title + "': centres must increase; " + centres[i - 1]
                            + " then " + centres[i] + " at cell " + i);
                }
            }
        }

        /** Cells {@code 0, 1, ... n-1} times {@code step} (e.g. frames at their time in seconds). */
        public static Axis linear(String title, int cells, double first, double step) {
            double[] c = new double[cells];
            for (int i = 0; i < cells; i++) c[i] = first + i * step;
            return new Axis(title, c);
        }

        boolean equallySpaced() {
            if (centres.length < 3) return true;
            double step = (centres[centres.length - 1] - centres[0]) / (centres.length - 1);
            for (int i = 1; i < centres.length; i++) {
                if (Math.abs(centres[i] - centres[i - 1] - step) > 1e-6 * Math.abs(step)) return false;
            }
            return true;
        }

        /** The position, in cells from the start of the first cell, of value {@code v} (linear between centres). */
        double cellsAt(double v) {
            int n = centres.length;
            if (n == 1) return 0.5;
            int k = 0;
            while (k < n - 2 && v > centres[k + 1]) k++;
            return k + 0.5 + (v - centres[k]) / (centres[k + 1] - centres[k]);
        }
    }

    /** {@link #draw(String, double[][], Axis, Axis, String, int, int, double, double, boolean)} scaled to the values' own range, with its colour bar. */
    public static BufferedImage draw(String title, double[][] z, Axis x, Axis y, String unit, int cellWidth, int cellHeight) {
        return draw(title, z, x, y, unit, cellWidth, cellHeight, Double.NaN, Double.NaN, true);
    }

    /**
     * {@code z[row][column]}, row 0 at the bottom, each cell {@code cellWidth × cellHeight} pixels, coloured between
     * {@code min} and {@code max} (NaN: the values' own minimum or maximum; values outside are clamped), with the
     * colour bar on the right when {@code colourBar} (leave it off on all but one of several maps that share a
     * range). NaN values are grey.
     */
    public static BufferedImage draw(String title, double[][] z, Axis x, Axis y, String unit, int cellWidth, int cellHeight,
                                     double min, double max, boolean colourBar) {
        if (z == null || z.length == 0 || z[0].length == 0) {
            throw new IllegalArgumentException("heat map '" + title + "': no values; expected rows x columns");
        }
        int rows = z.length, cols = z[0].length;
        if (y.centres().length != rows || x.centres().length != cols) {
            throw new IllegalArgumentException("heat map '" + title + "': " + rows + " x " + cols + " values for axes of "
                    + y.centres().length + " (y) and " + x.centres().length + " (x) cells; expected the same");
        }
        if (cellWidth < 1 || cellHeight < 1) {
            throw new IllegalArgumentException("heat map '" + title + "': cells " + cellWidth + " x " + cellHeight + " px; expected >= 1");
        }
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double[] row : z) {
            if (row.length != cols) throw new IllegalArgumentException("heat map '" + title + "': ragged rows (" + row.length + " vs " + cols + ")");
            for (double v : row) {
                if (!Double.isNaN(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
            }
        }
        if (!Double.isNaN(min)) lo = min;
        if (!Double.isNaN(max)) hi = max;
        if (!(hi > lo)) hi = lo + 1;
        final double from = lo, to = hi;

        Graphics2D probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        probe.setFont(TICKS);
        FontMetrics tm = probe.getFontMetrics();
        probe.setFont(AXIS);
        FontMetrics am = probe.getFontMetrics();
        probe.dispose();
        int plotW = cols * cellWidth, plotH = rows * cellHeight;
        List<Double> yTicks = ticks(y, plotH, tm.getHeight() + 6, cellHeight);
        List<Double> xTicks = ticks(x, plotW, 0, cellWidth);
        int yLabelW = 0;
        for (double t : yTicks) yLabelW = Math.max(yLabelW, tm.stringWidth(Numbers.sig(t)));
        int left = PAD + am.getHeight() + 4 + yLabelW + TICK + 2, top = 24;
        List<Double> barTicks = barTicks(from, to);
        int barLabelW = 0;
        for (double t : barTicks) barLabelW = Math.max(barLabelW, tm.stringWidth(Numbers.sig(t)));
        int right = colourBar ? BAR_GAP + BAR_WIDTH + TICK + 2 + barLabelW + 4 + am.getHeight() + PAD : PAD;
        int titleW = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics().getFontMetrics(TITLE).stringWidth(title == null ? "" : title);
        String xt = Numbers.units(x.title()), yt = Numbers.units(y.title());
        int width = Math.max(left + Math.max(plotW, am.stringWidth(xt)) + right, titleW + 2 * PAD);
        int height = top + plotH + TICK + tm.getHeight() + am.getHeight() + PAD + 2;
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double v = z[r][c];
                g.setColor(new Color(Colormap.viridis(Double.isNaN(v) ? Double.NaN : clamp((v - from) / (to - from)))));
                g.fillRect(left + c * cellWidth, top + (rows - 1 - r) * cellHeight, cellWidth, cellHeight);
            }
        }
        g.setColor(Color.BLACK);
        g.drawRect(left - 1, top - 1, plotW + 1, plotH + 1);
        if (title != null) {
            g.setFont(TITLE);
            g.drawString(title, Math.max(PAD, left + (plotW - g.getFontMetrics().stringWidth(title)) / 2), 17);
        }
        g.setFont(TICKS);
        for (double t : xTicks) {
            int px = left + (int) Math.round(x.cellsAt(t) * cellWidth);
            g.drawLine(px, top + plotH, px, top + plotH + TICK);
            String s = Numbers.sig(t);
            g.drawString(s, px - tm.stringWidth(s) / 2, top + plotH + TICK + tm.getAscent());
        }
        for (double t : yTicks) {
            int py = top + plotH - (int) Math.round(y.cellsAt(t) * cellHeight);
            g.drawLine(left - 1 - TICK, py, left - 1, py);
            String s = Numbers.sig(t);
            g.drawString(s, left - TICK - 3 - tm.stringWidth(s), py + tm.getAscent() / 2 - 1);
        }
        g.setFont(AXIS);
        g.drawString(xt, Math.max(PAD, left + (plotW - am.stringWidth(xt)) / 2), top + plotH + TICK + tm.getHeight() + am.getAscent());
        vertical(g, yt, PAD + am.getAscent(), top + plotH / 2);
        if (colourBar) {
            int bx = left + plotW + BAR_GAP;
            for (int py = 0; py < plotH; py++) {
                g.setColor(new Color(Colormap.viridis(1 - py / (double) Math.max(1, plotH - 1))));
                g.fillRect(bx, top + py, BAR_WIDTH, 1);
            }
            g.setColor(Color.BLACK);
            g.drawRect(bx - 1, top - 1, BAR_WIDTH + 1, plotH + 1);
            g.setFont(TICKS);
            for (double t : barTicks) {
                int py = top + plotH - 1 - (int) Math.round((t - from) / (to - from) * (plotH - 1));
                g.drawLine(bx + BAR_WIDTH, py, bx + BAR_WIDTH + TICK, py);
                g.drawString(Numbers.sig(t), bx + BAR_WIDTH + TICK + 2, py + tm.getAscent() / 2 - 1);
            }
            g.setFont(AXIS);
            String u = Numbers.units(unit == null ? "" : unit);
            vertical(g, u, bx + BAR_WIDTH + TICK + 2 + barLabelW + 4 + am.getAscent(), top + plotH / 2);
        }
        g.dispose();
        return out;
    }

    /**
     * Round tick values along an axis of {@code pixels}: on an equally spaced axis multiples of a 1-2-5 step about
     * every 60 px; on an uneven one (mel bands) values of 1, 2, 3 or 5 times a power of ten about every {@code minGap} px, so
     * that the ticks spread over the picture where the values do not. Only values inside the drawn extent (the cells
     * and half a cell beyond the first and last centre).
     */
    static List<Double> ticks(Axis axis, int pixels, int minGap, int cellPixels) {
        double[] c = axis.centres();
        int n = c.length;
        double first = n == 1 ? c[0] - 0.5 : c[0] - (c[1] - c[0]) / 2, last = n == 1 ? c[0] + 0.5 : c[n - 1] + (c[n - 1] - c[n - 2]) / 2;
        List<Double> out = new ArrayList<>();
        if (axis.equallySpaced()) {
            // a 1-2-5 step about every 45 px, smaller (down to three ticks) on a short axis
            double step = Images.niceStep((last - first) / Math.max(2, pixels / 45));
            for (int tries = 0; tries < 3; tries++) {
                out.clear();
                for (double t = Math.ceil(first / step) * step; t <= last + 1e-9 * step; t += step) {
                    out.add(Math.abs(t) < 1e-9 * step ? 0 : t);
                }
                if (out.size() >= 3 || pixels / (out.size() + 1) < 30) break;
                step = Images.niceStep(step / 2.5);
            }
            return out;
        }
        int gap = Math.max(minGap, 24);
        double lastPixel = Double.NEGATIVE_INFINITY;
        for (int p = gap / 2; p < pixels; p += gap / 2) {
            // the value at pixel p, rounded to one significant figure, kept when it lands far enough from the last
            double cells = p / (double) cellPixels;
            int k = Math.max(0, Math.min(n - 2, (int) Math.floor(cells - 0.5)));
            double v = c[k] + (cells - 0.5 - k) * (c[k + 1] - c[k]);
            double round = roundish(v);
            if (round < first || round > last || out.contains(round)) continue;
            double at = axis.cellsAt(round) * cellPixels;
            if (at - lastPixel >= gap) {
                out.add(round);
                lastPixel = at;
            }
        }
        return out;
    }

    /** About five round values between the colour bar's ends. */
    static List<Double> barTicks(double from, double to) {
        double step = Images.niceStep((to - from) / 5);
        List<Double> out = new ArrayList<>();
        for (double t = Math.ceil(from / step) * step; t <= to + 1e-9 * step; t += step) {
            out.add(Math.abs(t) < 1e-9 * step ? 0 : t);
        }
        return out;
    }

    /** The nearest of 1, 2, 3, 5 or 10 times a power of ten (the sign kept): 900 → 1,000, 620 → 500. */
    static double roundish(double v) {
        if (v == 0) return 0;
        double a = Math.abs(v), p = Math.pow(10, Math.floor(Math.log10(a))), best = p;
        for (double m : new double[] {1, 2, 3, 5, 10}) if (Math.abs(m * p - a) < Math.abs(best - a)) best = m * p;
        return Math.signum(v) * best;
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    /** Text turned a quarter anticlockwise, centred on {@code centreY}, its baseline at {@code x}. */
    private static void vertical(Graphics2D g, String text, int x, int centreY) {
        if (text == null || text.isEmpty()) return;
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2, x, centreY);
        g.drawString(text, x - g.getFontMetrics().stringWidth(text) / 2, centreY);
        g.setTransform(saved);
    }
}
