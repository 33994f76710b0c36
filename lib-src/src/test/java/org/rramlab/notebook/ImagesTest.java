package org.rramlab.notebook;

import org.rramlab.plot.Colormap;
import org.rramlab.plot.Images;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImagesTest {

    private static float[][] ramp(int h, int w, float offset) {
        float[][] image = new float[h][w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image[y][x] = Math.min(1f, offset + (y * w + x) / (float) (h * w));
            }
        }
        return image;
    }

    @Test
    void gridPlacesImagesInRowsAndScalesPixels() {
        float[][] black = new float[3][4];
        float[][] white = new float[3][4];
        for (float[] row : white) {
            java.util.Arrays.fill(row, 1f);
        }
        BufferedImage grid = Images.grid(List.of(black, white, black), null, 2, 2);
        // 2 columns of (4*2 + 2) plus a 2-pixel margin; 2 rows of (3*2 + 2) plus margin.
        assertEquals(2 * 10 + 2, grid.getWidth());
        assertEquals(2 * 8 + 2, grid.getHeight());
        assertEquals(0x000000, grid.getRGB(2, 2) & 0xffffff, "first image black");
        assertEquals(0xffffff, grid.getRGB(12 + 7, 2 + 5) & 0xffffff, "second image white");
        assertEquals(0x000000, grid.getRGB(2, 10) & 0xffffff, "third image starts the second row");
    }

    @Test
    void labelsAddAStripUnderEachImage() {
        BufferedImage grid = Images.grid(List.<float[][]>of(new float[28][28]), List.of("Sneaker"), 1, 1);
        assertEquals(28 + 2 + 14 + 2, grid.getHeight());
        boolean ink = false;
        for (int y = 30; y < grid.getHeight(); y++) {
            for (int x = 0; x < grid.getWidth(); x++) {
                ink |= (grid.getRGB(x, y) & 0xffffff) != 0xffffff;
            }
        }
        assertTrue(ink, "label text drawn");
        assertThrows(IllegalArgumentException.class, () -> Images.grid(new float[][][]{new float[2][2]}, List.of(), 1, 1));
    }

    @Test
    void indarrayWithChannelAxisMatchesFloatArrays() {
        float[][] a = ramp(5, 6, 0f);
        float[][] b = ramp(5, 6, 0.3f);
        float[] flat = new float[2 * 30];
        for (int i = 0; i < 30; i++) {
            flat[i] = a[i / 6][i % 6];
            flat[30 + i] = b[i / 6][i % 6];
        }
        BufferedImage fromArrays = Images.grid(List.of(a, b), null, 2, 3);
        BufferedImage fromNd4j = Images.grid(Nd4j.create(flat, new long[]{2, 1, 5, 6}, 'c'), null, 2, 3);
        BufferedImage fromNd4jNoChannel = Images.grid(Nd4j.create(flat, new long[]{2, 5, 6}, 'c'), null, 2, 3);
        for (int y = 0; y < fromArrays.getHeight(); y++) {
            for (int x = 0; x < fromArrays.getWidth(); x++) {
                assertEquals(fromArrays.getRGB(x, y), fromNd4j.getRGB(x, y));
                assertEquals(fromArrays.getRGB(x, y), fromNd4jNoChannel.getRGB(x, y));
            }
        }
        assertThrows(IllegalArgumentException.class,
                () -> Images.grid(Nd4j.create(new long[]{2, 3, 5, 6}), null, 2, 1));
    }

    @Test
    void heatMapMapsMinimumAndMaximumToTheColourMapEnds() {
        BufferedImage heat = Images.heatMap(new double[][]{{0, 5}, {10, Double.NaN}}, 4);
        assertEquals(Colormap.viridis(0), heat.getRGB(1, 1) & 0xffffff);
        assertEquals(Colormap.viridis(0.5), heat.getRGB(5, 1) & 0xffffff);
        assertEquals(Colormap.viridis(1), heat.getRGB(1, 5) & 0xffffff);
        assertEquals(0x808080, heat.getRGB(5, 5) & 0xffffff, "NaN is grey");
        assertTrue(heat.getWidth() > 8, "room for the colour bar");
        assertEquals(0x440154, Colormap.viridis(0));
        assertEquals(0xFDE725, Colormap.viridis(1));
    }

    @Test
    void maskOverlayTintsOnlyMaskedPixels() {
        float[][] grey = {{0.5f, 0.5f}};
        boolean[][] mask = {{true, false}};
        BufferedImage out = Images.maskOverlay(grey, mask, Color.RED, 0.5, 1);
        int g = Math.round(0.5f * 255);
        assertEquals(new Color((g + 255 + 1) / 2, (g + 1) / 2, (g + 1) / 2).getRGB() & 0xffffff,
                out.getRGB(0, 0) & 0xffffff);
        assertEquals(new Color(g, g, g).getRGB() & 0xffffff, out.getRGB(1, 0) & 0xffffff);
        assertThrows(IllegalArgumentException.class, () -> Images.maskOverlay(grey, new boolean[2][2], Color.RED, 0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> Images.maskOverlay(grey, mask, Color.RED, 1.5, 1));
    }
}
