package org.rramlab.layers;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Batch normalisation per channel: over (n, h, w) for [n, c, h, w] inputs, over n for [n, c]. Training normalises
 * with the batch statistics and updates running averages (momentum 0.1, unbiased variance, as PyTorch); evaluation
 * uses the running averages. The paper's Fashion and spoken-digit networks use it without affine parameters; the
 * U-Net with them ({@code affine = true}: learned gamma and beta, kind {@link Param.Kind#BN}).
 *
 * <p>Works on the input viewed as [n, c, s] (s = h·w) with native broadcast ops along dimension 1 and reductions over
 * the contiguous last axis first: materialising broadcast copies made this layer the slowest of the network.
 */
public final class BatchNorm implements Layer {
    public static final double EPS = 1e-5;
    public static final double MOMENTUM = 0.1;

    private final int channels;
    private final boolean affine;
    private final INDArray runningMean;
    private final INDArray runningVar;
    private final Param gamma;
    private final Param beta;

    private INDArray xhat;     // normalised input of the last forward, [n, c, s]
    private INDArray invStd;   // [c]
    private long[] shape;
    private boolean lastWasTraining;

    public BatchNorm(int channels, boolean affine) {
        if (channels < 1) throw new IllegalArgumentException("channels: expected >= 1, got " + channels);
        this.channels = channels;
        this.affine = affine;
        this.runningMean = Nd4j.zeros(channels);
        this.runningVar = Nd4j.ones(channels);
        this.gamma = affine ? new Param("bn.gamma", Param.Kind.BN, Nd4j.ones(channels)) : null;
        this.beta = affine ? new Param("bn.beta", Param.Kind.BN, Nd4j.zeros(channels)) : null;
    }

    private INDArray view3(INDArray x) {
        if (x.rank() != 2 && x.rank() != 4) {
            throw new IllegalArgumentException("batch norm input: expected rank 2 or 4, got " + java.util.Arrays.toString(x.shape()));
        }
        return Im2Col.contiguous(x).reshape('c', x.size(0), channels, x.length() / (x.size(0) * channels));
    }

    /** Per-channel sum over n and s of a [n, c, s] array: [c]. */
    private static INDArray channelSum(INDArray x3) { return x3.sum(2).sum(0); }

    @Override public INDArray forward(INDArray x, boolean training) {
        if (x.size(1) != channels) {
            throw new IllegalArgumentException("batch norm: expected " + channels + " channels, input has shape " + java.util.Arrays.toString(x.shape()));
        }
        shape = x.shape();
        lastWasTraining = training;
        INDArray x3 = view3(x);
        long count = x3.size(0) * x3.size(2);
        INDArray mean, var;
        INDArray centred = x3.ulike();
        if (training) {
            mean = channelSum(x3).divi(count);
            Broadcast.sub(x3, mean, centred, 1);
            INDArray squares = centred.mul(centred);
            var = channelSum(squares).divi(count);
            Buffers.free(squares);   // temporaries are freed now, not at the next garbage collection
            runningMean.muli(1 - MOMENTUM).addi(mean.castTo(runningMean.dataType()).mul(MOMENTUM));
            runningVar.muli(1 - MOMENTUM).addi(var.castTo(runningVar.dataType()).mul(MOMENTUM * count / Math.max(1, count - 1)));
        } else {
            mean = runningMean.castTo(x.dataType());
            var = runningVar.castTo(x.dataType());
            Broadcast.sub(x3, mean, centred, 1);
        }
        invStd = Transforms.pow(var.add(EPS), -0.5, false);
        xhat = Broadcast.mul(centred, invStd, centred, 1);
        if (!affine) return xhat.reshape('c', shape);
        INDArray y = xhat.ulike();
        Broadcast.mul(xhat, gamma.value().castTo(x.dataType()), y, 1);
        Broadcast.add(y, beta.value().castTo(x.dataType()), y, 1);
        return y.reshape('c', shape);
    }

    @Override public INDArray backward(INDArray gradOut) {
        INDArray g3 = view3(gradOut);
        INDArray dxhat = g3;
        if (affine) {
            INDArray gx = g3.mul(xhat);
            gamma.grad().assign(channelSum(gx));
            Buffers.free(gx);
            beta.grad().assign(channelSum(g3));
            dxhat = g3.ulike();
            Broadcast.mul(g3, gamma.value().castTo(gradOut.dataType()), dxhat, 1);
        }
        INDArray dx = g3.ulike();
        if (!lastWasTraining) {
            Broadcast.mul(dxhat, invStd, dx, 1);
            if (dxhat != g3) Buffers.free(dxhat);
            return dx.reshape('c', shape);
        }
        // dx = invStd * (dxhat - mean(dxhat) - xhat * mean(dxhat * xhat)), means per channel
        long count = g3.size(0) * g3.size(2);
        INDArray meanD = channelSum(dxhat).divi(count);
        INDArray dxx = dxhat.mul(xhat);
        INDArray meanDX = channelSum(dxx).divi(count);
        INDArray t = xhat.ulike();
        Broadcast.mul(xhat, meanDX, t, 1);
        Broadcast.sub(dxhat, meanD, dx, 1);
        dx.subi(t);
        Buffers.free(dxx, t);
        if (dxhat != g3) Buffers.free(dxhat);
        return Broadcast.mul(dx, invStd, dx, 1).reshape('c', shape);
    }

    @Override public List<Param> params() { return affine ? List.of(gamma, beta) : List.of(); }

    public INDArray runningMean() { return runningMean; }
    public INDArray runningVar() { return runningVar; }
    public boolean affine() { return affine; }

    @Override public String describe() { return "bn " + channels + (affine ? " affine" : ""); }
}
