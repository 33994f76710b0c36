package org.rramlab.crossbar;

import org.rramlab.device.WriteVerify;

import java.util.Arrays;

/**
 * The one weight <-> conductance mapping of rramlab: a weight is a differential pair, {@code w = scale x (G+ - G-)},
 * with one scale per layer (weight units per uS).
 * <ul>
 *   <li>Pruning on random conductances: a seeded random sign picks which cell of each pair is the formed (high) one,
 *       the other is RESET (low); a kept edge reads {@code sign (G_formed - G_low)}, a pruned one
 *       {@code sign (G_reset - G_low)}, a small residual, not zero. The scale makes the kept weights' standard
 *       deviation {@code 2 / sqrt(fanIn)}, the authors' signed-constant scale ({@link #pruningScale}).</li>
 *   <li>Programming trained weights (the conventional baseline): the positive part on G+, the negative part on G-,
 *       both above gMin, so that max|W| spans the device's programmable range ({@link #plusTarget},
 *       {@link #minusTarget}, {@link #programmingScale}).</li>
 * </ul>
 */
public final class DifferentialPair {
    private DifferentialPair() {}

    /**
     * Weight units per uS that give the kept weights {@code sign (G_formed - G_low)} of a layer (their sum and sum of
     * squares over {@code n} edges, uS) the standard deviation {@code 2 / sqrt(fanIn)}.
     */
    public static double pruningScale(String layer, double sum, double sumOfSquares, long n, int fanIn, long[] shape) {
        if (fanIn <= 0) {
            throw new IllegalArgumentException("layer " + layer + ": fanIn = " + fanIn + ": expected > 0 (inputs per output)");
        }
        double mean = sum / n;
        double std = Math.sqrt(Math.max(0, sumOfSquares / n - mean * mean));
        if (!(std > 0)) {
            throw new IllegalStateException("layer " + layer + ": kept weights of shape " + Arrays.toString(shape)
                    + " have no spread (std 0 uS); cannot scale them to 2/sqrt(fanIn)");
        }
        return 2 / Math.sqrt(fanIn) / std;
    }

    /** uS per weight unit when max|W| = {@code maxAbs} spans the programmable range (1 for an all-zero layer). */
    public static double usPerWeight(double maxAbs, WriteVerify wv) {
        return maxAbs == 0 ? 1 : wv.rangeUs() / maxAbs;
    }

    /** Target of the G+ cell of weight {@code w}. */
    public static double plusTarget(double w, double usPerWeight, WriteVerify wv) {
        return wv.gMinUs() + Math.max(w, 0) * usPerWeight;
    }

    /** Target of the G- cell of weight {@code w}. */
    public static double minusTarget(double w, double usPerWeight, WriteVerify wv) {
        return wv.gMinUs() + Math.max(-w, 0) * usPerWeight;
    }

    /** The layer's scale (weight units per uS) of a programmed layer. */
    public static double programmingScale(double usPerWeight) {
        return 1 / usPerWeight;
    }
}
