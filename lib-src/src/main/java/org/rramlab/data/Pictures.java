package org.rramlab.data;

import java.awt.image.BufferedImage;

/**
 * Data as pictures for notebooks (a {@link BufferedImage} as a cell's value shows as PNG): spectrograms and feature
 * maps as heat maps, grey images, binary masks, colour fundus images, side by side. Every picture can be enlarged by
 * an integer {@code scale} (nearest neighbour) so small maps such as 23 × 20 features stay readable.
 */
public final class Pictures {

    // Viridis anchors (dark blue -> green -> yellow): perceptually even and readable in grey print.
    private static final int[] VIRIDIS = {0x440154, 0x482878, 0x3e4989, 0x31688e, 0x26828e, 0x1f9e89, 0x35b779,
            0x6ece58, 0xb5de2b, 0xfde725};

    private Pictures() {
    }

    /**
     * A heat map of {@code values[row][column]} scaled from its own min to max, row 0 drawn at the <em>bottom</em>
     * (low frequencies low, as spectrograms are read).
     */
    public static BufferedImage heatmap(double[][] values, int scale) {
        checkScale(scale);
        int rows = values.length, cols = values[0].length;
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double[] row : values) {
            for (double v : row) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        double range = max > min ? max - min : 1;
        BufferedImage image = new BufferedImage(cols * scale, rows * scale, BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int rgb = viridis((values[r][c] - min) / range);
                fill(image, c * scale, (rows - 1 - r) * scale, scale, rgb);
            }
        }
        return image;
    }

    /** {@link #heatmap(double[][], int)} for float maps such as the 23 × 20 spoken-digit features. */
    public static BufferedImage heatmap(float[][] values, int scale) {
        double[][] d = new double[values.length][];
        for (int r = 0; r < values.length; r++) {
            d[r] = new double[values[r].length];
            for (int c = 0; c < values[r].length; c++) {
                d[r][c] = values[r][c];
            }
        }
        return heatmap(d, scale);
    }

    /** A grey image of row-major values in [0, 1] (clamped). */
    public static BufferedImage grey(float[] values, int width, int height, int scale) {
        checkSize(values.length, width, height);
        checkScale(scale);
        BufferedImage image = new BufferedImage(width * scale, height * scale, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < values.length; i++) {
            int g = (int) Math.round(Math.max(0, Math.min(1, values[i])) * 255);
            fill(image, (i % width) * scale, (i / width) * scale, scale, (g << 16) | (g << 8) | g);
        }
        return image;
    }

    /** White where true, black elsewhere. */
    public static BufferedImage binary(boolean[] on, int width, int height, int scale) {
        float[] v = new float[on.length];
        for (int i = 0; i < on.length; i++) {
            v[i] = on[i] ? 1 : 0;
        }
        return grey(v, width, height, scale);
    }

    /** A colour image from {@code rgb[3][width * height]} in [0, 1]. */
    public static BufferedImage rgb(float[][] rgb, int width, int height, int scale) {
        checkSize(rgb[0].length, width, height);
        checkScale(scale);
        BufferedImage image = new BufferedImage(width * scale, height * scale, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < rgb[0].length; i++) {
            int r = channel(rgb[0][i]), g = channel(rgb[1][i]), b = channel(rgb[2][i]);
            fill(image, (i % width) * scale, (i / width) * scale, scale, (r << 16) | (g << 8) | b);
        }
        return image;
    }

    /** Pictures left to right, top-aligned, with a {@code gap}-pixel white margin between them. */
    public static BufferedImage sideBySide(int gap, BufferedImage... pictures) {
        int width = 0, height = 0;
        for (BufferedImage p : pictures) {
            width += p.getWidth();
            height = Math.max(height, p.getHeight());
        }
        width += gap * Math.max(0, pictures.length - 1);
        BufferedImage out = new BufferedImage(Math.max(1, width), Math.max(1, height), BufferedImage.TYPE_INT_RGB);
        var g = out.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        int x = 0;
        for (BufferedImage p : pictures) {
            g.drawImage(p, x, 0, null);
            x += p.getWidth() + gap;
        }
        g.dispose();
        return out;
    }

    /** Viridis colour of t in [0, 1], linearly interpolated between anchors. */
    static int viridis(double t) {
        double x = Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
        int i = Math.min((int) x, VIRIDIS.length - 2);
        double f = x - i;
        int a = VIRIDIS[i], b = VIRIDIS[i + 1];
        int r = (int) Math.round(((a >> 16) & 0xff) * (1 - f) + ((b >> 16) & 0xff) * f);
        int g = (int) Math.round(((a >> 8) & 0xff) * (1 - f) + ((b >> 8) & 0xff) * f);
        int bl = (int) Math.round((a & 0xff) * (1 - f) + (b & 0xff) * f);
        return (r << 16) | (g << 8) | bl;
    }

    private static int channel(float v) {
        return (int) Math.round(Math.max(0, Math.min(1, v)) * 255);
    }

    private static void fill(BufferedImage image, int x0, int y0, int scale, int rgb) {
        for (int y = y0; y < y0 + scale; y++) {
            for (int x = x0; x < x0 + scale; x++) {
                image.setRGB(x, y, rgb);
            }
        }
    }

    private static void checkScale(int scale) {
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be >= 1, got " + scale);
        }
    }

    private static void checkSize(int length, int width, int height) {
        if (width <= 0 || height <= 0 || length != width * height) {
            throw new IllegalArgumentException(length + " values do not fill width x height = " + width + " x " + height);
        }
    }
}
