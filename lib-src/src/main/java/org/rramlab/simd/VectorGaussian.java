package org.rramlab.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Standard normal draws in SIMD registers (the JDK's incubating Vector API): the read-noise sampler of
 * {@link GaussianNoise} when the JVM runs with {@code --add-modules jdk.incubator.vector}. The only class that touches
 * that module; {@link GaussianNoise} falls back to the JDK's scalar ziggurat without it.
 *
 * <p>Uniform bits: SplitMix64 of a counter ({@code seed + k·γ}, the mix of {@link java.util.SplittableRandom}), so the
 * k-th word depends on the seed and k alone. Normals: the Box–Muller transform, two per pair of 32-bit words: radius
 * √(−2 ln u₁) with a 24-bit u₁ ∈ (0, 1], angle θ uniform on [−π/2, π/2) from 24 more bits, (±r·cos θ, r·sin θ) with
 * the sign from a spare bit (the same uniform point on the circle as θ ∈ [0, 2π), one transcendental call fewer:
 * cos θ = √((1 − sin θ)(1 + sin θ)) ≥ 0). Exact up to float rounding; tails cut at √(−2 ln 2⁻²⁴) = 5.77 σ (probability
 * beyond it 8·10⁻⁹). log and sin are polynomials built from IEEE-exact operations (so the same seed gives the same
 * bits before and after JIT compilation, and in the scalar tail): ~0.5 ns per value on one core here against 2.4 ns
 * for {@code SplittableRandom.nextGaussian}.
 */
final class VectorGaussian {
    private VectorGaussian() {}

    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;
    private static final long GAMMA = 0x9e3779b97f4a7c15L;
    /** γ·(0, 1, …, lanes − 1): the counter offsets of the lanes. */
    private static final LongVector OFFSETS = LongVector.zero(LONGS).addIndex(1).mul(GAMMA);
    private static final float UNIT = 1f / (1 << 24);
    private static final float PI_UNIT = (float) Math.PI * UNIT;
    private static final float HALF_PI = (float) (Math.PI / 2);
    /** Values per loop iteration: two float vectors (the cosine and the sine half of Box–Muller). */
    static final int STEP = 2 * FLOATS.length();

    /** Whether the vectors are wide enough to pay (8 floats, AVX2, or more). */
    static boolean worthwhile() {
        return FLOATS.length() >= 8 && FLOATS.length() == 2 * LONGS.length();
    }

    /**
     * {@code out[outFrom + j] = mean[from + j] + sigma[from + j] · z_j} for j < len (mean and sigma null: plain
     * z_j), the z drawn from words {@code counter, counter + 1, ...} of the stream {@code seed}. Returns the next unused
     * counter.
     */
    static long fill(float[] out, int outFrom, float[] mean, float[] sigma, int from, int len, long seed, long counter) {
        boolean shifted = mean != null;
        int j = 0;
        for (; j + STEP <= len; j += STEP, counter += 2L * LONGS.length()) {
            step(out, outFrom + j, mean, sigma, from + j, seed, counter, shifted);
        }
        // the tail (fewer than STEP values): the same operations on one word per pair of values
        for (; j < len; j += 2, counter++) {
            long word = mix(seed + counter * GAMMA);
            int high = (int) (word >>> 32), low = (int) word;
            float u1 = ((high >>> 8) + 1) * UNIT, angle = (low >>> 8) * PI_UNIT - HALF_PI;
            float radius = (float) Math.sqrt(log(u1) * -2f), sine = sin(angle);
            float cosine = Float.intBitsToFloat(Float.floatToRawIntBits((float) Math.sqrt((-sine + 1f) * (sine + 1f))) | (low << 31));
            for (int k = 0; k < 2 && j + k < len; k++) {
                float z = radius * (k == 0 ? cosine : sine);
                out[outFrom + j + k] = shifted ? Math.fma(z, sigma[from + j + k], mean[from + j + k]) : z;
            }
        }
        return counter;
    }

    /**
     * STEP values from words counter … counter + STEP/2 − 1, every operation written out in this one method: C2 boxes
     * a vector passed to a helper it does not inline, and with helpers it inlined only some (node and size limits),
     * which made the draw 2.5× slower. {@link #log(float)} and {@link #sin(float)} are the same steps, one lane.
     */
    private static void step(float[] out, int outAt, float[] mean, float[] sigma, int at, long seed, long counter, boolean shifted) {
        int lanes = FLOATS.length();
        LongVector wa = OFFSETS.add(seed + counter * GAMMA), wb = OFFSETS.add(seed + (counter + LONGS.length()) * GAMMA);
        wa = wa.lanewise(VectorOperators.XOR, wa.lanewise(VectorOperators.LSHR, 30)).mul(MIX1);   // SplitMix64
        wb = wb.lanewise(VectorOperators.XOR, wb.lanewise(VectorOperators.LSHR, 30)).mul(MIX1);
        wa = wa.lanewise(VectorOperators.XOR, wa.lanewise(VectorOperators.LSHR, 27)).mul(MIX2);
        wb = wb.lanewise(VectorOperators.XOR, wb.lanewise(VectorOperators.LSHR, 27)).mul(MIX2);
        IntVector a = wa.lanewise(VectorOperators.XOR, wa.lanewise(VectorOperators.LSHR, 31)).reinterpretAsInts();
        IntVector b = wb.lanewise(VectorOperators.XOR, wb.lanewise(VectorOperators.LSHR, 31)).reinterpretAsInts();
        FloatVector u1 = ((FloatVector) a.lanewise(VectorOperators.LSHR, 8).add(1).convert(VectorOperators.I2F, 0)).mul(UNIT);
        FloatVector angle = ((FloatVector) b.lanewise(VectorOperators.LSHR, 8).convert(VectorOperators.I2F, 0)).mul(PI_UNIT).sub(HALF_PI);
        // log u1 (as log(float))
        IntVector bits = u1.reinterpretAsInts().add(0x3f800000 - SQRT_HALF_BITS);
        FloatVector m = bits.lanewise(VectorOperators.AND, 0x007fffff).add(SQRT_HALF_BITS).reinterpretAsFloats();
        FloatVector e = bits.lanewise(VectorOperators.ASHR, 23).add(0x4b000000 + 128 - 127).reinterpretAsFloats().sub(8388608f + 128);
        FloatVector s = m.sub(1f).div(m.add(1f)), s2 = s.mul(s);
        FloatVector series = s2.fma(L9, L7).fma(s2, V_L5).fma(s2, V_L3).mul(s2);
        FloatVector logU1 = s.fma(series, s.add(s)).add(e.mul(LN2));
        FloatVector radius = logU1.mul(-2f).lanewise(VectorOperators.SQRT);
        // sin of the angle (as sin(float))
        FloatVector t2 = angle.mul(angle);
        FloatVector p = t2.fma(S11, S9).fma(t2, V_S7).fma(t2, V_S5).fma(t2, V_S3).mul(t2);
        FloatVector sine = angle.fma(p, angle);
        FloatVector cosine = sine.neg().add(1f).mul(sine.add(1f)).lanewise(VectorOperators.SQRT);   // (1-s)(1+s): no cancellation
        FloatVector z0 = radius.mul(cosine).reinterpretAsInts()
                .lanewise(VectorOperators.OR, b.lanewise(VectorOperators.LSHL, 31)).reinterpretAsFloats();   // random sign
        FloatVector z1 = radius.mul(sine);
        if (shifted) {
            z0 = z0.fma(FloatVector.fromArray(FLOATS, sigma, at), FloatVector.fromArray(FLOATS, mean, at));
            z1 = z1.fma(FloatVector.fromArray(FLOATS, sigma, at + lanes), FloatVector.fromArray(FLOATS, mean, at + lanes));
        }
        z0.intoArray(out, outAt);
        z1.intoArray(out, outAt + lanes);
    }

    // log and sin from +, ×, fma, ÷ and integer operations only: IEEE-exact operations give the same bits in the
    // interpreter, in compiled code and in the scalar tail. (The Vector API's own LOG/SIN call Intel SVML once compiled
    // and Java code before: the same seed then gave numbers differing in the last bits.)

    /** 2·atanh series coefficients 2/3, 2/5, 2/7, 2/9 for log(m) = 2s + s·s²·(2/3 + s²·(2/5 + ...)), s = (m−1)/(m+1). */
    private static final float L3 = 2f / 3, L5 = 2f / 5, L7 = 2f / 7, L9 = 2f / 9;
    private static final float LN2 = 0.6931471805599453f;
    private static final int SQRT_HALF_BITS = 0x3f3504f3;   // √½: the mantissa is reduced to [√½, √2)
    /** Taylor coefficients of sin up to θ¹¹: on [−π/2, π/2] the remainder is below 6·10⁻⁸. */
    private static final float S3 = -1f / 6, S5 = 1f / 120, S7 = -1f / 5040, S9 = 1f / 362880, S11 = -1f / 39916800;
    private static final FloatVector V_L3 = FloatVector.broadcast(FLOATS, L3), V_L5 = FloatVector.broadcast(FLOATS, L5),
            V_S3 = FloatVector.broadcast(FLOATS, S3), V_S5 = FloatVector.broadcast(FLOATS, S5), V_S7 = FloatVector.broadcast(FLOATS, S7);
    private static final long MIX1 = 0xbf58476d1ce4e5b9L, MIX2 = 0x94d049bb133111ebL;

    /** Natural log of positive, normal x, within ~2 ulp (one lane of step). */
    static float log(float x) {
        int bits = Float.floatToRawIntBits(x) + (0x3f800000 - SQRT_HALF_BITS);
        int exponent = (bits >> 23) - 127;
        float m = Float.intBitsToFloat((bits & 0x007fffff) + SQRT_HALF_BITS);
        float e = Float.intBitsToFloat(exponent + 0x4b000000 + 128) - (8388608f + 128);
        float s = (m - 1f) / (m + 1f), s2 = s * s;
        float series = Math.fma(Math.fma(Math.fma(s2, L9, L7), s2, L5), s2, L3) * s2;
        return Math.fma(s, series, s + s) + e * LN2;
    }

    /** sin θ for θ in [−π/2, π/2] (one lane of step). */
    static float sin(float t) {
        float t2 = t * t;
        float p = Math.fma(Math.fma(Math.fma(Math.fma(t2, S11, S9), t2, S7), t2, S5), t2, S3) * t2;
        return Math.fma(t, p, t);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * MIX1;
        z = (z ^ (z >>> 27)) * MIX2;
        return z ^ (z >>> 31);
    }
}
