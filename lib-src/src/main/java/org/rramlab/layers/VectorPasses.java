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
}
