package org.rramlab.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link Simd#zeroWhereNotPositive} in SIMD registers: a compare and a blend, no branch per element. */
final class VectorSelect {
    private VectorSelect() {}

    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;

    static void zeroWhereNotPositive(float[] gate, float[] values, int from, int to) {
        int lanes = FLOATS.length(), i = from;
        FloatVector zero = FloatVector.zero(FLOATS);
        for (; i + lanes <= to; i += lanes) {
            FloatVector g = FloatVector.fromArray(FLOATS, gate, i);
            // lanes where gate > 0 keep their value, the others (NaN included) become +0, as the scalar loop
            zero.blend(FloatVector.fromArray(FLOATS, values, i), g.compare(VectorOperators.GT, 0f)).intoArray(values, i);
        }
        Simd.zeroWhereNotPositiveScalar(gate, values, i, to);
    }
}
