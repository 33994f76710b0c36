package org.rramlab.layers;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rramlab.simd.Parallel;

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
        INDArray given = x;
        x = Im2Col.contiguous(x);
        int outLength = n * c * oh * ow;
        if (argMax == null || argMax.length != outLength) argMax = new int[outLength];
        if (x.dataType() == DataType.FLOAT) {
            // bulk pointer copies both ways: DataBuffer.asFloat and createFromArray(double[]).castTo cost ~10x the loop
            float[] in = HostScratch.read(x, 0);
            if (x != given) Buffers.free(x);   // a copy made here
            float[] out = HostScratch.get(1, outLength);
            int[] arg = argMax;
            // planes split over the cores: each writes only its own outputs
            Parallel.forRange(n * c, Math.max(1, (1 << 15) / (h * w)), (firstPlane, endPlane) -> {
                if (size == 2) {
                    maxima2x2(in, out, arg, firstPlane, endPlane, h, w, oh, ow);
                    return;
                }
                int o = firstPlane * oh * ow;
                for (int plane = firstPlane; plane < endPlane; plane++) {
                    int base = plane * h * w;
                    for (int oy = 0; oy < oh; oy++) for (int ox = 0; ox < ow; ox++, o++) {
                        int best = base + oy * size * w + ox * size;
                        float max = in[best];
                        for (int dy = 0; dy < size; dy++) for (int dx = 0, i = base + (oy * size + dy) * w + ox * size; dx < size; dx++, i++) {
                            if (in[i] > max) { max = in[i]; best = i; }
                        }
                        arg[o] = best;
                        out[o] = max;
                    }
                }
            });
            INDArray y = Nd4j.createUninitialized(DataType.FLOAT, n, c, oh, ow);
            HostScratch.write(y, out);
            return y;
        }
        double[] in = x.data().asDouble();
        double[] out = new double[outLength];
        findMaxima(in, n * c, h, w, oh, ow);
        for (int o = 0; o < outLength; o++) out[o] = in[argMax[o]];
        return Nd4j.createFromArray(out).castTo(x.dataType()).reshape('c', n, c, oh, ow);
    }

    /**
     * FLOAT 2×2 windows of planes [firstPlane, endPlane): the general loop's scan (a, b, then the row below; a value
     * replaces the maximum only when greater, so the first maximum wins and NaN only when first) written out, faster
     * than the two nested window loops (which the compiler does not unroll) and without branches on the data.
     */
    private static void maxima2x2(float[] in, float[] out, int[] arg, int firstPlane, int endPlane, int h, int w, int oh, int ow) {
        int o = firstPlane * oh * ow;
        for (int plane = firstPlane; plane < endPlane; plane++) {
            int base = plane * h * w;
            for (int oy = 0; oy < oh; oy++) for (int ox = 0, i = base + 2 * oy * w; ox < ow; ox++, o++, i += 2) {
                // each compare becomes 0 or 1 and moves the index arithmetically, the maximum read back from it: the
                // branches of "if (v > max) {...}" were mispredicted about every other window on real activations
                // (14.5 ns per window, 5.5 ns now); the same compares in the same order, so the same result
                int best = i;
                best += in[i + 1] > in[best] ? 1 : 0;
                best += (in[i + w] > in[best] ? 1 : 0) * (i + w - best);
                best += (in[i + w + 1] > in[best] ? 1 : 0) * (i + w + 1 - best);
                arg[o] = best;
                out[o] = in[best];
            }
        }
    }

    /** DOUBLE path: fills {@link #argMax} with the flat input index of each window's first maximum. */
    private void findMaxima(double[] in, int planes, int h, int w, int oh, int ow) {
        int o = 0;
        for (int plane = 0; plane < planes; plane++) {
            int base = plane * h * w;
            for (int oy = 0; oy < oh; oy++) for (int ox = 0; ox < ow; ox++, o++) {
                int best = base + oy * size * w + ox * size;
                for (int dy = 0; dy < size; dy++) for (int dx = 0; dx < size; dx++) {
                    int i = base + (oy * size + dy) * w + ox * size + dx;
                    if (in[i] > in[best]) best = i;
                }
                argMax[o] = best;
            }
        }
    }

    /** The input gradient: each output's gradient scattered to the arg-max stored by the forward pass. */
    @Override public INDArray backward(INDArray gradOut) {
        if (inShape == null) throw new IllegalStateException("maxpool backward: call forward first");
        if (gradOut.length() != argMax.length) {
            throw new IllegalArgumentException("maxpool gradient: expected " + argMax.length + " elements (shape of the last output), got "
                    + Arrays.toString(gradOut.shape()));
        }
        INDArray givenGrad = gradOut;
        gradOut = Im2Col.contiguous(gradOut);
        int inLength = (int) (inShape[0] * inShape[1] * inShape[2] * inShape[3]);
        if (gradOut.dataType() == DataType.FLOAT) {
            int outLength = argMax.length;
            float[] g = HostScratch.read(gradOut, 0);
            if (gradOut != givenGrad) Buffers.free(gradOut);
            // this thread's buffer (an input-sized array per call was a third of the time): zero, then scatter
            float[] dx = HostScratch.get(1, inLength);
            Arrays.fill(dx, 0, inLength, 0f);
            for (int o = 0; o < outLength; o++) dx[argMax[o]] += g[o];
            INDArray result = Nd4j.createUninitialized(DataType.FLOAT, inShape);
            HostScratch.write(result, dx);
            return result;
        }
        double[] g = gradOut.data().asDouble();
        double[] dx = new double[inLength];
        for (int o = 0; o < g.length; o++) dx[argMax[o]] += g[o];
        return Nd4j.createFromArray(dx).castTo(gradOut.dataType()).reshape('c', inShape);
    }

    @Override public String describe() { return "maxpool " + size; }
}
