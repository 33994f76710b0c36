package org.rramlab.simd;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The mask update's scan for changed edges finds exactly the edges a plain test of each one finds, in order. */
class VectorMaskScanTest {

    /** Every index where the wanted bit or the sign differs, by testing each edge on its own. */
    private static List<Integer> expected(float[] s, float[] mask, float[] signs, float threshold, int from, int to) {
        List<Integer> found = new ArrayList<>();
        for (int i = from; i < to; i++) {
            boolean want = Math.abs(s[i]) >= threshold, kept = mask[i] == 1f;
            float sign = s[i] > 0 ? 1f : s[i] < 0 ? -1f : 0f;
            if (want != kept || sign != signs[i]) found.add(i);
        }
        return found;
    }

    private static List<Integer> scan(boolean vector, float[] s, float[] mask, float[] signs, float threshold, int from, int to) {
        List<Integer> found = new ArrayList<>();
        for (int i = from; ; i++) {
            i = vector ? VectorMaskScan.nextMaskChange(s, mask, signs, threshold, i, to) : Simd.nextMaskChangeScalar(s, mask, signs, threshold, i, to);
            if (i >= to) return found;
            found.add(i);
        }
    }

    @Test void findsEveryChangedEdgeAndNoOther() {
        for (int n : new int[] {1, 7, 16, 17, 100, 4099}) {
            SplittableRandom r = new SplittableRandom(n);
            float[] s = new float[n], mask = new float[n], signs = new float[n];
            float threshold = 0.5f;
            for (int i = 0; i < n; i++) {
                s[i] = (float) r.nextGaussian();
                if (i % 11 == 0) s[i] = i % 2 == 0 ? 0f : -0f;                 // signs of ±0 are 0
                if (i % 13 == 0) s[i] = Math.copySign(threshold, s[i]);        // exactly at the threshold: kept
                mask[i] = Math.abs(s[i]) >= threshold ? 1f : 0f;
                signs[i] = Simd.signOf(s[i]);
                if (r.nextInt(50) == 0) mask[i] = 1f - mask[i];                // a few edges to flip
                if (r.nextInt(60) == 0) signs[i] = -signs[i] == 0 ? 1f : -signs[i];   // a few sign changes
            }
            for (int[] range : new int[][] {{0, n}, {Math.min(3, n), n}, {0, Math.max(0, n - 5)}}) {
                List<Integer> want = expected(s, mask, signs, threshold, range[0], range[1]);
                assertEquals(want, scan(false, s, mask, signs, threshold, range[0], range[1]), "scalar, n " + n);
                if (Simd.enabled()) assertEquals(want, scan(true, s, mask, signs, threshold, range[0], range[1]), "SIMD, n " + n);
                assertEquals(want, scan(Simd.enabled(), s, mask, signs, threshold, range[0], range[1]), "entry point, n " + n);
            }
            if (n > 100) assertFalse(expected(s, mask, signs, threshold, 0, n).isEmpty(), "the data has changes to find");
        }
    }

    @Test void anUnchangedLayerHasNothingToVisit() {
        int n = 1000;
        float[] s = new float[n], mask = new float[n], signs = new float[n];
        for (int i = 0; i < n; i++) {
            s[i] = (i % 3 - 1) * (i / 1000f);
            mask[i] = Math.abs(s[i]) >= 0.3f ? 1f : 0f;
            signs[i] = Simd.signOf(s[i]);
        }
        assertEquals(n, Simd.nextMaskChange(s, mask, signs, 0.3f, 0, n));
        assertEquals(n, Simd.nextMaskChangeScalar(s, mask, signs, 0.3f, 0, n));
    }

    @Test void bandCountsAndScanAgreeWithPlainTests() {
        for (int n : new int[] {1, 15, 16, 33, 5000}) {
            SplittableRandom r = new SplittableRandom(n);
            float[] v = new float[n];
            for (int i = 0; i < n; i++) v[i] = i % 17 == 0 ? (i % 2 == 0 ? 0.25f : -0.75f) : (float) r.nextGaussian();   // the band's edges
            float lo = 0.25f, hi = 0.75f;
            int atLeastHi = 0, atLeastLo = 0, belowLo = 0;
            List<Integer> inBand = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                float a = Math.abs(v[i]);
                if (a >= hi) atLeastHi++;
                if (a >= lo) atLeastLo++; else belowLo++;
                if (a >= lo && a < hi) inBand.add(i);
            }
            int[] counts = new int[3];
            Simd.countAbs(v, lo, hi, 0, n, counts);
            assertArrayEquals(new int[] {atLeastHi, atLeastLo, belowLo}, counts, "n " + n);
            int[] scalar = new int[3];
            Simd.countAbsScalar(v, lo, hi, 0, n, scalar);
            assertArrayEquals(counts, scalar, "n " + n);
            List<Integer> scanned = new ArrayList<>();
            for (int i = 0; (i = Simd.nextAbsInBand(v, lo, hi, i, n)) < n; i++) scanned.add(i);
            assertEquals(inBand, scanned, "n " + n);
        }
        float[] nan = {Float.NaN, 1f};
        int[] counts = new int[3];
        Simd.countAbs(nan, 0.5f, 2f, 0, 2, counts);
        assertEquals(1, counts[1] + counts[2], "a NaN is neither at least lo nor below it");
    }
}
