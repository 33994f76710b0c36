package org.rramlab.data.audio;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class FeaturesTest {

    private static float[] tone(double hz, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * hz * i / 8000));
        }
        return x;
    }

    @Test
    void paperMapIs23By20InUnitRangeAndZeroPadded() {
        float[] x = tone(1000, 2000); // 1 + 2000/400 = 6 real frames
        float[][] f = Features.compute(x);
        assertEquals(23, f.length);
        assertEquals(20, f[0].length);
        float min = 1, max = 0;
        for (float[] row : f) {
            for (int t = 0; t < 6; t++) {
                min = Math.min(min, row[t]);
                max = Math.max(max, row[t]);
            }
            for (int t = 6; t < 20; t++) {
                assertEquals(0f, row[t], "padding at frame " + t);
            }
        }
        assertEquals(0f, min);
        assertEquals(1f, max);
    }

    @Test
    void toneEnergyLandsInTheMelBinAroundItsFrequency() {
        Features features = new Features(FeatureConfig.PAPER);
        double[][] mel = features.logMel(tone(1000, 8000));
        int mid = mel[0].length / 2;
        int best = 0;
        for (int m = 1; m < mel.length; m++) {
            if (mel[m][mid] > mel[best][mid]) {
                best = m;
            }
        }
        double[][] filters = Features.melFilterbank(FeatureConfig.PAPER);
        int bin1k = (int) Math.round(1000 * 1024 / 8000.0);
        assertTrue(filters[best][bin1k] > 0.4, "strongest mel bin " + best + " does not cover 1 kHz");
    }

    @Test
    void longRecordingsAreCutAtTwentyFrames() {
        float[][] f = Features.compute(tone(500, 20000));
        // a steady tone: the last kept frame looks like a middle one, not like zero padding
        float lastColumnSum = 0;
        for (float[] row : f) {
            assertEquals(row[10], row[19], 1e-3);
            lastColumnSum += row[19];
        }
        assertTrue(lastColumnSum > 1, "last frame is real signal, sum " + lastColumnSum);
        assertEquals(1 + 20000 / 400, new Features(FeatureConfig.PAPER).logMel(tone(500, 20000))[0].length);
    }

    @Test
    void deterministicAndMfccHasItsShape() {
        float[] x = tone(300, 3000);
        assertArrayEquals(Features.compute(x), Features.compute(x));
        float[][] mfcc = Features.compute(x, FeatureConfig.MFCC);
        assertEquals(23, mfcc.length);
        assertEquals(20, mfcc[0].length);
    }

    @Test
    void silenceAndEmptyAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Features.compute(new float[800]));
        assertTrue(e.getMessage().contains("silent"));
        assertThrows(IllegalArgumentException.class, () -> Features.compute(new float[0]));
    }

    @Test
    void configIsValidated() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FeatureConfig(8000, 800,
                400, 512, 23, 23, 20, 20, 4000, 0.97, 80, FeatureConfig.Kind.LOG_MEL));
        assertTrue(e.getMessage().contains("fftSize = 512"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new FeatureConfig(8000, 800, 400, 1024, 23, 23, 20, 20,
                5000, 0.97, 80, FeatureConfig.Kind.LOG_MEL));
        assertTrue(e.getMessage().contains("maxHz"), e.getMessage());
    }
}
