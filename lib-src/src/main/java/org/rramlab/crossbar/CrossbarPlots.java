package org.rramlab.crossbar;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Locale;

/** Images of arrays: a heat map of a matrix with a diverging colour scale (blue negative, white 0, red positive). */
public final class CrossbarPlots {
    private CrossbarPlots() {
    }

    /**
     * A heat map of {@code matrix} [rows, cols], each entry a {@code pixels} x {@code pixels} square, symmetric colour
     * range +-max|matrix|, with a title and the range printed underneath.
     */
    public static BufferedImage heatMap(INDArray matrix, String title, int pixels) {
        if (matrix == null || matrix.rank() != 2) {
            throw new IllegalArgumentException("matrix: expected a 2-D array");
        }
        if (pixels <= 0) {
            throw new IllegalArgumentException("pixels = " + pixels + ": expected > 0");
        }
        int rows = (int) matrix.rows(), cols = (int) matrix.columns();
        float[][] v = matrix.toFloatMatrix();
        double max = Math.max(1e-30, matrix.amaxNumber().doubleValue());
        int top = 24, bottom = 22, width = Math.max(cols * pixels, 240);
        BufferedImage img = new BufferedImage(width, rows * pixels + top + bottom, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                g.setColor(diverging(v[r][c] / max));
                g.fillRect(c * pixels, top + r * pixels, pixels, pixels);
            }
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString(title, 4, 16);
        g.drawString(String.format(Locale.ROOT, "blue -%.3g  white 0  red +%.3g", max, max), 4, top + rows * pixels + 16);
        g.dispose();
        return img;
    }

    /**
     * Histogram of the pairs' differences G+ - G- (uS), kept and pruned pairs as two series.
     *
     * @param differenceUs [rows, cols] differences, e.g. {@link Crossbar#effectiveDifference()}
     * @param keep         [rows, cols] mask, 1 kept, 0 pruned
     */
    public static org.knowm.xchart.XYChart weightHistogram(INDArray differenceUs, INDArray keep, int bins) {
        if (!java.util.Arrays.equals(differenceUs.shape(), keep.shape())) {
            throw new IllegalArgumentException("keep: shape " + java.util.Arrays.toString(keep.shape())
                    + ", expected " + java.util.Arrays.toString(differenceUs.shape()) + " like differenceUs");
        }
        double[] d = differenceUs.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).dup('c').data().asDouble();
        double[] k = keep.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).dup('c').data().asDouble();
        java.util.Map<String, double[]> parts = new java.util.LinkedHashMap<>();
        parts.put("kept: formed - low", java.util.stream.IntStream.range(0, d.length).filter(i -> k[i] != 0)
                .mapToDouble(i -> d[i]).toArray());
        parts.put("pruned: low - low", java.util.stream.IntStream.range(0, d.length).filter(i -> k[i] == 0)
                .mapToDouble(i -> d[i]).toArray());
        parts.values().removeIf(v -> v.length == 0);
        return org.rramlab.device.DevicePlots.histogram("Differential pairs G+ - G-", "G+ - G- (uS)", bins, parts);
    }

    /** t in [-1, 1] -> blue .. white .. red. */
    static Color diverging(double t) {
        double a = Math.min(1, Math.abs(t));
        int fade = (int) Math.round(255 * (1 - a));
        return t >= 0 ? new Color(255, fade, fade) : new Color(fade, fade, 255);
    }
}
