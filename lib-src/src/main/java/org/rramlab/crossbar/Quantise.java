package org.rramlab.crossbar;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.stream.IntStream;
import org.rramlab.simd.Simd;

/**
 * Uniform quantisers shared by the DAC and ADC stages, as one fused pass over a reused heap copy of the values
 * ({@link Simd} kernels: vectorised when the JVM has the Vector API, bit-identical either way).
 * Why not ND4J ops: a chain of five element-wise ops cost ~0.3 ms on a 128x512 tensor, mostly per-op overhead, and
 * allocating a fresh array (Nd4j.create) ~0.15 ms; the fused loop on a reused buffer takes well under 0.1 ms.
 * Results are exact and independent of the thread count. An instance keeps its scratch buffer: one per user, not
 * shared between threads.
 */
final class Quantise {
    private static final int CHUNKS = 8;
    private float[] scratch = new float[0];

    /**
     * Writes into {@code dst} (dense C-ordered FLOAT, same length; may be {@code src}) 2^bits levels over [min, max]
     * of src. {@code what} names the tensor in the exception thrown when it holds NaN (a diverged network upstream).
     */
    INDArray minMax(INDArray src, INDArray dst, int bits, String what) {
        float[] v = load(src);
        int n = (int) src.length();
        float[][] mm = new float[CHUNKS][];
        chunks(n).forEach(c -> mm[c] = Simd.minMax(v, from(n, c), from(n, c + 1)));
        float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
        for (float[] m : mm) {
            if (Float.isNaN(m[0])) {
                throw new IllegalArgumentException(what + ": contains NaN; expected finite values");
            }
            min = Math.min(min, m[0]);
            max = Math.max(max, m[1]);
        }
        levels(v, n, min, max, bits);
        return store(v, dst);
    }

    /** Writes into {@code dst} 2^bits levels over [-fullScale, fullScale]; values outside saturate. */
    INDArray fixed(INDArray src, INDArray dst, double fullScale, int bits) {
        float[] v = load(src);
        levels(v, (int) src.length(), (float) -fullScale, (float) fullScale, bits);
        return store(v, dst);
    }

    /** A new dense C-ordered FLOAT array of {@code x}'s shape, uninitialised: a destination. */
    static INDArray like(INDArray x) {
        return Nd4j.createUninitialized(DataType.FLOAT, x.shape(), 'c');
    }

    static boolean dense(INDArray x) {
        return x.dataType() == DataType.FLOAT && !x.isView() && x.ordering() == 'c';
    }

    private static void levels(float[] v, int n, float min, float max, int bits) {
        if (!(max > min)) {
            return;
        }
        float step = (max - min) / ((1L << bits) - 1), inv = 1 / step;
        chunks(n).forEach(c -> Simd.quantise(v, from(n, c), from(n, c + 1), min, max, step, inv));
    }

    private float[] load(INDArray x) {
        INDArray d = dense(x) ? x : x.castTo(DataType.FLOAT).dup('c');
        int n = (int) d.length();
        if (scratch.length < n) {
            scratch = new float[n];
        }
        d.data().asNioFloat().get((int) d.offset(), scratch, 0, n);
        return scratch;
    }

    private static INDArray store(float[] v, INDArray dst) {
        if (!dense(dst)) {
            throw new IllegalStateException("quantiser destination must be a dense C-ordered FLOAT array");
        }
        dst.data().asNioFloat().put((int) dst.offset(), v, 0, (int) dst.length());
        return dst;
    }

    /** Parallel only for large tensors: for a 128x512 tensor the fork costs more than it saves on 2 busy cores. */
    private static IntStream chunks(int n) {
        IntStream s = IntStream.range(0, CHUNKS);
        return n >= (1 << 18) ? s.parallel() : s;
    }

    private static int from(int n, int chunk) {
        return (int) ((long) n * chunk / CHUNKS);
    }
}
