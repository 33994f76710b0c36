package org.rramlab.simd;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The vector quantiser must give exactly the scalar loop's numbers (DAC/ADC results may not depend on the JVM flags). */
class VectorQuantiseTest {

    private static float[] values(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (r.nextGaussian() * 3);
        return v;
    }

    @Test void quantiseIsBitIdenticalToTheScalarLoop() {
        for (int n : new int[] {1, 15, 16, 17, 1000, 65_536 + 5}) {
            float[] v = values(n, n);
            v[0] = Float.NaN;
            if (n > 2) { v[1] = -1.5f; v[2] = 2.25f; }   // exactly on the clamp bounds below
            for (int bits : new int[] {1, 4, 14, 22}) {
                float min = -1.5f, max = 2.25f, step = (max - min) / ((1 << bits) - 1), inv = 1 / step;
                float[] scalar = v.clone(), vector = v.clone();
                Simd.quantiseScalar(scalar, 0, n, min, max, step, inv);
                VectorQuantise.quantise(vector, 0, n, min, max, step, inv);
                for (int i = 0; i < n; i++) {
                    assertEquals(Float.floatToRawIntBits(scalar[i]), Float.floatToRawIntBits(vector[i]),
                            "n " + n + ", " + bits + " bits, element " + i + " (" + v[i] + "): scalar " + scalar[i] + ", vector " + vector[i]);
                }
                assertTrue(Float.isNaN(vector[0]), "NaN stays NaN");
            }
        }
    }

    @Test void quantiseOnlyTouchesTheRange() {
        float[] v = values(100, 3), before = v.clone();
        VectorQuantise.quantise(v, 10, 90, -1, 1, 0.5f, 2);
        for (int i = 0; i < 100; i++) {
            if (i < 10 || i >= 90) assertEquals(before[i], v[i], 0, "element " + i + " outside [10, 90)");
            else assertEquals(0, Math.IEEEremainder(v[i] + 1, 0.5), 1e-6, "element " + i + " on a level");
        }
    }

    @Test void tiesRoundToEvenLevels() {   // IEEE rounding, as torch.round and nn.ActivationQuant (Math.rint)
        float[] v = {0.25f, 0.75f, 1.25f, -0.5f, 0.5f, 2f};
        Simd.quantise(v, 0, v.length, 0, 1, 0.5f, 2);
        assertArrayEquals(new float[] {0, 1, 1, 0, 0.5f, 1}, v, 0f);   // t = 0.5 -> 0, 1.5 -> 2; clamped ends
    }

    @Test void minMaxMatchesAndDetectsNaN() {
        for (int n : new int[] {1, 7, 16, 33, 10_001}) {
            float[] v = values(n, 40 + n);
            float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
            for (float x : v) { lo = Math.min(lo, x); hi = Math.max(hi, x); }
            assertArrayEquals(new float[] {lo, hi}, VectorQuantise.minMax(v, 0, n), 0f, "n " + n);
            v[n / 2] = Float.NaN;
            assertTrue(Float.isNaN(VectorQuantise.minMax(v, 0, n)[0]), "NaN in the middle of " + n);
            v[n / 2] = 0;
            v[n - 1] = Float.NaN;
            assertTrue(Float.isNaN(VectorQuantise.minMax(v, 0, n)[0]), "NaN in the tail of " + n);
        }
        assertArrayEquals(new float[] {-2, 5}, VectorQuantise.minMax(new float[] {9, -2, 5, 9}, 1, 3), 0f);
    }
}
