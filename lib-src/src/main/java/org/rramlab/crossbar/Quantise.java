package org.rramlab.crossbar;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.stream.IntStream;

/**
 * Uniform quantisers shared by the DAC and ADC stages, as one fused pass over a heap copy of the values: a chain of
 * five ND4J element-wise ops cost ~0.3 ms on a 128x512 tensor, mostly per-op overhead, against well under 0.1 ms
 * for the fused loop. Results are exact and independent of the thread count.
 */
final class Quantise {
    private static final int CHUNKS = 8;

    private Quantise() {
    }

    /**
     * 2^bits levels spanning [min(x), max(x)] of the whole tensor; a constant tensor is left as it is.
     * {@code inPlace}: overwrite x (a dense C-ordered FLOAT array) or return a new array.
     */
    static INDArray minMax(INDArray x, int bits, boolean inPlace) {
        float[] v = values(x);
        int n = v.length;
        float[][] mm = new float[CHUNKS][];
        chunks(n).forEach(c -> {
            float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
            for (int i = from(n, c), end = from(n, c + 1); i < end; i++) {
                lo = Math.min(lo, v[i]);
                hi = Math.max(hi, v[i]);
            }
            mm[c] = new float[]{lo, hi};
        });
        float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
        for (float[] m : mm) {
            min = Math.min(min, m[0]);
            max = Math.max(max, m[1]);
        }
        levels(v, min, max, bits);
        return result(x, v, inPlace);
    }

    /** 2^bits levels spanning [-fullScale, fullScale]; values outside are clipped (the converter saturates). */
    static INDArray fixed(INDArray x, double fullScale, int bits, boolean inPlace) {
        float[] v = values(x);
        levels(v, (float) -fullScale, (float) fullScale, bits);
        return result(x, v, inPlace);
    }

    private static void levels(float[] v, float min, float max, int bits) {
        if (!(max > min)) {
            return;
        }
        float step = (max - min) / ((1L << bits) - 1), inv = 1 / step;
        int n = v.length;
        chunks(n).forEach(c -> {
            for (int i = from(n, c), end = from(n, c + 1); i < end; i++) {
                float q = Math.min(max, Math.max(min, v[i]));
                v[i] = min + Math.round((q - min) * inv) * step;
            }
        });
    }

    private static float[] values(INDArray x) {
        INDArray dense = x.dataType() == DataType.FLOAT && !x.isView() && x.ordering() == 'c'
                ? x : x.castTo(DataType.FLOAT).dup('c');
        float[] v = new float[(int) dense.length()];
        dense.data().asNioFloat().get((int) dense.offset(), v);
        return v;
    }

    private static INDArray result(INDArray x, float[] v, boolean inPlace) {
        if (inPlace && x.dataType() == DataType.FLOAT && !x.isView() && x.ordering() == 'c') {
            x.data().asNioFloat().put((int) x.offset(), v);
            return x;
        }
        return Nd4j.create(v, x.shape(), 'c');
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
