package org.rramlab.crossbar;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * Images of arrays: a heat map of a matrix with a diverging colour scale (blue negative, white 0, red positive), the
 * histogram of the pairs' differences, and the floorplan of a macro (which layer sits where).
 */
public final class CrossbarPlots {
    private CrossbarPlots() {
    }

    /**
     * A heat map of {@code matrix} [rows, cols], each entry a {@code pixels} x {@code pixels} square, symmetric colour
     * range +-max|matrix| (blue negative, white 0, red positive): the title above, row and column indices on the axes
     * (inputs down the rows, outputs along the columns), and a colour bar labelled -max, 0 and +max on the right.
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
        String shownTitle = org.rramlab.plot.Numbers.units(title);
        int left = 40, top = 28, bottom = 34, barW = 14, barGap = 14, labelW = 70;
        int mapW = cols * pixels, mapH = rows * pixels;
        int width = Math.max(left + mapW + barGap + barW + labelW, 8 * shownTitle.length() + 8);
        BufferedImage img = new BufferedImage(width, top + mapH + bottom, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                g.setColor(diverging(v[r][c] / max));
                g.fillRect(left + c * pixels, top + r * pixels, pixels, pixels);
            }
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(shownTitle, 4, 17);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        int step = tickStep(Math.max(rows, cols), Math.max(mapW, mapH));
        for (int r = 0; r < rows; r += step) g.drawString(Integer.toString(r), 4, top + r * pixels + Math.min(pixels, 10));
        for (int c = 0; c < cols; c += step) g.drawString(Integer.toString(c), left + c * pixels, top + mapH + 13);
        g.drawString("column (output) →", left, top + mapH + 28);
        // the colour bar: +max at the top, -max at the bottom
        int barX = left + mapW + barGap;
        for (int y = 0; y < mapH; y++) {
            g.setColor(diverging(1 - 2.0 * y / Math.max(1, mapH - 1)));
            g.fillRect(barX, top + y, barW, 1);
        }
        g.setColor(Color.BLACK);
        g.drawRect(barX, top, barW, mapH - 1);
        g.drawString(String.format(Locale.ROOT, "+%.3g", max), barX + barW + 4, top + 10);
        g.drawString("0", barX + barW + 4, top + mapH / 2 + 4);
        g.drawString(String.format(Locale.ROOT, "-%.3g", max), barX + barW + 4, top + mapH);
        g.dispose();
        return img;
    }

    /** Label every n-th row/column: about one label per 40 pixels. */
    private static int tickStep(int n, int pixels) {
        int want = Math.max(1, n * 40 / Math.max(1, pixels));
        for (int s : new int[] {1, 2, 4, 5, 8, 10, 16, 20, 25, 32, 50, 64, 100, 128, 256, 512}) if (s >= want) return s;
        return want;
    }

    /**
     * Histogram of the pairs' differences G+ - G- (uS), kept and pruned pairs as two series.
     *
     * @param differenceUs [rows, cols] differences, e.g. {@link Crossbar#difference()}
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

    /** A qualitative palette for layers (colour-blind friendly, Okabe-Ito, then repeated darker). */
    private static final Color[] LAYER_COLOURS = {new Color(0xE69F00), new Color(0x56B4E9), new Color(0x009E73),
            new Color(0xF0E442), new Color(0x0072B2), new Color(0xD55E00), new Color(0xCC79A7), new Color(0x999999)};

    /**
     * The floorplan of a macro: every array as a square (512 x 512 cells: each pair is two cells wide), its blocks
     * filled in the colour of their layer, unused cells white; a legend names the layers with their pairs and blocks.
     */
    public static BufferedImage floorplan(Macro macro) {
        Map<String, List<Block>> layers = new LinkedHashMap<>();
        for (AnalogTile t : macro.tiles()) layers.put(t.name(), t.blocks());
        return floorplan(layers, macro.arrayRows(), macro.arrayCols(), macro.arrays().size());
    }

    /**
     * The floorplan of a placement given as layer -> blocks on {@code arrays} arrays of {@code rows} x {@code cols} pairs
     * (a {@link Macro}'s tiles or a {@link MacroPlan}). Past 36 arrays the squares shrink and sit 12 to a row.
     */
    public static BufferedImage floorplan(Map<String, List<Block>> layers, int rows, int cols, int arrays) {
        List<String> names = List.copyOf(layers.keySet());
        long[] used = new long[Math.max(1, arrays)];
        long total = 0;
        for (List<Block> bs : layers.values()) for (Block b : bs) { used[b.array()] += b.pairs(); total += b.pairs(); }
        double utilisation = arrays == 0 ? 0 : total / ((double) rows * cols * arrays);
        boolean many = arrays > 36;
        int n = Math.max(1, arrays), perRow = Math.min(n, many ? 12 : 6);
        int side = many ? 64 : n > 12 ? 110 : 160, gap = many ? 8 : 14, top = 28, labelH = many ? 12 : 16;
        double sy = side / (double) rows, sx = side / (2.0 * cols);
        int gridRows = (n + perRow - 1) / perRow;
        // the legend: as many columns as its widest label allows (three at most), never one label over the next
        List<String> labels = new java.util.ArrayList<>();
        for (String name : names) {
            List<Block> bs = layers.get(name);
            labels.add(String.format(Locale.ROOT, "%s: %,d pairs, %d block(s)", name, bs.stream().mapToLong(Block::pairs).sum(), bs.size()));
        }
        Font legendFont = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        Graphics2D probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        int labelW = labels.stream().mapToInt(l -> probe.getFontMetrics(legendFont).stringWidth(l)).max().orElse(0) + 17 + 16;
        probe.dispose();
        int width = Math.max(Math.max(perRow * (side + gap) + gap, 620), labelW + 2 * gap);
        int legendColumns = Math.max(1, Math.min(3, (width - 2 * gap) / labelW));
        int legendRows = (names.size() + legendColumns - 1) / legendColumns;
        int height = top + gridRows * (side + labelH + gap) + 18 * legendRows + 16;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.setColor(Color.BLACK);
        g.drawString(String.format(Locale.ROOT, "%d array(s) of %d × %d cells, %.1f %% of the pairs in use", arrays,
                rows, 2 * cols, 100 * utilisation), gap, 18);
        for (int a = 0; a < arrays; a++) {
            int x0 = gap + (a % perRow) * (side + gap), y0 = top + (a / perRow) * (side + labelH + gap);
            for (int t = 0; t < names.size(); t++) {
                g.setColor(LAYER_COLOURS[t % LAYER_COLOURS.length]);
                for (Block b : layers.get(names.get(t))) {
                    if (b.array() != a) continue;
                    int bx = x0 + (int) Math.floor(2 * b.colOffset() * sx), by = y0 + (int) Math.floor(b.rowOffset() * sy);
                    int bw = Math.max(1, (int) Math.ceil(2 * b.cols() * sx)), bh = Math.max(1, (int) Math.ceil(b.rows() * sy));
                    g.fillRect(bx, by, bw, bh);
                }
            }
            g.setColor(Color.DARK_GRAY);
            g.drawRect(x0, y0, side, side);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, many ? 9 : 11));
            g.drawString(String.format(Locale.ROOT, many ? "%d: %.0f %%" : "array %d: %.0f %% used", a,
                    100.0 * used[a] / ((double) rows * cols)), x0, y0 + side + (many ? 10 : 13));
        }
        int ly = top + gridRows * (side + labelH + gap) + 4, colW = (width - 2 * gap) / legendColumns;
        g.setFont(legendFont);
        for (int t = 0; t < names.size(); t++) {
            int lx = gap + (t % legendColumns) * colW, y = ly + (t / legendColumns) * 18;
            g.setColor(LAYER_COLOURS[t % LAYER_COLOURS.length]);
            g.fillRect(lx, y, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString(labels.get(t), lx + 17, y + 11);
        }
        g.dispose();
        return img;
    }

    /** t in [-1, 1] -> blue .. white .. red. */
    static Color diverging(double t) {
        double a = Math.min(1, Math.abs(t));
        int fade = (int) Math.round(255 * (1 - a));
        return t >= 0 ? new Color(255, fade, fade) : new Color(fade, fade, 255);
    }
}
