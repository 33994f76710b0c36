package org.rramlab.simd;

/**
 * The vectorised kernels, or their scalar equivalents when the Vector API is not available (see the package
 * documentation). Measured here (one core, 64k floats): min/max 30 → 4 µs, quantisation 54 → 8 µs; Gaussian draws
 * 2.4 → 0.6 ns per value.
 */
public final class Simd {
    private Simd() {}

    private static final boolean ENABLED = detect();

    /** Whether the SIMD kernels run (the incubator module is in the boot layer and vectors hold ≥ 8 floats). */
    public static boolean enabled() {
        return ENABLED;
    }

    /** One line for logs and benchmarks: which kernels run, and how wide. */
    public static String describe() {
        return ENABLED ? "SIMD (jdk.incubator.vector, " + VectorGaussian.STEP / 2 + " floats per register)"
                : "scalar (run the JVM with --add-modules jdk.incubator.vector for the SIMD kernels)";
    }

    /** The system property {@code rramlab.simd=off} forces the scalar kernels (e.g. to compare them). */
    private static boolean detect() {
        if ("off".equalsIgnoreCase(System.getProperty("rramlab.simd", ""))) return false;
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) return false;
        try {
            return VectorGaussian.worthwhile();
        } catch (LinkageError e) {   // the module is there but this class loader cannot read it
            return false;
        }
    }

    /**
     * {@code out[outFrom + j] = mean[from + j] + sigma[from + j] · z_j} for j < len with z_j ~ N(0, 1) (mean and sigma
     * null: plain z_j), drawn from words {@code counter, counter + 1, ...} of the counter-based stream {@code seed};
     * returns the next unused counter. SIMD only: callers check {@link #enabled()} and otherwise use their scalar
     * generator.
     */
    public static long gaussian(float[] out, int outFrom, float[] mean, float[] sigma, int from, int len, long seed, long counter) {
        if (!ENABLED) throw new IllegalStateException("Simd.gaussian: the SIMD kernels are off (" + describe() + ")");
        return VectorGaussian.fill(out, outFrom, mean, sigma, from, len, seed, counter);
    }

    /**
     * {min, max} of {@code v[from, to)}; NaN in either when a value is NaN. Empty ranges give {+∞, −∞}.
     */
    public static float[] minMax(float[] v, int from, int to) {
        if (ENABLED) return VectorQuantise.minMax(v, from, to);
        float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
        boolean nan = false;
        for (int i = from; i < to; i++) {
            float x = v[i];
            lo = x < lo ? x : lo;
            hi = x > hi ? x : hi;
            nan |= x != x;
        }
        return nan ? new float[] {Float.NaN, Float.NaN} : new float[] {lo, hi};
    }

    /**
     * Uniform quantisation in place: each value of {@code v[from, to)} clamped to [min, max] and rounded to the nearest
     * level {@code min + k·step} (ties to the even k, as {@code torch.round}), {@code inverseStep = 1 / step}. NaN stays
     * NaN. Bit-identical with and without SIMD.
     */
    public static void quantise(float[] v, int from, int to, float min, float max, float step, float inverseStep) {
        if (ENABLED && (max - min) * inverseStep < ROUNDING_LIMIT / 2) {
            VectorQuantise.quantise(v, from, to, min, max, step, inverseStep);
            return;
        }
        quantiseScalar(v, from, to, min, max, step, inverseStep);
    }

    /**
     * {@code values[i] = 0} wherever {@code gate[i] > 0} does not hold (NaN included), for i in [from, to): ReLU's
     * gradient. The scalar loop branches per element and mispredicts on a ReLU's random signs: 10 ms against 0.3 ms
     * for 553,000 floats (the paper CNN's first activation), measured here.
     */
    public static void zeroWhereNotPositive(float[] gate, float[] values, int from, int to) {
        if (ENABLED) VectorSelect.zeroWhereNotPositive(gate, values, from, to);
        else zeroWhereNotPositiveScalar(gate, values, from, to);
    }

    static void zeroWhereNotPositiveScalar(float[] gate, float[] values, int from, int to) {
        for (int i = from; i < to; i++) if (!(gate[i] > 0f)) values[i] = 0f;
    }

    /**
     * The first index i in [from, to) where the mask an edge should have, |scores[i]| ≥ threshold, differs from
     * {@code mask[i]} (0 or 1), or where the sign of {@code scores[i]} (−1, 0 for ±0, +1) differs from {@code signs[i]};
     * {@code to} if there is none. For the mask update of pruned layers, where a step changes a few hundred of
     * hundreds of thousands of edges: the scalar loop over every edge cost 0.5–0.8 ms per MLP step, the scan touches
     * each register of scores once. NaN scores: callers reject them before (the threshold's selection does).
     */
    public static int nextMaskChange(float[] scores, float[] mask, float[] signs, float threshold, int from, int to) {
        if (ENABLED) return VectorMaskScan.nextMaskChange(scores, mask, signs, threshold, from, to);
        return nextMaskChangeScalar(scores, mask, signs, threshold, from, to);
    }

    static int nextMaskChangeScalar(float[] scores, float[] mask, float[] signs, float threshold, int from, int to) {
        for (int i = from; i < to; i++) {
            float s = scores[i];
            if ((Math.abs(s) >= threshold) != (mask[i] == 1f) || signOf(s) != signs[i]) return i;
        }
        return to;
    }

    /**
     * Counts over {@code values[from, to)}, written to {@code counts}: [0] how many have |v| ≥ hi, [1] |v| ≥ lo, [2]
     * |v| < lo (a NaN is in neither of the last two). For a top-k threshold that moves little from step to step.
     */
    public static void countAbs(float[] values, float lo, float hi, int from, int to, int[] counts) {
        if (ENABLED) VectorMaskScan.countAbs(values, lo, hi, from, to, counts);
        else countAbsScalar(values, lo, hi, from, to, counts);
    }

    /** The counts of {@link #countAbs} over [from, to), written to {@code counts}. */
    static void countAbsScalar(float[] values, float lo, float hi, int from, int to, int[] counts) {
        int atLeastHi = 0, atLeastLo = 0, belowLo = 0;
        for (int i = from; i < to; i++) {
            float a = Math.abs(values[i]);
            atLeastHi += a >= hi ? 1 : 0;
            atLeastLo += a >= lo ? 1 : 0;
            belowLo += a < lo ? 1 : 0;
        }
        counts[0] = atLeastHi;
        counts[1] = atLeastLo;
        counts[2] = belowLo;
    }

    /** The first index in [from, to) with lo ≤ |values[i]| < hi, or {@code to}. */
    public static int nextAbsInBand(float[] values, float lo, float hi, int from, int to) {
        if (ENABLED) return VectorMaskScan.nextAbsInBand(values, lo, hi, from, to);
        return nextAbsInBandScalar(values, lo, hi, from, to);
    }

    static int nextAbsInBandScalar(float[] values, float lo, float hi, int from, int to) {
        for (int i = from; i < to; i++) {
            float a = Math.abs(values[i]);
            if (a >= lo && a < hi) return i;
        }
        return to;
    }

    /** −1, 0 or +1: the sign of a score, 0 for ±0. */
    public static float signOf(float s) {
        return s > 0 ? 1f : s < 0 ? -1f : 0f;
    }

    /** 2²³: adding and subtracting it rounds a float in [0, 2²³) to an integer, ties to even (the FPU's mode). */
    static final float ROUNDING_LIMIT = 8388608f;

    static void quantiseScalar(float[] v, int from, int to, float min, float max, float step, float inverseStep) {
        for (int i = from; i < to; i++) {
            float t = (Math.min(Math.max(v[i], min), max) - min) * inverseStep;
            float k = t < ROUNDING_LIMIT ? (t + ROUNDING_LIMIT) - ROUNDING_LIMIT : (float) Math.rint(t);
            v[i] = k * step + min;
        }
    }
}
