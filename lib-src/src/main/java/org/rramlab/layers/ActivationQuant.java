package org.rramlab.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.rramlab.simd.Parallel;

/**
 * Uniform per-tensor min–max quantisation to {@code bits} bits: what the chip's input DACs allow and what the
 * authors' scripts apply before the later layers (4 bits for Fashion-MNIST). The range is the tensor's own min and
 * max in every pass (training and test). The backward is the straight-through estimator: the gradient passes
 * unchanged, since rounding has zero derivative almost everywhere.
 */
public final class ActivationQuant implements Layer {
    private final int bits;
    private final double levels;

    public ActivationQuant(int bits) {
        if (bits < 1 || bits > 16) throw new IllegalArgumentException("bits: expected 1..16, got " + bits);
        this.bits = bits;
        this.levels = (1 << bits) - 1;
    }

    /** The quantised copy of {@code x} (a constant tensor maps to itself). */
    public INDArray quantise(INDArray x) {
        if (x.dataType() == org.nd4j.linalg.api.buffer.DataType.FLOAT) return quantiseFloat(x);
        double min = x.minNumber().doubleValue();
        double max = x.maxNumber().doubleValue();
        double range = max - min;
        if (range <= 0) return x.dup();
        double step = range / levels;
        INDArray q = x.sub(min).divi(step);
        Transforms.round(q, false);
        return q.muli(step).addi(min);
    }

    /**
     * One Java pass for min/max and one for rounding: ~2× faster than seven ND4J passes at 553k activations. Both are
     * split over the cores (min and max are exact in any order, each value is rounded on its own: the same numbers).
     */
    private INDArray quantiseFloat(INDArray x) {
        INDArray xc = Im2Col.contiguous(x);
        float[] v = HostScratch.read(xc, 0);   // this thread's buffer (a new array per call was zeroed first)
        int length = Math.toIntExact(xc.length());
        if (xc != x) Buffers.free(xc);   // a copy made here
        int chunks = Math.max(1, Math.min(Parallel.threads(), length >> 15));
        float[] lows = new float[chunks], highs = new float[chunks];
        Parallel.forEachTask(chunks, t -> {
            int from = (int) ((long) length * t / chunks), to = (int) ((long) length * (t + 1) / chunks);
            float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
            for (int i = from; i < to; i++) { float f = v[i]; if (f < lo) lo = f; if (f > hi) hi = f; }
            lows[t] = lo;
            highs[t] = hi;
        });
        float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
        for (int t = 0; t < chunks; t++) { min = Math.min(min, lows[t]); max = Math.max(max, highs[t]); }
        INDArray out = org.nd4j.linalg.factory.Nd4j.createUninitialized(x.dataType(), x.shape());
        double range = (double) max - min;
        if (range > 0) {
            double step = range / levels;
            float low = min;
            Parallel.forRange(length, 1 << 15, (from, to) -> {
                for (int i = from; i < to; i++) v[i] = (float) (Math.rint((v[i] - low) / step) * step + low);
            });
        }
        HostScratch.write(out, v);
        return out;
    }

    @Override public INDArray forward(INDArray x, boolean training) { return quantise(x); }

    @Override public INDArray backward(INDArray gradOut) { return gradOut; }

    public int bits() { return bits; }

    @Override public String describe() { return "q" + bits; }
}
