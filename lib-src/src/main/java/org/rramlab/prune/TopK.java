package org.rramlab.prune;

import org.rramlab.simd.Parallel;

/**
 * The k-th largest value of an array by selection (quickselect, expected O(n)), not a full sort: top-k masking only
 * needs the threshold. On 62,272 scores this is several times faster than {@code Nd4j.sort} (see
 * {@code org.rramlab.bench.TrainingBenchmark}).
 */
public final class TopK {
    private TopK() {}

    /**
     * The k-th largest of {@code values} (k = 1: the maximum). Reorders {@code values} (pass a scratch copy).
     */
    public static float kthLargest(float[] values, int k) {
        if (k < 1 || k > values.length) {
            throw new IllegalArgumentException("k: expected 1.." + values.length + ", got " + k);
        }
        // k-th largest = element at index n-k in ascending order
        int target = values.length - k;
        int lo = 0, hi = values.length - 1;
        long state = 0x9E3779B97F4A7C15L;   // fixed pivot sequence: deterministic, no adversarial inputs here
        while (lo < hi) {
            state ^= state << 13; state ^= state >>> 7; state ^= state << 17;
            int p = lo + (int) Long.remainderUnsigned(state, hi - lo + 1);
            float pivot = values[p];
            // three-way partition: [lo, lt) < pivot, [lt, gt] == pivot, (gt, hi] > pivot
            int lt = lo, i = lo, gt = hi;
            while (i <= gt) {
                float v = values[i];
                if (v < pivot) { values[i++] = values[lt]; values[lt++] = v; }
                else if (v > pivot) { values[i] = values[gt]; values[gt--] = v; }
                else i++;
            }
            if (target < lt) hi = lt - 1;
            else if (target > gt) lo = gt + 1;
            else return pivot;
        }
        return values[target];
    }

    /**
     * The k-th largest of non-negative values (|scores|) by a two-pass radix select on the float bits (which order
     * like the values when non-negative): two linear passes instead of quickselect's data movement. Does not modify
     * {@code values}. NaN or negative values: IllegalArgumentException.
     */
    public static float kthLargestNonNegative(float[] values, int k) {
        int n = values.length;
        if (k < 1 || k > n) throw new IllegalArgumentException("k: expected 1.." + n + ", got " + k);
        int[] high = new int[1 << 16];
        for (float v : values) {
            int bits = Float.floatToRawIntBits(v);
            if (bits < 0 || v != v) throw new IllegalArgumentException("values: expected non-negative numbers, found " + v);
            high[bits >>> 16]++;
        }
        int remaining = k, bin = high.length - 1;
        while (high[bin] < remaining) remaining -= high[bin--];
        int[] low = new int[1 << 16];
        for (float v : values) {
            int bits = Float.floatToRawIntBits(v);
            if ((bits >>> 16) == bin) low[bits & 0xffff]++;
        }
        int lowBin = low.length - 1;
        while (low[lowBin] < remaining) remaining -= low[lowBin--];
        return Float.intBitsToFloat((bin << 16) | lowBin);
    }

    /** Below this many values a selection runs on one thread (a hand-off to a worker costs tens of microseconds). */
    private static final int SPLIT = 1 << 16;
    /** Per calling thread: the histograms of the shares (reused: two 256 KB arrays per share and call otherwise). */
    private static final ThreadLocal<int[][]> HISTOGRAMS = ThreadLocal.withInitial(() -> new int[0][]);

    /**
     * The k-th largest |value| by the same radix select, reading the magnitudes straight from the float bits (sign
     * bit cleared): no scratch copy of |values|. Does not modify {@code values}. NaN: IllegalArgumentException.
     * Large arrays are counted over the cores ({@link Parallel}); counts do not depend on the cut, so neither does the
     * result.
     */
    public static float kthLargestAbs(float[] values, int k) {
        int n = values.length;
        if (k < 1 || k > n) throw new IllegalArgumentException("k: expected 1.." + n + ", got " + k);
        int shares = Math.max(1, Math.min(Parallel.threads(), n / SPLIT));
        int[][] h = histograms(shares);
        Parallel.forEachTask(shares, t -> {
            int[] high = h[t];
            java.util.Arrays.fill(high, 0);
            for (int i = from(n, shares, t), end = from(n, shares, t + 1); i < end; i++) {
                float v = values[i];
                if (v != v) throw new IllegalArgumentException("values: expected numbers, found NaN");
                high[(Float.floatToRawIntBits(v) & 0x7fffffff) >>> 16]++;
            }
        });
        int remaining = k, bin = (1 << 16) - 1;
        while (true) {
            int count = 0;
            for (int[] high : h) count += high[bin];
            if (count >= remaining) break;
            remaining -= count;
            bin--;
        }
        int highBin = bin;
        Parallel.forEachTask(shares, t -> {
            int[] low = h[t];
            java.util.Arrays.fill(low, 0);
            for (int i = from(n, shares, t), end = from(n, shares, t + 1); i < end; i++) {
                int bits = Float.floatToRawIntBits(values[i]) & 0x7fffffff;
                if ((bits >>> 16) == highBin) low[bits & 0xffff]++;
            }
        });
        int lowBin = (1 << 16) - 1;
        while (true) {
            int count = 0;
            for (int[] low : h) count += low[lowBin];
            if (count >= remaining) break;
            remaining -= count;
            lowBin--;
        }
        return Float.intBitsToFloat((highBin << 16) | lowBin);
    }

    private static int[][] histograms(int shares) {
        int[][] h = HISTOGRAMS.get();
        if (h.length != shares) {
            h = new int[shares][1 << 16];
            HISTOGRAMS.set(h);
        }
        return h;
    }

    /** Start of share t of [0, n) cut into {@code shares} pieces. */
    static int from(int n, int shares, int t) {
        return (int) ((long) n * t / shares);
    }

    /** Number of edges kept for a layer of {@code n} edges: round(keepFraction · n), at least 1. */
    public static int keptCount(long n, double keepFraction) {
        checkKeepFraction(keepFraction);
        return (int) Math.max(1, Math.min(n, Math.round(keepFraction * n)));
    }

    public static void checkKeepFraction(double keepFraction) {
        if (!(keepFraction > 0 && keepFraction <= 1)) {
            throw new IllegalArgumentException("keepFraction: expected a value in (0, 1], got " + keepFraction);
        }
    }
}
