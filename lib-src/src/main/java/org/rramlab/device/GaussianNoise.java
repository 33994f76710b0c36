package org.rramlab.device;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;
import org.rramlab.simd.Simd;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A seeded source of standard normal noise that fills float ND4J arrays quickly: the hot path of every noisy read.
 *
 * <p>Two samplers, the same distribution: with {@code --add-modules jdk.incubator.vector} on the JVM (set by
 * {@code ./lab}, the Maven build and the notebook kernel) draws come from {@link Simd#gaussian} (SIMD Box–Muller,
 * ~0.6 ns per value); without it, from the JDK 17 ziggurat ({@link SplittableRandom#nextGaussian()}, ~2.4 ns). ND4J's
 * own Gaussian op draws ~0.18 G values/s here (1.5 ms for a 512x512 array); a hand-written scalar ziggurat and Commons
 * RNG's ZigguratSampler were only 8-18 % faster than the JDK's (docs/performance.md). {@link #sampler()} says which
 * one runs; the system property {@code rramlab.simd=off} forces the scalar one.
 *
 * <p>The array is cut into a fixed number of chunks, each drawn from its own stream split off a per-call seed, in
 * parallel; the numbers depend only on the seed, the number of calls and the sampler, never on the thread count.
 */
public final class GaussianNoise {
    private static final int CHUNKS = 16;
    private static final int BLOCK = 4096;   // floats written per bulk put: 16 KiB, stays in L1/L2
    private final long seed;
    private SplittableRandom master;
    private long draws;   // calls so far: with the seed, the generator's whole state (see seek)

    public GaussianNoise(long seed) {
        this.seed = seed;
        this.master = new SplittableRandom(seed);
    }

    /** The sampler in use: SIMD Box-Muller ({@link Simd#enabled()}) or the JDK's ziggurat. */
    public static String sampler() {
        return Simd.enabled() ? "Box-Muller, " + Simd.describe() : "JDK ziggurat (SplittableRandom.nextGaussian), scalar";
    }

    /** How many fills this generator has done: its state, for checkpoints ({@link #seek}). */
    public long draws() {
        return draws;
    }

    /**
     * Puts the generator where it was after {@code draws} fills (each takes {@code CHUNKS} values of the master
     * stream), so a run resumed from a checkpoint draws the same noise as an uninterrupted one.
     */
    public void seek(long draws) {
        if (draws < 0) {
            throw new IllegalArgumentException("draws: expected >= 0, got " + draws);
        }
        master = new SplittableRandom(seed);
        for (long i = 0; i < draws * CHUNKS; i++) {
            master.nextLong();
        }
        this.draws = draws;
    }

    /**
     * One noisy read in a single fused pass: {@code target[i] = mean[i] + sigma[i] * z_i}, z_i ~ N(0, 1) fresh.
     * {@code target} must be a dense, C-ordered FLOAT array of {@code mean.length} elements. Each chunk is written
     * straight into the target's native buffer through a small block that stays in cache: no full-size heap copy.
     */
    public void fillRead(INDArray target, float[] mean, float[] sigma) {
        if (target.dataType() != DataType.FLOAT || target.isView() || target.ordering() != 'c'
                || target.length() != mean.length || sigma.length != mean.length) {
            throw new IllegalArgumentException("target: " + target.dataType() + " " + target.ordering() + " of "
                    + target.length() + " elements, expected a dense C-ordered FLOAT array of " + mean.length);
        }
        long[] seeds = seeds();
        int n = mean.length;
        FloatBuffer buffer = target.data().asNioFloat();
        IntStream.range(0, CHUNKS).parallel().forEach(c -> {
            int from = (int) ((long) n * c / CHUNKS);
            int to = (int) ((long) n * (c + 1) / CHUNKS);
            SplittableRandom random = Simd.enabled() ? null : new SplittableRandom(seeds[c]);
            long counter = 0;
            FloatBuffer into = buffer.duplicate();
            float[] block = new float[Math.min(BLOCK, to - from)];
            for (int start = from; start < to; start += BLOCK) {
                int len = Math.min(BLOCK, to - start);
                if (Simd.enabled()) {
                    counter = Simd.gaussian(block, 0, mean, sigma, start, len, seeds[c], counter);
                } else {
                    for (int j = 0; j < len; j++) {
                        block[j] = mean[start + j] + sigma[start + j] * (float) random.nextGaussian();
                    }
                }
                into.put(start, block, 0, len);
            }
        });
    }

    private long[] seeds() {
        draws++;
        long[] seeds = new long[CHUNKS];
        for (int c = 0; c < CHUNKS; c++) {
            seeds[c] = master.nextLong();
        }
        return seeds;
    }

    /** Overwrites {@code target} (FLOAT) with independent N(0, 1) draws. */
    public void fill(INDArray target) {
        if (target.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("target: data type " + target.dataType() + ", expected FLOAT");
        }
        long[] seeds = seeds();
        boolean direct = !target.isView() && target.ordering() == 'c' && target.length() < Integer.MAX_VALUE;
        float[] all = direct ? null : new float[Math.toIntExact(target.length())];
        int n = Math.toIntExact(target.length());
        FloatBuffer buffer = direct ? target.data().asNioFloat() : null;
        int base = direct ? Math.toIntExact(target.offset()) : 0;
        IntStream.range(0, CHUNKS).parallel().forEach(c -> {
            int from = (int) ((long) n * c / CHUNKS);
            int to = (int) ((long) n * (c + 1) / CHUNKS);
            float[] chunk = direct ? new float[to - from] : all;
            int off = direct ? 0 : from;
            if (Simd.enabled()) {
                Simd.gaussian(chunk, off, null, null, 0, to - from, seeds[c], 0);
            } else {
                SplittableRandom random = new SplittableRandom(seeds[c]);
                for (int i = 0; i < to - from; i++) {
                    chunk[off + i] = (float) random.nextGaussian();
                }
            }
            if (direct) {
                buffer.duplicate().put(base + from, chunk);
            }
        });
        if (!direct) {
            target.assign(org.nd4j.linalg.factory.Nd4j.create(all, target.shape(), 'c'));
        }
    }
}
