package org.rramlab.device;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/** The ziggurat sampler against the normal distribution: moments, tails, and the whole CDF (Kolmogorov-Smirnov). */
class ZigguratTest {
    private static final int N = 2_000_000;

    private static double[] draws(long seed) {
        // Half from the bulk path (two draws per 64-bit word), half from single draws: both must be N(0, 1).
        float[] bulk = new float[N / 2 + 1];
        Ziggurat normal = new Ziggurat(seed);
        normal.fill(bulk, 1, bulk.length);
        double[] z = new double[N];
        for (int i = 0; i < N / 2; i++) {
            z[i] = bulk[i + 1];
            z[N / 2 + i] = normal.next();
        }
        return z;
    }

    @Test
    void momentsAreThoseOfAStandardNormal() {
        double[] z = draws(7);
        double m1 = 0, m2 = 0, m3 = 0, m4 = 0;
        for (double v : z) {
            m1 += v;
            m2 += v * v;
            m3 += v * v * v;
            m4 += v * v * v * v;
        }
        // Standard errors for 2e6 draws: mean 7e-4, variance 1e-3, skewness 1.7e-3, kurtosis 3.5e-3; 5 sigma below.
        assertEquals(0, m1 / N, 0.0035);
        assertEquals(1, m2 / N, 0.005);
        assertEquals(0, m3 / N, 0.01);
        assertEquals(3, m4 / N, 0.03);
    }

    @Test
    void tailsBeyondTheZigguratBaseHaveTheNormalProbability() {
        double[] z = draws(11);
        // P(|Z| > 3.5) = 4.653e-4 (the tail region r = 3.44 is drawn by the exact tail method), P(|Z| > 2) = 0.0455.
        long beyond35 = Arrays.stream(z).filter(v -> Math.abs(v) > 3.5).count();
        long beyond2 = Arrays.stream(z).filter(v -> Math.abs(v) > 2).count();
        double expected35 = 4.6525e-4 * N, expected2 = 0.0455003 * N;
        assertEquals(expected35, beyond35, 5 * Math.sqrt(expected35), "draws beyond 3.5");
        assertEquals(expected2, beyond2, 5 * Math.sqrt(expected2), "draws beyond 2");
        assertTrue(Arrays.stream(z).anyMatch(v -> v > 4) && Arrays.stream(z).anyMatch(v -> v < -4),
                "both tails beyond 4 are reached");
    }

    @Test
    void kolmogorovSmirnovDistanceIsSmall() {
        double[] z = draws(3);
        Arrays.sort(z);
        double d = 0;
        for (int i = 0; i < N; i++) {
            double cdf = normalCdf(z[i]);
            d = Math.max(d, Math.max(cdf - (double) i / N, (double) (i + 1) / N - cdf));
        }
        // The 0.1 % critical value of the KS statistic is 1.95 / sqrt(N) = 1.4e-3.
        assertTrue(d < 1.95 / Math.sqrt(N), "KS distance " + d);
    }

    @Test
    void sameSeedSameDraws() {
        assertArrayEquals(draws(5), draws(5));
    }

    /** Phi(x) by the complementary error function (Numerical Recipes erfcc, |error| < 1.2e-7). */
    private static double normalCdf(double x) {
        double t = 1 / (1 + 0.5 * Math.abs(x) / Math.sqrt(2));
        double y = x / Math.sqrt(2);
        double erfc = t * Math.exp(-y * y - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223
                + t * 0.17087277)))))))));
        return x >= 0 ? 1 - erfc / 2 : erfc / 2;
    }
}
