package org.rramlab.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Simd#nextMaskChange}, {@link Simd#countAbs} and {@link Simd#nextAbsInBand} in SIMD registers: compares per
 * register of scores, a branch only per register.
 */
final class VectorMaskScan {
    private VectorMaskScan() {}

    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;

    static int nextMaskChange(float[] scores, float[] mask, float[] signs, float threshold, int from, int to) {
        int lanes = FLOATS.length(), i = from;
        FloatVector zero = FloatVector.zero(FLOATS), one = FloatVector.broadcast(FLOATS, 1f), minusOne = FloatVector.broadcast(FLOATS, -1f);
        for (; i + lanes <= to; i += lanes) {
            FloatVector s = FloatVector.fromArray(FLOATS, scores, i);
            VectorMask<Float> want = s.abs().compare(VectorOperators.GE, threshold);
            VectorMask<Float> kept = FloatVector.fromArray(FLOATS, mask, i).compare(VectorOperators.EQ, 1f);
            FloatVector sign = zero.blend(one, s.compare(VectorOperators.GT, 0f)).blend(minusOne, s.compare(VectorOperators.LT, 0f));
            VectorMask<Float> change = want.eq(kept).not().or(sign.compare(VectorOperators.NE, FloatVector.fromArray(FLOATS, signs, i)));
            if (change.anyTrue()) return i + change.firstTrue();
        }
        return Simd.nextMaskChangeScalar(scores, mask, signs, threshold, i, to);
    }

    static void countAbs(float[] values, float lo, float hi, int from, int to, int[] counts) {
        int lanes = FLOATS.length(), i = from, atLeastHi = 0, atLeastLo = 0, belowLo = 0;
        for (; i + lanes <= to; i += lanes) {
            FloatVector a = FloatVector.fromArray(FLOATS, values, i).abs();
            atLeastHi += a.compare(VectorOperators.GE, hi).trueCount();
            atLeastLo += a.compare(VectorOperators.GE, lo).trueCount();
            belowLo += a.compare(VectorOperators.LT, lo).trueCount();
        }
        Simd.countAbsScalar(values, lo, hi, i, to, counts);   // the tail, then the registers' counts added
        counts[0] += atLeastHi;
        counts[1] += atLeastLo;
        counts[2] += belowLo;
    }

    static int nextAbsInBand(float[] values, float lo, float hi, int from, int to) {
        int lanes = FLOATS.length(), i = from;
        for (; i + lanes <= to; i += lanes) {
            FloatVector a = FloatVector.fromArray(FLOATS, values, i).abs();
            VectorMask<Float> in = a.compare(VectorOperators.GE, lo).and(a.compare(VectorOperators.LT, hi));
            if (in.anyTrue()) return i + in.firstTrue();
        }
        return Simd.nextAbsInBandScalar(values, lo, hi, i, to);
    }
}
