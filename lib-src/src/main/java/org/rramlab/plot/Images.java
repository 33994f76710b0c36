package org.rramlab.plot;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Pictures for notebooks as {@link BufferedImage}s (the kernel shows them as PNG): grids of grayscale images with
 * labels, a colour-mapped heat map of a matrix with a colour bar, a binary mask overlaid in colour on a grey image.
 * Grey values are expected in [0, 1] (Fashion-MNIST after loading) and clamped.
 */
public final class Images {
    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final int GAP = 2;
    private static final int LABEL_HEIGHT = 14;

    private Images() {}

    /** One grey image, each pixel drawn as a {@code scale} x {@code scale} block. */
    public static BufferedImage gray(float[][] pixels, int scale) {
        return grid(java.util.Collections.singletonList(pixels), null, 1, scale);
    }

    /**
     * Images side by side, {@code columns} per row, each pixel as a {@code scale} x {@code scale} block, with the
     * optional label (may be null) under each image.
     */
    public static BufferedImage grid(List<float[][]> images, List<String> labels, int columns, int scale) {
        if (images == null || images.isEmpty()) {
            throw new IllegalArgumentException("images: none; expected at least one image");
        }
        if (columns < 1 || scale < 1) {
            throw new IllegalArgumentException("columns " + columns + ", scale " + scale + "; expected both >= 1");
        }
        if (labels != null && labels.size() != images.size()) {
            throw new IllegalArgumentException("labels: " + labels.size() + " for " + images.size()
                    + " images; expected one label per image");
        }
        int h = images.get(0).length;
        int w = images.get(0)[0].length;
        int cols = Math.min(columns, images.size());
        int rows = (images.size() + cols - 1) / cols;
        int labelHeight = labels == null ? 0 : LABEL_HEIGHT;
        int cellW = w * scale + GAP;
        int cellH = h * scale + GAP + labelHeight;
        BufferedImage out = new BufferedImage(cols * cellW + GAP, rows * cellH + GAP, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        for (int i = 0; i < images.size(); i++) {
            float[][] image = images.get(i);
            if (image.length != h || image[0].length != w) {
                throw new IllegalArgumentException("image " + i + " is " + image.length + "x" + image[0].length
                        + "; expected " + h + "x" + w + " like the first");
            }
            int x0 = GAP + (i % cols) * cellW;
            int y0 = GAP + (i / cols) * cellH;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int v = grey(image[y][x]);
                    g.setColor(new Color(v, v, v));
                    g.fillRect(x0 + x * scale, y0 + y * scale, scale, scale);
                }
            }
            if (labels != null) {
                drawLabel(g, labels.get(i), x0, y0 + h * scale, w * scale, labelHeight);
            }
        }
        g.dispose();
        return out;
    }

    /** Finished pictures (e.g. overlays) side by side in one row, each with its label under it (labels may be null). */
    public static BufferedImage besides(List<BufferedImage> images, List<String> labels) {
        if (images == null || images.isEmpty()) throw new IllegalArgumentException("images: none; expected at least one");
        if (labels != null && labels.size() != images.size()) {
            throw new IllegalArgumentException("labels: " + labels.size() + " for " + images.size() + " images; expected one per image");
        }
        int labelHeight = labels == null ? 0 : LABEL_HEIGHT, width = GAP, height = 0;
        for (BufferedImage i : images) {
            width += i.getWidth() + GAP;
            height = Math.max(height, i.getHeight());
        }
        BufferedImage out = new BufferedImage(width, height + labelHeight + 2 * GAP, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        int x = GAP;
        for (int k = 0; k < images.size(); k++) {
            BufferedImage i = images.get(k);
            g.drawImage(i, x, GAP, null);
            if (labels != null) drawLabel(g, labels.get(k), x, GAP + height, i.getWidth(), labelHeight);
            x += i.getWidth() + GAP;
        }
        g.dispose();
        return out;
    }

    /** Finished pictures in rows of {@code columns}, left to right and top to bottom, each row as tall as its tallest. */
    public static BufferedImage tiled(List<BufferedImage> images, int columns) {
        if (images == null || images.isEmpty()) throw new IllegalArgumentException("images: none; expected at least one");
        if (columns < 1) throw new IllegalArgumentException("columns: " + columns + "; expected >= 1");
        List<BufferedImage> rows = new java.util.ArrayList<>();
        for (int from = 0; from < images.size(); from += columns) {
            rows.add(besides(images.subList(from, Math.min(images.size(), from + columns)), null));
        }
        int width = 0, height = 0;
        for (BufferedImage r : rows) {
            width = Math.max(width, r.getWidth());
            height += r.getHeight();
        }
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int y = 0;
        for (BufferedImage r : rows) {
            g.drawImage(r, 0, y, null);
            y += r.getHeight();
        }
        g.dispose();
        return out;
    }

    /**
     * A tornado chart: one horizontal bar per parameter, from the result at the parameter's low end (blue) to the
     * result at its high end (orange), the other parameters nominal; the widest swing on top, the parameter names on
     * the left, a vertical line at the nominal result, round ticks on the x axis. Drawn directly (not XChart), so that
     * every row keeps its name.
     */
    public static BufferedImage tornado(String title, String xLabel, List<String> names, double[] atLow, double[] atHigh, double nominal) {
        int n = names.size();
        if (n == 0 || atLow.length != n || atHigh.length != n) {
            throw new IllegalArgumentException("tornado '" + title + "': " + n + " names, " + atLow.length + " low and " + atHigh.length + " high values; expected the same number, at least one");
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> Double.compare(Math.abs(atHigh[b] - atLow[b]), Math.abs(atHigh[a] - atLow[a])));
        double min = nominal, max = nominal;
        for (int i = 0; i < n; i++) {
            min = Math.min(min, Math.min(atLow[i], atHigh[i]));
            max = Math.max(max, Math.max(atLow[i], atHigh[i]));
        }
        if (max == min) { max = min + 1; }
        double step = niceStep((max - min) / 5);
        double from = Math.floor(min / step) * step, to = Math.ceil(max / step) * step;
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        int nameW = widest(names, font);
        int left = nameW + 16, plotW = 440, row = 22, top = 34, plotH = n * row, width = left + plotW + 20, height = top + plotH + 70;
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = titled(out, title, font);
        FontMetrics fm = g.getFontMetrics();
        java.util.function.DoubleToIntFunction x = v -> left + (int) Math.round((v - from) / (to - from) * plotW);
        xAxis(g, x, from, to, step, top, plotH, xLabel, left + plotW / 2);
        Color lowColour = new Color(0x0072B2), highColour = new Color(0xE69F00);
        for (int k = 0; k < n; k++) {
            int i = order[k], y = top + k * row;
            g.setColor(Color.BLACK);
            g.drawString(names.get(i), left - 8 - fm.stringWidth(names.get(i)), y + row / 2 + fm.getAscent() / 2 - 1);
            int xn = x.applyAsInt(nominal);
            for (boolean low : new boolean[] {true, false}) {
                int xv = x.applyAsInt(low ? atLow[i] : atHigh[i]);
                g.setColor(low ? lowColour : highColour);
                g.fillRect(Math.min(xn, xv), y + 4, Math.max(1, Math.abs(xv - xn)), row - 8);
            }
        }
        g.setColor(Color.BLACK);
        int xn = x.applyAsInt(nominal);
        g.drawLine(xn, top - 4, xn, top + plotH);
        String nom = "nominal " + Numbers.sig(nominal);
        g.drawString(nom, Math.min(xn + 4, width - fm.stringWidth(nom) - 4), top - 6);
        int ly = top + plotH + 52;   // legend
        g.setColor(lowColour);
        g.fillRect(left, ly - 10, 14, 10);
        g.setColor(Color.BLACK);
        g.drawString("parameter at its low end", left + 20, ly);
        g.setColor(highColour);
        g.fillRect(left + 200, ly - 10, 14, 10);
        g.setColor(Color.BLACK);
        g.drawString("parameter at its high end", left + 220, ly);
        g.dispose();
        return out;
    }

    /** The width of the widest name in {@code font}. */
    private static int widest(List<String> names, Font font) {
        Graphics2D pg = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        pg.setFont(font);
        int w = 0;
        for (String name : names) w = Math.max(w, pg.getFontMetrics().stringWidth(name));
        pg.dispose();
        return w;
    }

    /** A white canvas with the title in bold; returns its graphics, set to {@code font}. */
    private static Graphics2D titled(BufferedImage out, String title, Font font) {
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, 8, 20);
        g.setFont(font);
        return g;
    }

    /** Vertical grid lines at round ticks from {@code from} to {@code to}, their labels and the axis label below. */
    private static void xAxis(Graphics2D g, java.util.function.DoubleToIntFunction x, double from, double to, double step, int top, int plotH,
                              String xLabel, int centre) {
        FontMetrics fm = g.getFontMetrics();
        for (double t = from; t <= to + step / 2; t += step) {
            int xt = x.applyAsInt(t);
            g.setColor(new Color(0xDDDDDD));
            g.drawLine(xt, top, xt, top + plotH);
            g.setColor(Color.BLACK);
            String label = Numbers.sig(Math.abs(t) < step * 1e-9 ? 0 : t);
            g.drawString(label, xt - fm.stringWidth(label) / 2, top + plotH + 16);
        }
        g.drawString(xLabel, centre - fm.stringWidth(xLabel) / 2, top + plotH + 34);
    }

    /**
     * Two figures per row as horizontal bars from 0 (e.g. the paper's and ours per claim), the row's name on the left,
     * round ticks below, a legend under the chart; a row whose name ends in " *" is drawn with paler bars.
     */
    public static BufferedImage pairedBars(String title, String xLabel, List<String> names, double[] first, double[] second,
                                           String firstLabel, String secondLabel) {
        int n = names.size();
        if (n == 0 || first.length != n || second.length != n) {
            throw new IllegalArgumentException("pairedBars '" + title + "': " + n + " names, " + first.length + " and " + second.length + " values; expected the same number, at least one");
        }
        double min = 0, max = 0;
        for (int i = 0; i < n; i++) {
            min = Math.min(min, Math.min(first[i], second[i]));
            max = Math.max(max, Math.max(first[i], second[i]));
        }
        if (max == min) max = min + 1;
        double step = niceStep((max - min) / 6);
        double from = Math.floor(min / step) * step, to = Math.ceil(max / step) * step;
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        int nameW = widest(names, font);
        int left = nameW + 16, plotW = 420, row = 30, top = 34, plotH = n * row, width = left + plotW + 24, height = top + plotH + 72;
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = titled(out, title, font);
        FontMetrics fm = g.getFontMetrics();
        java.util.function.DoubleToIntFunction x = v -> left + (int) Math.round((v - from) / (to - from) * plotW);
        xAxis(g, x, from, to, step, top, plotH, xLabel, left + plotW / 2);
        Color a = new Color(0x0072B2), b = new Color(0xE69F00);
        int x0 = x.applyAsInt(0);
        for (int i = 0; i < n; i++) {
            int y = top + i * row;
            boolean pale = names.get(i).endsWith(" *");
            g.setColor(Color.BLACK);
            g.drawString(names.get(i), left - 8 - fm.stringWidth(names.get(i)), y + row / 2 + fm.getAscent() / 2 - 1);
            int xa = x.applyAsInt(first[i]), xb = x.applyAsInt(second[i]);
            g.setColor(pale ? new Color(0x7FB8D8) : a);
            g.fillRect(Math.min(x0, xa), y + 4, Math.max(1, Math.abs(xa - x0)), (row - 8) / 2);
            g.setColor(pale ? new Color(0xF2CF80) : b);
            g.fillRect(Math.min(x0, xb), y + 4 + (row - 8) / 2, Math.max(1, Math.abs(xb - x0)), (row - 8) / 2);
        }
        g.setColor(Color.BLACK);
        g.drawLine(x0, top, x0, top + plotH);
        int ly = top + plotH + 54;
        g.setColor(a);
        g.fillRect(left, ly - 10, 14, 10);
        g.setColor(Color.BLACK);
        g.drawString(firstLabel, left + 20, ly);
        g.setColor(b);
        g.fillRect(left + 160, ly - 10, 14, 10);
        g.setColor(Color.BLACK);
        g.drawString(secondLabel, left + 180, ly);
        g.dispose();
        return out;
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) if (m * p >= raw) return m * p;
        return 10 * p;
    }

    /** The same from an array of images, {@code images[i][y][x]}. */
    public static BufferedImage grid(float[][][] images, List<String> labels, int columns, int scale) {
        return grid(java.util.Arrays.asList(images), labels, columns, scale);
    }

    /** A grid from an INDArray of shape [n, 1, h, w] (channels first, as the networks use) or [n, h, w]. */
    public static BufferedImage grid(INDArray images, List<String> labels, int columns, int scale) {
        long[] shape = images.shape();
        boolean withChannel = shape.length == 4 && shape[1] == 1;
        if (!(withChannel || shape.length == 3)) {
            throw new IllegalArgumentException("images: shape " + java.util.Arrays.toString(shape)
                    + "; expected [n, 1, h, w] or [n, h, w] grey images");
        }
        int n = (int) shape[0];
        int h = (int) shape[shape.length - 2];
        int w = (int) shape[shape.length - 1];
        float[] flat = images.dup('c').data().asFloat();
        List<float[][]> list = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float[][] image = new float[h][w];
            for (int y = 0; y < h; y++) {
                System.arraycopy(flat, (i * h + y) * w, image[y], 0, w);
            }
            list.add(image);
        }
        return grid(list, labels, columns, scale);
    }

    /**
     * A matrix as a viridis heat map (row 0 on top), each entry a {@code scale} x {@code scale} block, with a
     * colour bar on the right labelled with the minimum and maximum. NaN entries are grey.
     */
    public static BufferedImage heatMap(double[][] matrix, int scale) {
        if (matrix == null || matrix.length == 0 || matrix[0].length == 0) {
            throw new IllegalArgumentException("matrix: empty; expected rows x columns values");
        }
        if (scale < 1) {
            throw new IllegalArgumentException("scale: " + scale + "; expected >= 1");
        }
        int rows = matrix.length;
        int cols = matrix[0].length;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] row : matrix) {
            if (row.length != cols) {
                throw new IllegalArgumentException("matrix: ragged rows (" + row.length + " vs " + cols + ")");
            }
            for (double v : row) {
                if (!Double.isNaN(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        double range = max > min ? max - min : 1;
        int mapW = cols * scale;
        int mapH = rows * scale;
        int barX = mapW + 10;
        int barW = 14;
        int textW = 70;
        int height = Math.max(mapH, 60);
        BufferedImage out = new BufferedImage(barX + barW + textW, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double v = matrix[r][c];
                g.setColor(new Color(Colormap.viridis(Double.isNaN(v) ? Double.NaN : (v - min) / range)));
                g.fillRect(c * scale, r * scale, scale, scale);
            }
        }
        // The colour bar: top is the maximum.
        for (int y = 0; y < height; y++) {
            g.setColor(new Color(Colormap.viridis(1 - y / (double) (height - 1))));
            g.fillRect(barX, y, barW, 1);
        }
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(LABEL_FONT);
        g.setColor(Color.BLACK);
        FontMetrics fm = g.getFontMetrics();
        g.drawString(number(max), barX + barW + 4, fm.getAscent());
        g.drawString(number(min), barX + barW + 4, height - fm.getDescent());
        g.dispose();
        return out;
    }

    /**
     * A grey image with the pixels where {@code mask} is true tinted by {@code color} ({@code alpha} in [0, 1]
     * is how strongly), e.g. predicted vessels over a retina image.
     */
    public static BufferedImage maskOverlay(float[][] grey, boolean[][] mask, Color color, double alpha, int scale) {
        if (grey.length != mask.length || grey[0].length != mask[0].length) {
            throw new IllegalArgumentException("mask is " + mask.length + "x" + mask[0].length + "; expected "
                    + grey.length + "x" + grey[0].length + " like the image");
        }
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha: " + alpha + "; expected in [0, 1]");
        }
        if (scale < 1) {
            throw new IllegalArgumentException("scale: " + scale + "; expected >= 1");
        }
        int h = grey.length;
        int w = grey[0].length;
        BufferedImage out = new BufferedImage(w * scale, h * scale, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = grey(grey[y][x]);
                int r = v;
                int gr = v;
                int b = v;
                if (mask[y][x]) {
                    r = (int) Math.round((1 - alpha) * v + alpha * color.getRed());
                    gr = (int) Math.round((1 - alpha) * v + alpha * color.getGreen());
                    b = (int) Math.round((1 - alpha) * v + alpha * color.getBlue());
                }
                int rgb = (r << 16) | (gr << 8) | b;
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        out.setRGB(x * scale + dx, y * scale + dy, rgb);
                    }
                }
            }
        }
        return out;
    }

    /** PNG bytes of an image in base64, as Jupyter's {@code image/png} wants them. */
    public static String toPngBase64(RenderedImage image) {
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            javax.imageio.ImageIO.write(image, "png", png);
            return Base64.getEncoder().encodeToString(png.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode image as PNG", e);
        }
    }

    /** A value in [0, 1] as a grey level 0..255 (clamped; NaN is black). */
    static int grey(float v) {
        if (Float.isNaN(v)) {
            return 0;
        }
        return Math.round(255 * Math.max(0f, Math.min(1f, v)));
    }

    /** Centred under the image; a smaller font (down to 8 pt) before the text is cut. */
    private static void drawLabel(Graphics2D g, String label, int x, int y, int width, int height) {
        if (label == null || label.isEmpty()) {
            return;
        }
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        int size = LABEL_FONT.getSize();
        g.setFont(LABEL_FONT);
        while (size > 8 && g.getFontMetrics().stringWidth(label) > width) {
            g.setFont(LABEL_FONT.deriveFont((float) --size));
        }
        FontMetrics fm = g.getFontMetrics();
        String text = label;
        while (text.length() > 1 && fm.stringWidth(text) > width) {
            text = text.substring(0, text.length() - 1);
        }
        g.drawString(text, x + Math.max(0, (width - fm.stringWidth(text)) / 2), y + fm.getAscent() + 1);
    }

    private static String number(double v) {
        return Math.abs(v) >= 1e4 || (v != 0 && Math.abs(v) < 1e-2)
                ? String.format(Locale.ROOT, "%.2e", v) : String.format(Locale.ROOT, "%.3g", v);
    }
}
