package org.rramlab.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

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

    /** One Java pass for min/max and one for rounding: ~2× faster than seven ND4J passes at 553k activations. */
    private INDArray quantiseFloat(INDArray x) {
        float[] v = Im2Col.get(Im2Col.contiguous(x), null);
        float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
        for (float f : v) { if (f < min) min = f; if (f > max) max = f; }
        INDArray out = org.nd4j.linalg.factory.Nd4j.create(x.dataType(), x.shape());
        double range = (double) max - min;
        if (range > 0) {
            double step = range / levels;
            for (int i = 0; i < v.length; i++) v[i] = (float) (Math.rint((v[i] - min) / step) * step + min);
        }
        Im2Col.put(out, v);
        return out;
    }

    @Override public INDArray forward(INDArray x, boolean training) { return quantise(x); }

    @Override public INDArray backward(INDArray gradOut) { return gradOut; }

    public int bits() { return bits; }

    @Override public String describe() { return "q" + bits; }
}
