package org.rramlab.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link Simd#minMax} and {@link Simd#quantise} in SIMD registers; the same arithmetic as the scalar loops. */
final class VectorQuantise {
    private VectorQuantise() {}

    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;

    static float[] minMax(float[] v, int from, int to) {
        int lanes = FLOATS.length(), i = from;
        FloatVector lo = FloatVector.broadcast(FLOATS, Float.POSITIVE_INFINITY), hi = FloatVector.broadcast(FLOATS, Float.NEGATIVE_INFINITY);
        for (; i + lanes <= to; i += lanes) {
            FloatVector x = FloatVector.fromArray(FLOATS, v, i);
            lo = lo.min(x);   // as Math.min: a NaN propagates, which is how it is detected
            hi = hi.max(x);
        }
        float min = lo.reduceLanes(VectorOperators.MIN), max = hi.reduceLanes(VectorOperators.MAX);
        for (; i < to; i++) {
            min = Math.min(min, v[i]);
            max = Math.max(max, v[i]);
        }
        return Float.isNaN(min) || Float.isNaN(max) ? new float[] {Float.NaN, Float.NaN} : new float[] {min, max};
    }

    /** Callers keep (max − min)·inverseStep below 2²² (22-bit converters), where the rounding trick is exact. */
    static void quantise(float[] v, int from, int to, float min, float max, float step, float inverseStep) {
        // the same operations, in the same order, as Simd.quantiseScalar; no masks and no float<->int conversions,
        // which JDK 17 does not compile to vector instructions (they made this loop 15x slower)
        int lanes = FLOATS.length(), i = from;
        float limit = Simd.ROUNDING_LIMIT;
        for (; i + lanes <= to; i += lanes) {
            FloatVector t = FloatVector.fromArray(FLOATS, v, i).max(min).min(max).sub(min).mul(inverseStep);
            t.add(limit).sub(limit).mul(step).add(min).intoArray(v, i);
        }
        Simd.quantiseScalar(v, i, to, min, max, step, inverseStep);
    }
}
