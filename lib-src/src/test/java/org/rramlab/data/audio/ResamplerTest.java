package org.rramlab.data.audio;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class ResamplerTest {

    private static float[] tone(double hz, int rate, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) Math.sin(2 * Math.PI * hz * i / rate);
        }
        return x;
    }

    /** Largest error against the exact tone, away from the edges where the kernel runs off the signal. */
    private static double maxError(float[] y, double hz, int rate) {
        double worst = 0;
        for (int i = 200; i < y.length - 200; i++) {
            worst = Math.max(worst, Math.abs(y[i] - Math.sin(2 * Math.PI * hz * i / rate)));
        }
        return worst;
    }

    private static double rms(float[] y) {
        double s = 0;
        for (int i = 200; i < y.length - 200; i++) {
            s += y[i] * y[i];
        }
        return Math.sqrt(s / (y.length - 400));
    }

    @Test
    void downsamplingKeepsAnInBandTone() {
        float[] y = Resampler.resample(tone(1000, 44100, 44100), 44100, 8000);
        assertEquals(8000, y.length);
        assertTrue(maxError(y, 1000, 8000) < 0.01, "error " + maxError(y, 1000, 8000));
    }

    @Test
    void upsamplingKeepsATone() {
        float[] y = Resampler.resample(tone(700, 4000, 4000), 4000, 8000);
        assertEquals(8000, y.length);
        assertTrue(maxError(y, 700, 8000) < 0.01, "error " + maxError(y, 700, 8000));
    }

    @Test
    void downsamplingRemovesWhatWouldAlias() {
        // 6 kHz at 16 kHz would fold to 2 kHz at 8 kHz without the low-pass filter
        float[] y = Resampler.resample(tone(6000, 16000, 16000), 16000, 8000);
        assertTrue(rms(y) < 1e-3, "aliased rms " + rms(y));
    }

    @Test
    void sameRateIsACopyAndBadRatesAreNamed() {
        float[] x = {1, 2, 3};
        assertArrayEquals(x, Resampler.resample(x, 8000, 8000));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Resampler.resample(x, 0, 8000));
        assertTrue(e.getMessage().contains("fromRate=0"));
    }
}
