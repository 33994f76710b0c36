package org.rramlab.metrics;

import java.util.Arrays;

/**
 * Scores sorted from highest to lowest and grouped by equal value, with the cumulative true and false positives
 * after each group: the operating points of every threshold, shared by {@link RocAuc} and {@link PrAuc}.
 * Equal scores form one group (one threshold), which is how ties are handled: they move together.
 *
 * <p>Sorting packs each (score, label) into a primitive long so millions of pixels sort without boxing.
 */
final class RankedScores {

    final int positives, negatives;
    /** Cumulative counts after group g, g = 0..groups-1. */
    final long[] truePositives, falsePositives;
    final int groups;

    private RankedScores(int positives, int negatives, long[] tp, long[] fp, int groups) {
        this.positives = positives;
        this.negatives = negatives;
        this.truePositives = tp;
        this.falsePositives = fp;
        this.groups = groups;
    }

    static RankedScores of(float[] scores, boolean[] positive, String metric) {
        if (scores.length != positive.length) {
            throw new IllegalArgumentException(metric + ": " + scores.length + " scores but " + positive.length
                    + " labels; expected the same count");
        }
        long[] keys = new long[scores.length];
        int positives = 0;
        for (int i = 0; i < scores.length; i++) {
            float s = scores[i];
            if (Float.isNaN(s)) {
                throw new IllegalArgumentException(metric + ": score " + i + " is NaN; expected a number");
            }
            keys[i] = ((long) sortable(s) << 1) | (positive[i] ? 1 : 0);
            positives += positive[i] ? 1 : 0;
        }
        int negatives = scores.length - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException(metric + ": needs both classes, got " + positives + " positives and "
                    + negatives + " negatives");
        }
        Arrays.sort(keys);
        long[] tp = new long[keys.length], fp = new long[keys.length];
        int groups = 0;
        long t = 0, f = 0;
        for (int i = keys.length - 1; i >= 0; i--) { // highest score first
            if ((keys[i] & 1) == 1) {
                t++;
            } else {
                f++;
            }
            boolean groupEnds = i == 0 || (keys[i - 1] >> 1) != (keys[i] >> 1);
            if (groupEnds) {
                tp[groups] = t;
                fp[groups] = f;
                groups++;
            }
        }
        return new RankedScores(positives, negatives, tp, fp, groups);
    }

    /** An int whose signed order is the float order (negative floats have their magnitude bits reversed). */
    private static int sortable(float s) {
        int bits = Float.floatToIntBits(s == 0f ? 0f : s); // -0 and +0 tie
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }
}
