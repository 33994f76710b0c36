package org.rramlab.data;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class PicturesTest {

    @Test
    void heatmapPutsRowZeroAtTheBottomAndSpansTheColourMap() {
        BufferedImage img = Pictures.heatmap(new double[][] {{0, 0}, {1, 1}}, 3);
        assertEquals(6, img.getWidth());
        assertEquals(6, img.getHeight());
        assertEquals(0x440154, img.getRGB(0, 5) & 0xffffff); // row 0 (minimum) at the bottom
        assertEquals(0xfde725, img.getRGB(5, 0) & 0xffffff); // row 1 (maximum) at the top
    }

    @Test
    void greyBinaryAndSideBySide() {
        BufferedImage g = Pictures.grey(new float[] {0, 1, 0.5f, 2}, 2, 2, 1);
        assertEquals(0xffffff, g.getRGB(1, 0) & 0xffffff);
        assertEquals(0x808080, g.getRGB(0, 1) & 0xffffff);
        assertEquals(0xffffff, g.getRGB(1, 1) & 0xffffff); // clamped
        BufferedImage b = Pictures.binary(new boolean[] {true, false}, 2, 1, 2);
        BufferedImage both = Pictures.sideBySide(4, g, b);
        assertEquals(2 + 4 + 4, both.getWidth());
        assertEquals(2, both.getHeight());
        assertThrows(IllegalArgumentException.class, () -> Pictures.grey(new float[3], 2, 2, 1));
    }
}
