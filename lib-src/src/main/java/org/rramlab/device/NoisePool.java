package org.rramlab.device;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;
import java.util.SplittableRandom;

/**
 * Read noise from a pool of standard normal draws made once, read at a fresh random offset on every read: the cheap
 * alternative to {@link GaussianNoise} for the hot path (a memory pass instead of 262,144 new draws per 512x512 read).
 *
 * <p>What it preserves and what not: within one read the values are independent N(0, 1) draws, exactly; a cell's
 * noise in two reads comes from different pool entries unless the two offsets coincide (probability 1 / (pool -
 * n)). What it gives up: two reads whose windows overlap share values, shifted (cell i of one read sees what cell
 * i + d saw in another). For accuracy-under-noise experiments this correlation between different cells at different
 * times is immaterial; for studies of noise correlations use {@link GaussianNoise}.
 */
public final class NoisePool {
    /** Default pool: 2^22 draws (16 MiB), 16 times a 512x512 array. */
    public static final int DEFAULT_SIZE = 1 << 22;

    private final float[] pool;
    private final SplittableRandom offsets;
    private float[] scratch = new float[0];   // reused: allocating 1 MiB per read costs ~0.1 ms

    public NoisePool(long seed, int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("size = " + size + ": expected a pool of > 0 draws");
        }
        SplittableRandom random = new SplittableRandom(seed);
        pool = new float[size];
        for (int i = 0; i < size; i++) {
            pool[i] = (float) random.nextGaussian();
        }
        offsets = random.split();
    }

    public int size() {
        return pool.length;
    }

    /** {@code target[i] = mean[i] + sigma[i] * pool[offset + i]} with a fresh random offset; see the class notes. */
    public void fillRead(INDArray target, float[] mean, float[] sigma) {
        int n = mean.length;
        if (target.dataType() != DataType.FLOAT || target.isView() || target.ordering() != 'c'
                || target.length() != n || sigma.length != n) {
            throw new IllegalArgumentException("target: " + target.dataType() + " " + target.ordering() + " of "
                    + target.length() + " elements, expected a dense C-ordered FLOAT array of " + n);
        }
        if (n > pool.length) {
            throw new IllegalArgumentException("read of " + n + " cells: larger than the pool of " + pool.length);
        }
        int offset = offsets.nextInt(pool.length - n + 1);
        if (scratch.length < n) {
            scratch = new float[n];
        }
        float[] out = scratch;
        for (int i = 0; i < n; i++) {
            out[i] = mean[i] + sigma[i] * pool[offset + i];
        }
        FloatBuffer buffer = target.data().asNioFloat();
        buffer.put(0, out, 0, n);
    }
}
