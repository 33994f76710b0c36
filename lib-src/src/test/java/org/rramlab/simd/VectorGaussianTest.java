package org.rramlab.simd;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The SIMD sampler's statistics (the surefire JVM runs with --add-modules jdk.incubator.vector). */
class VectorGaussianTest {

    private static float[] draw(int n, long seed) {
        float[] z = new float[n];
        VectorGaussian.fill(z, 0, null, null, 0, n, seed, 0);
        return z;
    }

    /** Standard normal CDF (Zelen & Severo 26.2.17, |error| < 7.5e-8). */
    private static double phi(double x) {
        double t = 1 / (1 + 0.2316419 * Math.abs(x));
        double d = 0.3989422804014327 * Math.exp(-x * x / 2);
        double p = d * t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
        return x >= 0 ? 1 - p : p;
    }

    @Test void momentsTailsAndKolmogorovSmirnov() {
        int n = 1 << 20;
        float[] z = draw(n, 2024);
        double sum = 0, sq = 0, fourth = 0;
        int beyond3 = 0;
        float max = 0;
        for (float v : z) {
            sum += v; sq += (double) v * v; fourth += (double) v * v * v * v;
            if (Math.abs(v) > 3) beyond3++;
            max = Math.max(max, Math.abs(v));
        }
        double mean = sum / n, var = sq / n - mean * mean;
        assertEquals(0, mean, 5 * Math.sqrt(1.0 / n), "mean");
        assertEquals(1, var, 5 * Math.sqrt(2.0 / n), "variance");
        assertEquals(3, fourth / n / (var * var), 0.05, "kurtosis");
        assertEquals(0.0026998, beyond3 / (double) n, 0.0004, "fraction beyond 3 sigma");
        assertTrue(max <= 5.78f, "Box-Muller with 24-bit uniforms cannot exceed 5.77 sigma, got " + max);
        float[] sorted = z.clone();
        Arrays.sort(sorted);
        double ks = 0;
        for (int i = 0; i < n; i += 7) {
            double f = phi(sorted[i]);
            ks = Math.max(ks, Math.max(Math.abs(f - i / (double) n), Math.abs(f - (i + 1) / (double) n)));
        }
        assertTrue(ks < 1.63 / Math.sqrt(n), "Kolmogorov-Smirnov distance " + ks + " (1 % critical value " + 1.63 / Math.sqrt(n) + ")");
    }

    @Test void neighboursAreUncorrelated() {   // the cosine and sine halves of a Box-Muller pair, and adjacent lanes
        int n = 1 << 20, lanes = VectorGaussian.STEP / 2;
        float[] z = draw(n, 77);
        for (int lag : new int[] {1, lanes, VectorGaussian.STEP}) {
            double c = 0;
            for (int i = 0; i + lag < n; i++) c += (double) z[i] * z[i + lag];
            assertEquals(0, c / (n - lag), 5 / Math.sqrt(n), "correlation at lag " + lag);
        }
    }

    @Test void shiftedAndScaledEqualsMeanPlusSigmaTimesZ() {
        int n = 1000;   // not a multiple of STEP: the scalar tail runs too
        float[] mean = new float[n], sigma = new float[n], out = new float[n];
        for (int i = 0; i < n; i++) { mean[i] = i * 0.5f; sigma[i] = 0.1f + i * 0.001f; }
        long next = VectorGaussian.fill(out, 0, mean, sigma, 0, n, 5, 0);
        float[] z = draw(n, 5);
        for (int i = 0; i < n; i++) assertEquals(mean[i] + sigma[i] * z[i], out[i], 1e-5 * (1 + Math.abs(mean[i])), "element " + i);
        assertEquals((n + 1) / 2, next, "one 64-bit word per pair of values");
    }

    @Test void sameSeedSameNumbersOtherSeedOrCounterOthers() {
        assertArrayEquals(draw(4099, 9), draw(4099, 9));
        assertFalse(Arrays.equals(draw(4099, 9), draw(4099, 10)));
        float[] later = new float[64];
        VectorGaussian.fill(later, 0, null, null, 0, 64, 9, 1000);
        assertFalse(Arrays.equals(Arrays.copyOf(draw(64, 9), 64), later), "a later counter gives other numbers");
    }

    /** The same seed gives the same bits in the interpreter and after JIT compilation (many calls force C2). */
    @Test void sameBitsBeforeAndAfterCompilation() {
        float[] first = draw(4099, 11);
        for (int i = 0; i < 3000; i++) draw(4099, 100 + i);
        assertArrayEquals(first, draw(4099, 11));
    }

    @Test void polynomialLogAndSinAreFloatAccurate() {
        for (int k = 1; k <= 1 << 24; k += 997) {   // the radius' uniforms (k / 2^24)
            float u = k * (1f / (1 << 24));
            double exact = Math.log(u);
            assertEquals(exact, VectorGaussian.log(u), 3e-7 * Math.max(Math.abs(exact), 1e-3), "log " + u);
        }
        assertEquals(0, VectorGaussian.log(1f), 0);
        for (double t = -Math.PI / 2; t <= Math.PI / 2; t += 1e-4) {
            assertEquals(Math.sin((float) t), VectorGaussian.sin((float) t), 2e-7, "sin " + t);
        }
    }

    @Test void scalarTailAloneIsNormalToo() {   // calls shorter than one vector step use only the tail loop
        int len = VectorGaussian.STEP - 1, calls = 20_000;
        float[] block = new float[len];
        double sum = 0, sq = 0;
        long counter = 0;
        for (int c = 0; c < calls; c++) {
            counter = VectorGaussian.fill(block, 0, null, null, 0, len, 3, counter);
            for (float v : block) { sum += v; sq += (double) v * v; }
        }
        long n = (long) len * calls;
        assertEquals(0, sum / n, 5 * Math.sqrt(1.0 / n));
        assertEquals(1, sq / n, 5 * Math.sqrt(2.0 / n));
    }

    @Test void theBuildTurnsTheVectorSamplerOn() {
        // Maven's surefire and the kernel run with --add-modules jdk.incubator.vector; on a CPU with 256-bit vectors
        // or wider the SIMD kernels must then be on, and GaussianNoise must use them
        assertEquals(VectorGaussian.worthwhile(), Simd.enabled(), Simd.describe());
        assertEquals(Simd.enabled(), org.rramlab.device.GaussianNoise.sampler().contains("SIMD"), org.rramlab.device.GaussianNoise.sampler());
    }
}
