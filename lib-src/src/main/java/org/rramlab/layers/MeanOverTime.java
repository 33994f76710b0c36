package org.rramlab.layers;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * [n, T, f] -> [n, f]: the mean of the sequence's steps (the CRNN averages its RNN's hidden states). One Java pass each
 * way: ND4J's broadcast and copies cost ~0.8 ms per CRNN batch in backward for 15k values.
 */
public final class MeanOverTime implements Layer {
    private long[] inShape;
    private double[] values = new double[0], means = new double[0];

    @Override public INDArray forward(INDArray x, boolean training) {
        if (x.rank() != 3) throw new IllegalArgumentException("mean over time: expected input [n, T, f], got " + Arrays.toString(x.shape()));
        inShape = x.shape();
        int n = (int) inShape[0], steps = (int) inShape[1], f = (int) inShape[2];
        double[] v = HostCopy.read(x, buffer(n * steps * f), 0), m = meanBuffer(n * f);
        // FLOAT sums in float, step after step, as ND4J's mean did: the same numbers
        boolean single = x.dataType() == org.nd4j.linalg.api.buffer.DataType.FLOAT;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < f; k++) {
                double sum = 0;
                for (int t = 0; t < steps; t++) {
                    sum += v[(i * steps + t) * f + k];
                    if (single) sum = (float) sum;
                }
                m[i * f + k] = sum / steps;
            }
        }
        INDArray out = Nd4j.createUninitialized(x.dataType(), n, f);
        HostCopy.write(out, m, 0);
        return out;
    }

    @Override public INDArray backward(INDArray gradOut) {
        // every step receives 1/T of the gradient
        int n = (int) inShape[0], steps = (int) inShape[1], f = (int) inShape[2];
        double[] g = HostCopy.read(gradOut, meanBuffer(n * f), 0), d = buffer(n * steps * f);
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < steps; t++) {
                for (int k = 0; k < f; k++) d[(i * steps + t) * f + k] = g[i * f + k] / steps;
            }
        }
        INDArray dx = Nd4j.createUninitialized(gradOut.dataType(), inShape);
        HostCopy.write(dx, d, 0);
        return dx;
    }

    private double[] buffer(int length) {
        if (values.length != length) values = new double[length];
        return values;
    }

    private double[] meanBuffer(int length) {
        if (means.length != length) means = new double[length];
        return means;
    }

    @Override public String describe() { return "mean over time"; }
}
