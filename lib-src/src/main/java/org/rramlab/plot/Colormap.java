package org.rramlab.plot;

import java.awt.Color;

/**
 * Viridis, the perceptually uniform colour map of matplotlib, sampled at 9 stops and interpolated linearly
 * (close enough to the 256-entry table for figures, and readable in grey and by colour-blind readers).
 */
public final class Colormap {
    static final Color[] VIRIDIS_STOPS = {
            new Color(0x440154), new Color(0x472D7B), new Color(0x3B528B), new Color(0x2C728E),
            new Color(0x21918C), new Color(0x28AE80), new Color(0x5EC962), new Color(0xADDC30),
            new Color(0xFDE725),
    };

    private Colormap() {}

    /** The viridis colour of {@code t} in [0, 1] (clamped) as 0xRRGGBB. */
    public static int viridis(double t) {
        if (Double.isNaN(t)) {
            return 0x808080;
        }
        double s = Math.max(0, Math.min(1, t)) * (VIRIDIS_STOPS.length - 1);
        int i = Math.min((int) s, VIRIDIS_STOPS.length - 2);
        double f = s - i;
        Color a = VIRIDIS_STOPS[i];
        Color b = VIRIDIS_STOPS[i + 1];
        int r = (int) Math.round(a.getRed() + f * (b.getRed() - a.getRed()));
        int g = (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen()));
        int bl = (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue()));
        return (r << 16) | (g << 8) | bl;
    }
}
