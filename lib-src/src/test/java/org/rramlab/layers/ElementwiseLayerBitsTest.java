package org.rramlab.layers;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The FLOAT fast paths of the element-wise layers (block passes, SIMD kernels, the written-out 2×2 pool) against plain
 * scalar loops of the same arithmetic, bit for bit: inputs with ties, signed zeros, NaN and sizes that leave tails.
 */
class ElementwiseLayerBitsTest {

    /** Gaussian values with zeros of both signs, repeated values, the smallest subnormal and a NaN or two sprinkled in. */
    private static float[] values(long seed, int length, boolean nan) {
        Random r = new Random(seed);
        float[] v = new float[length];
        for (int i = 0; i < length; i++) {
            v[i] = (float) (r.nextGaussian() * 3);
            switch (r.nextInt(100)) {
                case 0 -> v[i] = 0f;
                case 1 -> v[i] = -0f;
                case 2 -> v[i] = Float.MIN_VALUE;
                case 3, 4 -> v[i] = i > 0 ? v[i - 1] : v[i];
                case 5 -> v[i] = nan ? Float.NaN : v[i];
                default -> { }
            }
        }
        return v;
    }

    private static INDArray array(float[] v, long... shape) { return Nd4j.createFromArray(v).reshape('c', shape); }

    private static void assertSameBits(float[] expected, INDArray actual, String what) {
        float[] a = actual.dup('c').data().asFloat();
        assertEquals(expected.length, a.length, what);
        for (int i = 0; i < a.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(a[i])) {
                fail(what + ": element " + i + " is " + a[i] + ", expected " + expected[i]);
            }
        }
    }

    @Test void reluGradientIsTheGradientWhereTheOutputIsPositive() {
        for (int length : new int[] {7, 553, 3 * (1 << 15) + 5}) {
            float[] x = values(length, length, true), g = values(length + 1, length, true);
            Relu relu = new Relu();
            INDArray out = relu.forward(array(x, 1, length), true);
            float[] o = out.data().asFloat(), expected = new float[length];
            for (int i = 0; i < length; i++) expected[i] = o[i] > 0f ? g[i] : 0f;
            assertSameBits(expected, relu.backward(array(g, 1, length)), "relu gradient, " + length);
        }
    }

    /** The quantiser's loops before the block passes: a scan for min and max that skips NaN, then the double arithmetic. */
    private static float[] quantised(float[] v, int bits) {
        float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
        for (float f : v) { if (f < lo) lo = f; if (f > hi) hi = f; }
        double range = (double) hi - lo, step = range / ((1 << bits) - 1);
        float[] q = v.clone();
        if (range > 0) for (int i = 0; i < q.length; i++) q[i] = (float) (Math.rint((q[i] - lo) / step) * step + lo);
        return q;
    }

    @Test void activationQuantMatchesTheScalarArithmetic() {
        for (int length : new int[] {5, 1000, 3 * (1 << 15) + 3}) for (boolean nan : new boolean[] {false, true}) for (int bits : new int[] {1, 4, 8, 16}) {
            float[] v = values(length * 31L + bits, length, nan);
            assertSameBits(quantised(v, bits), new ActivationQuant(bits).forward(array(v, 1, length), true), "q" + bits + ", " + length + (nan ? " with NaN" : ""));
        }
        // all values non-negative with zeros of both signs (the low end is a zero), and a constant tensor
        float[] zeros = values(5, 4099, false);
        for (int i = 0; i < zeros.length; i++) zeros[i] = i % 7 == 0 ? (i % 2 == 0 ? 0f : -0f) : Math.abs(zeros[i]);
        assertSameBits(quantised(zeros, 4), new ActivationQuant(4).forward(array(zeros, 1, zeros.length), true), "q4 from zero");
        float[] constant = new float[300];
        java.util.Arrays.fill(constant, 1.25f);
        assertSameBits(constant, new ActivationQuant(4).forward(array(constant, 3, 100), true), "constant");
    }

    @Test void twoByTwoPoolKeepsTheFirstMaximumAndNaNOnlyWhenFirst() {
        int n = 3, c = 5, h = 9, w = 12, oh = h / 2, ow = w / 2;
        float[] v = values(11, n * c * h * w, true);
        float[] expected = new float[n * c * oh * ow];
        int[] arg = new int[expected.length];
        for (int p = 0, o = 0; p < n * c; p++) for (int oy = 0; oy < oh; oy++) for (int ox = 0; ox < ow; ox++, o++) {
            int best = p * h * w + 2 * oy * w + 2 * ox;
            for (int dy = 0; dy < 2; dy++) for (int dx = 0; dx < 2; dx++) {
                int i = p * h * w + (2 * oy + dy) * w + 2 * ox + dx;
                if (v[i] > v[best]) best = i;
            }
            expected[o] = v[best];
            arg[o] = best;
        }
        MaxPool2d pool = new MaxPool2d(2);
        assertSameBits(expected, pool.forward(array(v, n, c, h, w), true), "pool");
        float[] g = values(12, expected.length, false), dx = new float[v.length];
        for (int o = 0; o < g.length; o++) dx[arg[o]] += g[o];
        assertSameBits(dx, pool.backward(array(g, n, c, oh, ow)), "pool gradient");
    }

    /**
     * Batch norm's training statistics as the scalar loops sum them (per plane in four interleaved accumulators, the
     * planes of a channel in the order of n), its output and input gradient: against the layer's running averages,
     * output and gradient. Odd batches and planes leave a plane unpaired and tails in the accumulators.
     */
    @Test void batchNormStatisticsOutputAndGradientMatchTheScalarLoops() {
        int[][] shapes = {{6, 4, 12, 12}, {5, 3, 5, 5}, {7, 2, 3, 1}};
        for (int[] shape : shapes) {
            int n = shape[0], c = shape[1], plane = shape[2] * shape[3], count = n * plane;
            float[] x = values(shape[0] * 13L + shape[2], n * c * plane, false), g = values(shape[1] * 17L, n * c * plane, false);
            double[] mean = new double[c], var = new double[c];
            for (int ch = 0; ch < c; ch++) {
                for (int b = 0; b < n; b++) mean[ch] += interleavedSum(x, (b * c + ch) * plane, plane, 0, false);
                mean[ch] /= count;
                for (int b = 0; b < n; b++) var[ch] += interleavedSum(x, (b * c + ch) * plane, plane, mean[ch], true);
                var[ch] /= count;
            }
            float[] y = new float[x.length], dx = new float[x.length];
            double[] sumG = new double[c], sumGX = new double[c];
            for (int b = 0; b < n; b++) for (int ch = 0; ch < c; ch++) {
                float m = (float) mean[ch], s = (float) (1 / Math.sqrt(var[ch] + BatchNorm.EPS));
                double s0 = 0, s1 = 0, sx0 = 0, sx1 = 0;
                int whole = plane & ~1;   // two interleaved accumulators per sum, an odd plane's last element to the first
                for (int k = 0, i = (b * c + ch) * plane; k < plane; k++, i++) {
                    y[i] = ((x[i] - m) * s) * 1f + 0f;
                    float product = g[i] * ((x[i] - m) * s);
                    if (k < whole && k % 2 == 1) { s1 += g[i]; sx1 += product; } else { s0 += g[i]; sx0 += product; }
                }
                sumG[ch] += s0 + s1;
                sumGX[ch] += sx0 + sx1;
            }
            for (int b = 0; b < n; b++) for (int ch = 0; ch < c; ch++) {
                float m = (float) mean[ch], s = (float) (1 / Math.sqrt(var[ch] + BatchNorm.EPS));
                float a = (float) (1 / Math.sqrt(var[ch] + BatchNorm.EPS) * 1.0), gm = (float) (sumG[ch] / count), gxm = (float) (sumGX[ch] / count);
                for (int k = 0, i = (b * c + ch) * plane; k < plane; k++, i++) dx[i] = a * (g[i] - gm - ((x[i] - m) * s) * gxm);
            }
            BatchNorm bn = new BatchNorm(c, false);
            String what = "bn " + java.util.Arrays.toString(shape);
            assertSameBits(y, bn.forward(array(x, n, c, shape[2], shape[3]), true), what + " output");
            double unbiased = count / (double) (count - 1);
            float[] runningMean = new float[c], runningVar = new float[c];
            for (int ch = 0; ch < c; ch++) {
                runningMean[ch] = (float) ((1 - BatchNorm.MOMENTUM) * 0.0 + BatchNorm.MOMENTUM * mean[ch]);
                runningVar[ch] = (float) ((1 - BatchNorm.MOMENTUM) * 1.0 + BatchNorm.MOMENTUM * var[ch] * unbiased);
            }
            assertSameBits(runningMean, bn.runningMean().castTo(DataType.FLOAT), what + " running mean");
            assertSameBits(runningVar, bn.runningVar().castTo(DataType.FLOAT), what + " running variance");
            assertSameBits(dx, bn.backward(array(g, n, c, shape[2], shape[3])), what + " input gradient");
        }
    }

    /** Σ v or Σ (v − m)² over a plane in four interleaved double accumulators, the tail to the first. */
    private static double interleavedSum(float[] v, int from, int length, double m, boolean squares) {
        double[] s = new double[4];
        int whole = length & ~3;
        for (int k = 0; k < length; k++) {
            double d = squares ? (v[from + k] - m) * (v[from + k] - m) : v[from + k];
            s[k < whole ? k % 4 : 0] += d;
        }
        return (s[0] + s[1]) + (s[2] + s[3]);
    }
}
