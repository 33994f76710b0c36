package org.rramlab.simd;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** ReLU's gradient gate in SIMD registers gives exactly the scalar loop's numbers, NaN, ±0 and range ends included. */
class VectorSelectTest {

    @Test void zeroWhereNotPositiveIsBitIdenticalToTheScalarLoop() {
        for (int n : new int[] {1, 7, 8, 9, 33, 1000, 65_536 + 3}) {
            SplittableRandom r = new SplittableRandom(n);
            float[] gate = new float[n], values = new float[n];
            for (int i = 0; i < n; i++) {
                gate[i] = Math.max(0f, (float) r.nextGaussian());
                values[i] = (float) r.nextGaussian();
            }
            gate[0] = Float.NaN;
            if (n > 3) { gate[1] = -0f; gate[2] = Float.MIN_VALUE; gate[3] = -1f; }
            for (int[] range : new int[][] {{0, n}, {Math.min(1, n), Math.max(Math.min(1, n), n - 2)}}) {
                float[] scalar = values.clone(), vector = values.clone();
                Simd.zeroWhereNotPositiveScalar(gate, scalar, range[0], range[1]);
                VectorSelect.zeroWhereNotPositive(gate, vector, range[0], range[1]);
                for (int i = 0; i < n; i++) {
                    assertEquals(Float.floatToRawIntBits(scalar[i]), Float.floatToRawIntBits(vector[i]),
                            "n " + n + ", range " + range[0] + ".." + range[1] + ", element " + i + " (gate " + gate[i] + ")");
                    boolean inside = i >= range[0] && i < range[1];
                    float expected = inside && !(gate[i] > 0f) ? 0f : values[i];
                    assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(vector[i]), "n " + n + ", element " + i);
                }
            }
        }
    }
}
