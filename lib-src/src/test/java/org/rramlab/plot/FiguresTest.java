package org.rramlab.plot;

import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FiguresTest {

    @Test
    void tornadoPutsTheWidestSwingOnTopAndNamesEveryRow() {
        BufferedImage img = Images.tornado("t", "reduction (%)", List.of("narrow", "wide"), new double[] {49, 10}, new double[] {51, 90}, 50);
        assertEquals(34 + 2 * 22 + 70, img.getHeight(), "one 22-pixel row per parameter");
        // the top row is the wide one: its blue bar reaches far left of the nominal line, the narrow one's does not
        int left = img.getWidth() - 20 - 440, topRow = 34 + 11, secondRow = 34 + 22 + 11;
        assertTrue(isBlue(img.getRGB(left + 100, topRow)), "wide swing on top (its low end at 10 of 0..100)");
        assertTrue(!isBlue(img.getRGB(left + 100, secondRow)), "narrow swing below");
        assertThrows(IllegalArgumentException.class, () -> Images.tornado("t", "x", List.of("a"), new double[] {1, 2}, new double[] {1}, 0));
    }

    @Test
    void pairedBarsDrawBothFiguresFromZero() {
        BufferedImage img = Images.pairedBars("p", "points", List.of("gain", "loss *"), new double[] {10, 5}, new double[] {20, -5}, "paper", "ours");
        assertEquals(34 + 2 * 30 + 72, img.getHeight());
        assertThrows(IllegalArgumentException.class, () -> Images.pairedBars("p", "x", List.of(), new double[0], new double[0], "a", "b"));
        assertEquals(20.0, Images.niceStep(17), 1e-12);
        assertEquals(0.5, Images.niceStep(0.31), 1e-12);
    }

    private static boolean isBlue(int rgb) {
        Color c = new Color(rgb);
        return c.getBlue() > 150 && c.getRed() < 60;
    }
}
