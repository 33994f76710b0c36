package org.rramlab.layers;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The layers' element-wise arithmetic in SIMD registers, each the same operations in the same order as the scalar loop
 * it replaces (bit-identical results). Only touched when {@link org.rramlab.simd.Simd#enabled()}: a JVM without the
 * incubator module never loads this class.
 */
final class VectorPasses {
    private VectorPasses() {}

    /** Four floats, widened to the four doubles of one 256-bit register. */
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_128;
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_256;

    /** 2⁵²: for 0 ≤ t (or NaN, or +∞), (t + 2⁵²) − 2⁵² is {@code Math.rint(t)} (ties to even, the FPU's mode). */
    private static final double ROUNDING = 4503599627370496.0;

    /**
     * {@code v[i] = (float) (Math.rint((v[i] − low) / step) · step + low)} for i in [from, to), where every v[i] is at
     * least {@code low} or NaN (low is their minimum), so the quotient is never negative and the rounding is exact.
     * (The one quotient −0, of v = −0 and low = +0, rounds to +0 here and −0 in rint; either times step plus +0 is +0.)
     */
    static void quantise(float[] v, int from, int to, float low, double step) {
        int i = from;
        for (; i + 4 <= to; i += 4) {
            DoubleVector t = (DoubleVector) FloatVector.fromArray(FLOATS, v, i).sub(low).convertShape(VectorOperators.F2D, DOUBLES, 0);
            DoubleVector q = t.div(step).add(ROUNDING).sub(ROUNDING).mul(step).add(low);
            ((FloatVector) q.convertShape(VectorOperators.D2F, FLOATS, 0)).intoArray(v, i);
        }
        for (; i < to; i++) v[i] = (float) (Math.rint((v[i] - low) / step) * step + low);
    }

    /*
     * Batch norm's sums. Each scalar loop sums a plane in interleaved double accumulators, element i to accumulator
     * i mod k of its plane; here those k accumulators are the lanes of one register, so every lane adds the same
     * values in the same order. Two planes at a time: one register's additions wait out the adder's latency, two
     * keep it busier (the scalar loops' k accumulators were there for the same reason).
     */

    /**
     * BatchNorm.sum of the planes at {@code a} and {@code b} ({@code length} each) into {@code into[0]} and
     * {@code into[1]}: four accumulators, the tail to the first, then (s0 + s1) + (s2 + s3).
     */
    static void sums(float[] in, int a, int b, int length, double[] into) {
        DoubleVector sa = DoubleVector.zero(DOUBLES), sb = sa;
        int k = 0, last = length & ~3;
        for (; k < last; k += 4) {
            sa = sa.add(FloatVector.fromArray(FLOATS, in, a + k).convertShape(VectorOperators.F2D, DOUBLES, 0));
            sb = sb.add(FloatVector.fromArray(FLOATS, in, b + k).convertShape(VectorOperators.F2D, DOUBLES, 0));
        }
        double a0 = sa.lane(0), b0 = sb.lane(0);
        for (; k < length; k++) { a0 += in[a + k]; b0 += in[b + k]; }
        into[0] = (a0 + sa.lane(1)) + (sa.lane(2) + sa.lane(3));
        into[1] = (b0 + sb.lane(1)) + (sb.lane(2) + sb.lane(3));
    }

    /** BatchNorm.squaredDeviations (Σ (x − m)², in double) of the planes at {@code a} and {@code b}, as {@link #sums}. */
    static void squaredDeviations(float[] in, int a, int b, int length, double m, double[] into) {
        DoubleVector sa = DoubleVector.zero(DOUBLES), sb = sa;
        int k = 0, last = length & ~3;
        for (; k < last; k += 4) {
            DoubleVector da = ((DoubleVector) FloatVector.fromArray(FLOATS, in, a + k).convertShape(VectorOperators.F2D, DOUBLES, 0)).sub(m);
            DoubleVector db = ((DoubleVector) FloatVector.fromArray(FLOATS, in, b + k).convertShape(VectorOperators.F2D, DOUBLES, 0)).sub(m);
            sa = sa.add(da.mul(da));
            sb = sb.add(db.mul(db));
        }
        double a0 = sa.lane(0), b0 = sb.lane(0);
        for (; k < length; k++) {
            double da = in[a + k] - m, db = in[b + k] - m;
            a0 += da * da;
            b0 += db * db;
        }
        into[0] = (a0 + sa.lane(1)) + (sa.lane(2) + sa.lane(3));
        into[1] = (b0 + sb.lane(1)) + (sb.lane(2) + sb.lane(3));
    }
}
