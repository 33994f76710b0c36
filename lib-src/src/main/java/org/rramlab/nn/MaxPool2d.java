package org.rramlab.nn;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Non-overlapping max pooling, window = stride = {@code size}, on [n, c, h, w]. Rows/columns that do not fill a
 * window are dropped (PyTorch's floor mode). The gradient goes to the first maximum of each window (as PyTorch).
 * A plain loop that remembers the arg-max: at these sizes it beats ND4J's reshape/compare formulation ~10×.
 */
public final class MaxPool2d implements Layer {
    private final int size;
    private long[] inShape;
    private int[] argMax;   // flat input index of each output's maximum

    public MaxPool2d(int size) {
        if (size < 1) throw new IllegalArgumentException("size: expected >= 1, got " + size);
        this.size = size;
    }

    @Override public INDArray forward(INDArray x, boolean training) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException("maxpool input: expected [n, c, h, w], got " + Arrays.toString(x.shape()));
        }
        inShape = x.shape();
        int n = (int) inShape[0], c = (int) inShape[1], h = (int) inShape[2], w = (int) inShape[3];
        int oh = h / size, ow = w / size;
        if (oh == 0 || ow == 0) {
            throw new IllegalArgumentException("maxpool " + size + ": input " + h + "x" + w + " is smaller than the window");
        }
        double[] in = Im2Col.contiguous(x).data().asDouble();
        double[] out = new double[n * c * oh * ow];
        argMax = new int[out.length];
        int o = 0;
        for (int plane = 0; plane < n * c; plane++) {
            int base = plane * h * w;
            for (int oy = 0; oy < oh; oy++) for (int ox = 0; ox < ow; ox++, o++) {
                int best = base + oy * size * w + ox * size;
                for (int dy = 0; dy < size; dy++) for (int dx = 0; dx < size; dx++) {
                    int i = base + (oy * size + dy) * w + ox * size + dx;
                    if (in[i] > in[best]) best = i;
                }
                argMax[o] = best;
                out[o] = in[best];
            }
        }
        return Nd4j.createFromArray(out).castTo(x.dataType()).reshape('c', n, c, oh, ow);
    }

    @Override public INDArray backward(INDArray gradOut) {
        double[] g = Im2Col.contiguous(gradOut).data().asDouble();
        double[] dx = new double[(int) (inShape[0] * inShape[1] * inShape[2] * inShape[3])];
        for (int o = 0; o < g.length; o++) dx[argMax[o]] += g[o];
        return Nd4j.createFromArray(dx).castTo(gradOut.dataType()).reshape('c', inShape);
    }

    @Override public String describe() { return "maxpool " + size; }
}
