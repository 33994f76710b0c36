package org.rramlab.layers;

import java.util.Arrays;
import java.util.function.UnaryOperator;
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
        int n = sorted.length;
        if (afterRelu) {
            int codes = (1 << bits) - 1, zeros = 0;
            while (zeros < n && sorted[zeros] == 0) zeros++;
            double[] q = new double[codes + 1];
            q[0] = sorted[0];
            for (int k = 0; k < codes; k++) {
                int i = (int) Math.round((k + 0.5) / codes * (n - zeros)) + zeros;
                q[k + 1] = sorted[Math.min(n - 1, i)];
            }
            return q;
        }
        int codes = 1 << bits;
        double[] q = new double[codes];
        for (int k = 0; k < codes; k++) q[k] = sorted[Math.min(n - 1, (int) Math.round((k + 0.5) / codes * n))];
        return q;
    }

    /** The quantised copy of {@code x}. */
    @Override public INDArray apply(INDArray x) {
        double[] v = x.dup('c').data().asDouble();
        if (v.length == 0) return x.dup();
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        double[] q = levels(sorted);
        double[] mid = new double[q.length - 1];
        for (int i = 0; i < mid.length; i++) mid[i] = (q[i] + q[i + 1]) / 2;
        for (int i = 0; i < v.length; i++) {
            // first level whose upper midpoint is >= v: values on a midpoint go down, as in the script
            int lo = 0, hi = mid.length;
            while (lo < hi) {
                int m = (lo + hi) >>> 1;
                if (v[i] <= mid[m]) hi = m; else lo = m + 1;
            }
            v[i] = q[lo];
        }
        return Nd4j.createFromArray(v).castTo(x.dataType()).reshape('c', x.shape());
    }

    @Override public INDArray forward(INDArray x, boolean training) { return apply(x); }

    @Override public INDArray backward(INDArray gradOut) { return gradOut; }

    public int bits() { return bits; }
    public boolean afterRelu() { return afterRelu; }

    @Override public String describe() { return "q" + bits + (afterRelu ? " quantile+" : " quantile"); }
}
