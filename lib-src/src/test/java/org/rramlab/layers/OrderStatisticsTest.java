package org.rramlab.layers;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Selected order statistics against a full sort, on floats with repeats, signed zeros, infinities and NaN. */
class OrderStatisticsTest {

    @Test void selectionEqualsTheSortedArray() {
        SplittableRandom random = new SplittableRandom(7);
        float[] specials = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_VALUE};
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(trial < 100 ? 200 : 20_000);
            int distinct = 1 + random.nextInt(trial % 3 == 0 ? 4 : 1000);   // few distinct values: many ties
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = random.nextInt(10) == 0 ? specials[random.nextInt(specials.length)] : (float) (random.nextInt(distinct) - distinct / 3) / 7;
            }
            float[] sorted = v.clone();
            Arrays.sort(sorted);
            int[] positions = new int[1 + random.nextInt(9)];
            for (int k = 0; k < positions.length; k++) positions[k] = random.nextInt(n);
            Arrays.sort(positions);
            int[] keys = new int[n];
            for (int i = 0; i < n; i++) keys[i] = OrderStatistics.key(v[i]);
            OrderStatistics.select(keys, positions);
            for (int p : positions) {
                assertEquals(Float.floatToIntBits(sorted[p]), Float.floatToIntBits(OrderStatistics.value(keys[p])), "trial " + trial + ", n " + n + ", position " + p);
            }
            int[] all = new int[n];
            for (int i = 0; i < n; i++) all[i] = keys[i];
            Arrays.sort(all);
            for (int i = 0; i < n; i++) assertEquals(Float.floatToIntBits(sorted[i]), Float.floatToIntBits(OrderStatistics.value(all[i])), "a permutation of the input");
        }
    }
}
