package org.rramlab.layers;

import java.util.Arrays;

/**
 * A few order statistics of many floats without sorting them all (the quantile quantiser needs 2^bits of them out of
 * up to ~10^5 activations per batch). Floats are handled as integer keys whose order is {@link Arrays#sort(float[])}'s
 * (−0.0 before 0.0, NaN last), so the statistics are exactly the sorted array's elements.
 */
final class OrderStatistics {
    private OrderStatistics() {}

    /** Below this length a range is sorted outright. */
    private static final int SMALL = 48;

    /** The key of {@code f}: integers in the order of {@link Float#compare}. */
    static int key(float f) {
        int bits = Float.floatToIntBits(f);
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }

    /** The float of a key. */
    static float value(int key) {
        return Float.intBitsToFloat(key ^ ((key >> 31) & 0x7fffffff));
    }

    /**
     * Reorders {@code keys} so that {@code keys[i]} is the i-th smallest for every i in {@code positions} (ascending,
     * repeats allowed), as after a full sort; other places hold the rest in some order.
     */
    static void select(int[] keys, int[] positions) {
        select(keys, 0, keys.length, positions, 0, positions.length);
    }

    private static void select(int[] a, int lo, int hi, int[] at, int from, int to) {
        while (from < to && hi - lo > SMALL) {
            // three-way partition around the median of three: the many repeated values (ReLU's zeros) end in the middle
            int p = medianOfThree(a[lo], a[(lo + hi) >>> 1], a[hi - 1]);
            int lt = lo, i = lo, gt = hi;
            while (i < gt) {
                int v = a[i];
                if (v < p) { a[i++] = a[lt]; a[lt++] = v; }
                else if (v > p) { a[i] = a[--gt]; a[gt] = v; }
                else i++;
            }
            // positions in [lt, gt) hold p already; recurse on the smaller side, loop on the other
            int left = from;
            while (left < to && at[left] < lt) left++;
            int right = left;
            while (right < to && at[right] < gt) right++;
            if (lt - lo < hi - gt) {
                select(a, lo, lt, at, from, left);
                lo = gt;
                from = right;
            } else {
                select(a, gt, hi, at, right, to);
                hi = lt;
                to = left;
            }
        }
        if (from < to) Arrays.sort(a, lo, hi);
    }

    private static int medianOfThree(int a, int b, int c) {
        return a < b ? (b < c ? b : Math.max(a, c)) : (a < c ? a : Math.max(b, c));
    }
}
