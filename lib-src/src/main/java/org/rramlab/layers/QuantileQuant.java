package org.rramlab.layers;

import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Per-tensor quantisation to {@code 2^bits} levels placed at quantiles of the tensor's own values: the
 * non-uniform mode ("un-uni") of the authors' spoken-digit script. Every value maps to the nearest level. Levels at
 * quantiles spend the few codes where the values are, which matters at 3 bits for long-tailed ReLU outputs, where
 * min–max levels ({@link ActivationQuant}) leave most values on the lowest one or two codes.
 *
 * <ul>
 *   <li>{@code afterRelu = false}: levels at the (k + ½)/2^bits quantiles, k = 0 … 2^bits − 1.</li>
 *   <li>{@code afterRelu = true}: level 0 is the minimum (the zeros ReLU made); the other 2^bits − 1 levels sit at
 *       the (k + ½)/(2^bits − 1) quantiles of the non-zero values.</li>
 * </ul>
 * Backward is the straight-through estimator. The levels are a few order statistics of the batch: a hardware DAC
 * would need them programmed per tensor, so this is the authors' emulation, not a claim about the chip.
 */
public final class QuantileQuant implements Layer, UnaryOperator<INDArray> {
    private final int bits;
    private final boolean afterRelu;

    public QuantileQuant(int bits, boolean afterRelu) {
        if (bits < 1 || bits > 8) throw new IllegalArgumentException("bits: expected 1..8, got " + bits);
        this.bits = bits;
        this.afterRelu = afterRelu;
    }

    /** The levels the authors' script picks for {@code values} (sorted ascending, possibly repeated). */
    public double[] levels(double[] sorted) {
        int n = sorted.length, zeros = 0;
        if (afterRelu) while (zeros < n && sorted[zeros] == 0) zeros++;
        int[] at = levelIndices(n, zeros);
        double[] q = new double[at.length];
        for (int k = 0; k < at.length; k++) q[k] = sorted[at[k]];
        return q;
    }

    /**
     * Where in the sorted values each level sits, ascending: after ReLU the minimum, then the quantiles of the
     * {@code n - zeros} non-zero values (the zeros lead the order when the minimum is zero).
     */
    private int[] levelIndices(int n, int zeros) {
        if (afterRelu) {
            int codes = (1 << bits) - 1;
            int[] at = new int[codes + 1];
            for (int k = 0; k < codes; k++) at[k + 1] = Math.min(n - 1, (int) Math.round((k + 0.5) / codes * (n - zeros)) + zeros);
            return at;
        }
        int codes = 1 << bits;
        int[] at = new int[codes];
        for (int k = 0; k < codes; k++) at[k] = Math.min(n - 1, (int) Math.round((k + 0.5) / codes * n));
        return at;
    }

    /** Midpoints between neighbouring levels: a value maps to the first level whose upper midpoint is >= it. */
    private static double[] midpoints(double[] q) {
        double[] mid = new double[q.length - 1];
        for (int i = 0; i < mid.length; i++) mid[i] = (q[i] + q[i + 1]) / 2;
        return mid;
    }

    /** The index of the level {@code v} maps to: values on a midpoint go down, as in the script. */
    private static int level(double v, double[] mid) {
        int lo = 0, hi = mid.length;
        while (lo < hi) {
            int m = (lo + hi) >>> 1;
            if (v <= mid[m]) hi = m; else lo = m + 1;
        }
        return lo;
    }

    /** The quantised copy of {@code x}. */
    @Override public INDArray apply(INDArray x) {
        if (x.length() == 0) return x.dup();
        if (x.dataType() == DataType.FLOAT) return applyFloat(x);
        double[] v = x.dup('c').data().asDouble();
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        double[] q = levels(sorted);
        double[] mid = midpoints(q);
        for (int i = 0; i < v.length; i++) v[i] = q[level(v[i], mid)];
        return Nd4j.createFromArray(v).castTo(x.dataType()).reshape('c', x.shape());
    }

    /**
     * FLOAT by bulk copies and a selection of the few order statistics the levels need instead of a whole sort: the
     * same numbers (the floats' order is {@link Arrays#sort(float[])}'s, kept by integer keys; the levels are floats).
     */
    private INDArray applyFloat(INDArray x) {
        INDArray c = Im2Col.contiguous(x);
        float[] v = Im2Col.get(c, null);
        if (c != x) Buffers.free(c);
        int n = v.length;
        int[] keys = new int[n];
        int minKey = Integer.MAX_VALUE, zeroCount = 0;
        for (int i = 0; i < n; i++) {
            int key = OrderStatistics.key(v[i]);
            keys[i] = key;
            if (key < minKey) minKey = key;
            if (v[i] == 0) zeroCount++;
        }
        int zeros = afterRelu && OrderStatistics.value(minKey) == 0 ? zeroCount : 0;
        int[] at = levelIndices(n, zeros);
        OrderStatistics.select(keys, at);
        double[] q = new double[at.length];
        for (int k = 0; k < at.length; k++) q[k] = OrderStatistics.value(keys[at[k]]);
        if (afterRelu) q[0] = OrderStatistics.value(minKey);
        double[] mid = midpoints(q);
        for (int i = 0; i < n; i++) v[i] = (float) q[level(v[i], mid)];
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, x.shape());
        Im2Col.put(out, v);
        return out;
    }

    @Override public INDArray forward(INDArray x, boolean training) { return apply(x); }

    @Override public INDArray backward(INDArray gradOut) { return gradOut; }

    public int bits() { return bits; }
    public boolean afterRelu() { return afterRelu; }

    @Override public String describe() { return "q" + bits + (afterRelu ? " quantile+" : " quantile"); }
}
