package org.rramlab.crossbar;

import java.util.random.RandomGenerator;

/**
 * A random stream chosen by a key: every draw the store makes for one cell and one event (forming cell 17 of plane
 * G+, the 3rd switching event of the array, the frozen training read of a cell in its high state) starts a new
 * stream from a key mixed from the array's seed and those numbers. What a cell gets therefore depends on the seed, the
 * cell and the event alone, never on the order in which other cells were drawn, and a run resumed from a checkpoint
 * needs to save no generator state but one event counter.
 *
 * <p>The words are SplitMix64 of a counter (the mix of {@link java.util.SplittableRandom}); {@link #nextGaussian()}
 * is the JDK's default (a ziggurat on {@link #nextLong()}). One instance is reused: {@link #at} restarts it.
 */
final class KeyedRandom implements RandomGenerator {
    private static final long GAMMA = 0x9e3779b97f4a7c15L;
    private long state;

    /** Restarts the stream at {@code key} and returns this. */
    KeyedRandom at(long key) {
        state = mix(key);
        return this;
    }

    /** A key for (seed, a, b, c): distinct inputs give unrelated keys. */
    static long key(long seed, long a, long b, long c) {
        long h = mix(seed ^ 0x243F6A8885A308D3L);
        h = mix(h + a * GAMMA);
        h = mix(h + b * 0xC2B2AE3D27D4EB4FL);
        return mix(h + c * 0x165667B19E3779F9L);
    }

    @Override
    public long nextLong() {
        return mix(state += GAMMA);
    }

    /** One standard normal draw for a key, by Box–Muller on two words (cheaper than a new ziggurat stream). */
    static double gaussian(long key) {
        long a = mix(key + GAMMA), b = mix(key + 2 * GAMMA);
        double u = ((a >>> 11) + 1) * 0x1.0p-53;          // (0, 1]
        double v = (b >>> 11) * 0x1.0p-53;                // [0, 1)
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
