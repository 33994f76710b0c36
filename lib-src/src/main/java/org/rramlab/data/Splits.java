package org.rramlab.data;

import java.util.Random;

/** Seeded index permutations shared by the data sets' random splits. */
public final class Splits {

    private Splits() {
    }

    /** A Fisher-Yates permutation of {@code 0..n-1} drawn from {@code new Random(seed)}: same seed, same order. */
    public static int[] permutation(int n, long seed) {
        if (n < 0) {
            throw new IllegalArgumentException("permutation: n must be >= 0, got " + n);
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
