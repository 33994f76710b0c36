package org.rramlab.prune;

import org.rramlab.simd.Parallel;
import org.rramlab.simd.Simd;

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
        return kthLargest(values, values.length, k);
    }

    /** The k-th largest of {@code values[0, length)}; reorders that range. */
    static float kthLargest(float[] values, int length, int k) {
        if (k < 1 || k > length) {
            throw new IllegalArgumentException("k: expected 1.." + length + ", got " + k);
        }
        // k-th largest = element at index n-k in ascending order
        int target = length - k;
        int lo = 0, hi = length - 1;
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
    private static final int SPLIT = 1 << 17;
    /**
     * The magnitude's 31 bits in three digits, high to low: 11, 11 and 9 bits. Histograms of 2,048 counts stay in the
     * first-level cache; the earlier two 16-bit digits cleared and scanned 2 × 256 kB per call, which cost 0.2 ms
     * even for the paper CNN's 576-edge first layer.
     */
    private static final int HIGH_SHIFT = 20, MID_SHIFT = 9, DIGIT = 1 << 11, LOW = 1 << 9;
    /** Per calling thread: the high digit's histograms of the shares, and the candidates' bits (reused across calls). */
    private static final ThreadLocal<int[][]> HISTOGRAMS = ThreadLocal.withInitial(() -> new int[0][]);
    private static final ThreadLocal<int[]> CANDIDATES = ThreadLocal.withInitial(() -> new int[0]);

    /**
     * The k-th largest |value| by radix select on the float bits with the sign bit cleared (non-negative floats order
     * like their bits): one pass counts the high digit, a second keeps the bits of the values in the chosen bin (a
     * small fraction; stored branch-free), and the two lower digits are counted over those alone. No scratch copy of
     * |values|; {@code values} is not modified. NaN: IllegalArgumentException. Large arrays run both passes over the
     * cores ({@link Parallel}); counts do not depend on the cut, so neither does the result.
     */
    public static float kthLargestAbs(float[] values, int k) {
        int n = values.length;
        if (k < 1 || k > n) throw new IllegalArgumentException("k: expected 1.." + n + ", got " + k);
        int shares = Math.max(1, Math.min(Parallel.threads(), n / SPLIT));
        int[][] h = histograms(shares);
        Parallel.forEachTask(shares, t -> {
            // four interleaved histograms: half the values fall into a few bins, and one histogram made each
            // increment wait for the last one to the same bin
            int[] count = h[t];
            java.util.Arrays.fill(count, 0);
            int i = from(n, shares, t), end = from(n, shares, t + 1), largest = 0;
            for (; i + 3 < end; i += 4) {
                int b0 = Float.floatToRawIntBits(values[i]) & 0x7fffffff, b1 = Float.floatToRawIntBits(values[i + 1]) & 0x7fffffff;
                int b2 = Float.floatToRawIntBits(values[i + 2]) & 0x7fffffff, b3 = Float.floatToRawIntBits(values[i + 3]) & 0x7fffffff;
                largest = Math.max(largest, Math.max(Math.max(b0, b1), Math.max(b2, b3)));
                count[b0 >>> HIGH_SHIFT]++;
                count[DIGIT + (b1 >>> HIGH_SHIFT)]++;
                count[2 * DIGIT + (b2 >>> HIGH_SHIFT)]++;
                count[3 * DIGIT + (b3 >>> HIGH_SHIFT)]++;
            }
            for (; i < end; i++) {
                int b = Float.floatToRawIntBits(values[i]) & 0x7fffffff;
                largest = Math.max(largest, b);
                count[b >>> HIGH_SHIFT]++;
            }
            // NaN's bits lie above infinity's
            if (largest > 0x7f800000) throw new IllegalArgumentException("values: expected numbers, found NaN");
        });
        int remaining = k, high = DIGIT - 1;
        while (true) {
            int count = 0;
            for (int[] c : h) count += c[high] + c[DIGIT + high] + c[2 * DIGIT + high] + c[3 * DIGIT + high];
            if (count >= remaining) break;
            remaining -= count;
            high--;
        }
        int[] candidates = candidates(n);
        int[] ends = new int[shares];
        int top = high;
        Parallel.forEachTask(shares, t -> {
            int at = from(n, shares, t);
            for (int i = at, end = from(n, shares, t + 1); i < end; i++) {
                int bits = Float.floatToRawIntBits(values[i]) & 0x7fffffff;
                candidates[at] = bits;
                at += (bits >>> HIGH_SHIFT) == top ? 1 : 0;
            }
            ends[t] = at;
        });
        int[] mid = h[0], low = new int[LOW];
        java.util.Arrays.fill(mid, 0, DIGIT, 0);
        for (int t = 0; t < shares; t++) {
            for (int i = from(n, shares, t); i < ends[t]; i++) mid[(candidates[i] >>> MID_SHIFT) & (DIGIT - 1)]++;
        }
        int midBin = DIGIT - 1;
        while (mid[midBin] < remaining) remaining -= mid[midBin--];
        int prefix = (high << 11) | midBin;
        for (int t = 0; t < shares; t++) {
            for (int i = from(n, shares, t); i < ends[t]; i++) {
                int bits = candidates[i];
                if ((bits >>> MID_SHIFT) == prefix) low[bits & (LOW - 1)]++;
            }
        }
        int lowBin = LOW - 1;
        while (low[lowBin] < remaining) remaining -= low[lowBin--];
        return Float.intBitsToFloat((prefix << MID_SHIFT) | lowBin);
    }

    /**
     * The same value as {@link #kthLargestAbs}, found faster when it lies within a relative {@code band} of
     * {@code guess} (the previous step's threshold: a training step moves it by a fraction of a per cent): one SIMD
     * pass counts the values above, inside and below the band, and when the k-th lies inside, only the band's values
     * (a few per cent) are selected from. Otherwise, or without a usable guess, the full radix select. The result does
     * not depend on the guess.
     */
    public static float kthLargestAbsNear(float[] values, int k, float guess, float band) {
        int n = values.length;
        if (k < 1 || k > n) throw new IllegalArgumentException("k: expected 1.." + n + ", got " + k);
        if (!(guess > 0 && guess < Float.POSITIVE_INFINITY && band > 0 && band < 1)) return kthLargestAbs(values, k);
        float lo = guess * (1 - band), hi = guess * (1 + band);
        int[] counts = new int[3];
        Simd.countAbs(values, lo, hi, 0, n, counts);
        if (counts[1] + counts[2] != n) throw new IllegalArgumentException("values: expected numbers, found NaN");
        int above = counts[0], inBand = counts[1] - counts[0];
        if (!(above < k && k <= counts[1])) return kthLargestAbs(values, k);
        float[] band0 = bandScratch(inBand);
        int found = 0;
        for (int i = 0; ; i++) {
            i = Simd.nextAbsInBand(values, lo, hi, i, n);
            if (i >= n) break;
            band0[found++] = Math.abs(values[i]);
        }
        if (found != inBand) throw new IllegalStateException("band scan found " + found + " values, the count " + inBand);
        return kthLargest(band0, inBand, k - above);
    }

    private static final ThreadLocal<float[]> BAND = ThreadLocal.withInitial(() -> new float[0]);

    private static float[] bandScratch(int length) {
        float[] b = BAND.get();
        if (b.length < length) {
            b = new float[Math.max(length, 2 * b.length)];
            BAND.set(b);
        }
        return b;
    }

    private static int[][] histograms(int shares) {
        int[][] h = HISTOGRAMS.get();
        if (h.length != shares) {
            h = new int[shares][4 * DIGIT];
            HISTOGRAMS.set(h);
        }
        return h;
    }

    private static int[] candidates(int n) {
        int[] c = CANDIDATES.get();
        if (c.length < n) {
            c = new int[n];
            CANDIDATES.set(c);
        }
        return c;
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
