package org.rramlab.layers;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rramlab.simd.Parallel;
import org.rramlab.simd.Simd;

/**
 * Batch normalisation per channel: over (n, h, w) for [n, c, h, w] inputs, over n for [n, c]. Training normalises
 * with the batch statistics and updates running averages (momentum 0.1, unbiased variance, as PyTorch); evaluation
 * uses the running averages. The paper's Fashion and spoken-digit networks use it without affine parameters; the
 * U-Net with them ({@code affine = true}: learned gamma and beta, kind {@link Param.Kind#BN}).
 *
 * <p>Plain Java loops over the input viewed as [n, c, s] (s = h·w): per channel, the statistics in one pass, the output
 * in another (sums in double). No ND4J broadcast op: ND4J 1.0.0-M2.1's {@code execBroadcast} crashed once in ~600
 * epochs (SIGSEGV in {@code sd::TadDescriptor}), and the fused loops replace seven native passes per direction.
 * FLOAT and DOUBLE inputs have the same loops, each on its own primitive arrays (DOUBLE for the gradient checks).
 *
 * <p>The FLOAT backward recomputes the normalised input from the forward's input, which it keeps by reference: that
 * array must stay unchanged until the backward (as {@link Sequential} keeps every layer's input).
 */
public final class BatchNorm implements Layer, OverwritesGradient {
    public static final double EPS = 1e-5;
    public static final double MOMENTUM = 0.1;

    private final int channels;
    private final boolean affine;
    private final INDArray runningMean;
    private final INDArray runningVar;
    private final Param gamma;
    private final Param beta;

    // what the backward needs from the last forward: FLOAT keeps the input itself (xhat is recomputed from it, as
    // PyTorch does: a float[] copy per layer was ~0.35 GB of heap at the paper U-Net), DOUBLE the normalised input
    private INDArray input;
    private double[] xhatD = new double[0];
    private final double[] invStd, meanUsed;
    private long[] shape;
    private DataType type;
    private int batch, plane;   // the [n, c, s] view: n and s
    private boolean lastWasTraining;

    public BatchNorm(int channels, boolean affine) {
        if (channels < 1) throw new IllegalArgumentException("channels: expected >= 1, got " + channels);
        this.channels = channels;
        this.affine = affine;
        this.runningMean = Nd4j.zeros(channels);
        this.runningVar = Nd4j.ones(channels);
        this.gamma = affine ? new Param("bn.gamma", Param.Kind.BN, Nd4j.ones(channels)) : null;
        this.beta = affine ? new Param("bn.beta", Param.Kind.BN, Nd4j.zeros(channels)) : null;
        this.invStd = new double[channels];
        this.meanUsed = new double[channels];
    }

    private void checkInput(INDArray x, String what) {
        if (x.rank() != 2 && x.rank() != 4) {
            throw new IllegalArgumentException("batch norm " + what + ": expected rank 2 or 4, got " + java.util.Arrays.toString(x.shape()));
        }
        if (x.size(1) != channels) {
            throw new IllegalArgumentException("batch norm " + what + ": expected " + channels + " channels, got shape " + java.util.Arrays.toString(x.shape()));
        }
        if (x.dataType() != DataType.FLOAT && x.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException("batch norm " + what + ": expected FLOAT or DOUBLE, got " + x.dataType());
        }
    }

    private static double[] values(INDArray small) { return small.castTo(DataType.DOUBLE).dup().data().asDouble(); }

    @Override public INDArray forward(INDArray x, boolean training) {
        checkInput(x, "input");
        shape = x.shape();
        type = x.dataType();
        lastWasTraining = training;
        batch = (int) x.size(0);
        plane = (int) (x.length() / ((long) batch * channels));
        long count = (long) batch * plane;
        double[] mean = new double[channels], var = new double[channels];
        double[] scale = new double[channels], shift = new double[channels];   // y = xhat · scale + shift
        double[] g = affine ? values(gamma.value()) : null, b = affine ? values(beta.value()) : null;
        INDArray xc = Im2Col.contiguous(x);
        INDArray y = Nd4j.createUninitialized(type, shape);
        if (type == DataType.FLOAT) {
            float[] in = HostScratch.read(xc, 0);
            if (xc != x) Buffers.free(xc);   // a copy made here: freed now, not at the next garbage collection
            input = x;
            if (training) statistics(in, mean, var); else { mean = values(runningMean); var = values(runningVar); }
            for (int ch = 0; ch < channels; ch++) {
                invStd[ch] = 1 / Math.sqrt(var[ch] + EPS);
                meanUsed[ch] = mean[ch];
                scale[ch] = affine ? g[ch] : 1;
                shift[ch] = affine ? b[ch] : 0;
            }
            Parallel.forRange(channels, channelsPerShare(), (c0, c1) -> {
                for (int n = 0; n < batch; n++) for (int ch = c0; ch < c1; ch++) {
                    int from = (n * channels + ch) * plane;
                    // the input copy becomes the output
                    normalise(in, from, from + plane, (float) meanUsed[ch], (float) invStd[ch], (float) scale[ch], (float) shift[ch]);
                }
            });
            HostScratch.write(y, in);
        } else {
            double[] in = xc.data().asDouble();
            if (xhatD.length != in.length) xhatD = new double[in.length];
            if (training) statistics(in, mean, var); else { mean = values(runningMean); var = values(runningVar); }
            for (int ch = 0; ch < channels; ch++) invStd[ch] = 1 / Math.sqrt(var[ch] + EPS);
            for (int n = 0; n < batch; n++) for (int ch = 0; ch < channels; ch++) {
                int from = (n * channels + ch) * plane;
                for (int i = from; i < from + plane; i++) {
                    double h = (in[i] - mean[ch]) * invStd[ch];
                    xhatD[i] = h;
                    in[i] = affine ? h * g[ch] + b[ch] : h;
                }
            }
            Im2Col.put(y, in);
        }
        if (training) {
            double unbiased = count / (double) Math.max(1, count - 1);
            double[] rm = values(runningMean), rv = values(runningVar);
            for (int ch = 0; ch < channels; ch++) {
                rm[ch] = (1 - MOMENTUM) * rm[ch] + MOMENTUM * mean[ch];
                rv[ch] = (1 - MOMENTUM) * rv[ch] + MOMENTUM * var[ch] * unbiased;
            }
            runningMean.assign(Nd4j.createFromArray(rm).castTo(runningMean.dataType()));
            runningVar.assign(Nd4j.createFromArray(rv).castTo(runningVar.dataType()));
        }
        return y;
    }

    /*
     * The element-wise loops each in a method of its own: the compiler turns these plain loops into SIMD
     * instructions, which it did not for the same loops inside the lambdas' nested loops (3× slower, measured).
     */

    /** {@code v[i] = ((v[i] − m)·s)·a + c} for i in [from, to), in float. */
    private static void normalise(float[] v, int from, int to, float m, float s, float a, float c) {
        for (int i = from; i < to; i++) v[i] = ((v[i] - m) * s) * a + c;
    }

    /** {@code d[i] = a·(d[i] − m − ((x[i] − mu)·s)·mx)} for i in [from, to), in float. */
    private static void inputGradient(float[] d, float[] x, int from, int to, float a, float m, float mx, float mu, float s) {
        for (int i = from; i < to; i++) d[i] = a * (d[i] - m - ((x[i] - mu) * s) * mx);
    }

    /** Channels per share of the cores: about 32k values each (each channel is summed in one order, whatever the split). */
    private int channelsPerShare() {
        return Math.max(1, (1 << 15) / Math.max(1, batch * plane));
    }

    /** Per-channel mean and biased variance of [n, c, s] data (two passes, sums in double), channels split over the cores. */
    private void statistics(float[] in, double[] mean, double[] var) {
        long count = (long) batch * plane;
        Parallel.forRange(channels, channelsPerShare(), (c0, c1) -> {
            // each channel's plane sums are added in the order of n, as one loop over n then the channels did
            for (int ch = c0; ch < c1; ch++) {
                for (int n = 0; n < batch; n++) mean[ch] += sum(in, planeStart(n, ch), plane);
                mean[ch] /= count;
                for (int n = 0; n < batch; n++) var[ch] += squaredDeviations(in, planeStart(n, ch), plane, mean[ch]);
                var[ch] /= count;
            }
        });
    }

    /** Where plane (n, ch) of the [n, c, s] view starts. */
    private int planeStart(int n, int ch) { return (n * channels + ch) * plane; }

    /*
     * The float passes' sums run in four interleaved double accumulators: one accumulator waits out each addition's
     * latency (4 cycles), four keep the adder busy. A fixed order (element i goes to accumulator i mod 4 of its
     * plane), so the numbers do not depend on the split over the cores.
     */

    /** Σ in[from, from + length), in double. */
    private static double sum(float[] in, int from, int length) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = from, end = from + length, last = from + (length & ~3);
        for (; i < last; i += 4) { s0 += in[i]; s1 += in[i + 1]; s2 += in[i + 2]; s3 += in[i + 3]; }
        for (; i < end; i++) s0 += in[i];
        return (s0 + s1) + (s2 + s3);
    }

    /** Σ (in[i] − m)² over [from, from + length), in double. */
    private static double squaredDeviations(float[] in, int from, int length, double m) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = from, end = from + length, last = from + (length & ~3);
        for (; i < last; i += 4) {
            double d0 = in[i] - m, d1 = in[i + 1] - m, d2 = in[i + 2] - m, d3 = in[i + 3] - m;
            s0 += d0 * d0; s1 += d1 * d1; s2 += d2 * d2; s3 += d3 * d3;
        }
        for (; i < end; i++) { double d = in[i] - m; s0 += d * d; }
        return (s0 + s1) + (s2 + s3);
    }

    private void statistics(double[] in, double[] mean, double[] var) {
        long count = (long) batch * plane;
        for (int n = 0; n < batch; n++) for (int ch = 0; ch < channels; ch++) {
            int from = (n * channels + ch) * plane;
            for (int i = from; i < from + plane; i++) mean[ch] += in[i];
        }
        for (int ch = 0; ch < channels; ch++) mean[ch] /= count;
        for (int n = 0; n < batch; n++) for (int ch = 0; ch < channels; ch++) {
            int from = (n * channels + ch) * plane;
            for (int i = from; i < from + plane; i++) { double d = in[i] - mean[ch]; var[ch] += d * d; }
        }
        for (int ch = 0; ch < channels; ch++) var[ch] /= count;
    }

    @Override public INDArray backward(INDArray gradOut) {
        return backward(gradOut, false);
    }

    /** Over {@code gradOut}'s own memory when it is a plain float array (the sums are taken before any value is written). */
    @Override public INDArray backwardOverwriting(INDArray gradOut) {
        return backward(gradOut, type == DataType.FLOAT && Im2Col.contiguous(gradOut) == gradOut);
    }

    private INDArray backward(INDArray gradOut, boolean overwrite) {
        if (shape == null) throw new IllegalStateException("batch norm backward: call forward first");
        checkInput(gradOut, "gradient");
        if (gradOut.length() != (long) batch * channels * plane || gradOut.dataType() != type) {
            throw new IllegalArgumentException("batch norm gradient: expected " + type + " " + java.util.Arrays.toString(shape)
                    + " (the last output), got " + gradOut.dataType() + " " + java.util.Arrays.toString(gradOut.shape()));
        }
        long count = (long) batch * plane;
        double[] g = affine ? values(gamma.value()) : null;
        double[] sumG = new double[channels], sumGX = new double[channels];   // per channel: Σ dy, Σ dy·xhat
        INDArray gc = Im2Col.contiguous(gradOut);
        INDArray dx = !overwrite ? Nd4j.createUninitialized(type, shape)
                : java.util.Arrays.equals(gradOut.shape(), shape) ? gradOut : gradOut.reshape('c', shape);
        if (type == DataType.FLOAT) {
            float[] d = HostScratch.read(gc, 0);   // a copy: every plane's sums are taken before dx is written
            if (gc != gradOut) Buffers.free(gc);
            if (input.wasClosed()) throw new IllegalStateException("batch norm backward: the forward's input was freed before the backward");
            INDArray xc = Im2Col.contiguous(input);
            float[] x = HostScratch.read(xc, 1);
            if (xc != input) Buffers.free(xc);
            boolean training = lastWasTraining;
            Parallel.forRange(channels, channelsPerShare(), (c0, c1) -> {
                sums(d, x, sumG, sumGX, c0, c1);
                for (int n = 0; n < batch; n++) for (int ch = c0; ch < c1; ch++) {
                    int from = (n * channels + ch) * plane;
                    // dxhat = dy·γ; dx = invStd·(dxhat − mean(dxhat) − xhat·mean(dxhat·xhat)) in training, invStd·dxhat else
                    double gm = affine ? g[ch] : 1;
                    float a = (float) (invStd[ch] * gm);
                    float m = training ? (float) (sumG[ch] / count) : 0f, mx = training ? (float) (sumGX[ch] / count) : 0f;
                    float mu = (float) meanUsed[ch], s = (float) invStd[ch];
                    inputGradient(d, x, from, from + plane, a, m, mx, mu, s);
                }
            });
            HostScratch.write(dx, d);
        } else {
            double[] d = gc.data().asDouble();
            sums(d, xhatD, sumG, sumGX);
            for (int n = 0; n < batch; n++) for (int ch = 0; ch < channels; ch++) {
                int from = (n * channels + ch) * plane;
                double a = invStd[ch] * (affine ? g[ch] : 1);
                double m = lastWasTraining ? sumG[ch] / count : 0, mx = lastWasTraining ? sumGX[ch] / count : 0;
                for (int i = from; i < from + plane; i++) d[i] = a * (d[i] - m - xhatD[i] * mx);
            }
            Im2Col.put(dx, d);
        }
        if (affine) {
            gamma.grad().assign(Nd4j.createFromArray(sumGX).castTo(gamma.grad().dataType()));
            beta.grad().assign(Nd4j.createFromArray(sumG).castTo(beta.grad().dataType()));
        }
        return dx;
    }

    /** Per channel Σ dy and Σ dy·xhat, xhat recomputed from the input {@code x} exactly as the forward computed it. */
    private void sums(float[] d, float[] x, double[] sumG, double[] sumGX, int c0, int c1) {
        for (int n = 0; n < batch; n++) for (int ch = c0; ch < c1; ch++) planeSums(d, x, sumG, sumGX, n, ch);
    }

    /** Σ dy and Σ dy·xhat of plane (n, ch) added to the channel's sums. */
    private void planeSums(float[] d, float[] x, double[] sumG, double[] sumGX, int n, int ch) {
        int from = planeStart(n, ch);
        float mu = (float) meanUsed[ch], inv = (float) invStd[ch];
        // two interleaved accumulators per sum (see sum above), in a fixed order
        double s0 = 0, s1 = 0, sx0 = 0, sx1 = 0;
        int i = from, end = from + plane, last = from + (plane & ~1);
        for (; i < last; i += 2) {
            s0 += d[i]; sx0 += d[i] * ((x[i] - mu) * inv);
            s1 += d[i + 1]; sx1 += d[i + 1] * ((x[i + 1] - mu) * inv);
        }
        for (; i < end; i++) { s0 += d[i]; sx0 += d[i] * ((x[i] - mu) * inv); }
        sumG[ch] += s0 + s1;
        sumGX[ch] += sx0 + sx1;
    }

    private void sums(double[] d, double[] xhat, double[] sumG, double[] sumGX) {
        for (int n = 0; n < batch; n++) for (int ch = 0; ch < channels; ch++) {
            int from = (n * channels + ch) * plane;
            for (int i = from; i < from + plane; i++) { sumG[ch] += d[i]; sumGX[ch] += d[i] * xhat[i]; }
        }
    }

    @Override public List<Param> params() { return affine ? List.of(gamma, beta) : List.of(); }

    public INDArray runningMean() { return runningMean; }
    public INDArray runningVar() { return runningVar; }
    public boolean affine() { return affine; }

    @Override public String describe() { return "bn " + channels + (affine ? " affine" : ""); }
}
