package org.rramlab.nn;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Batch normalisation per channel: over (n, h, w) for [n, c, h, w] inputs, over n for [n, c]. Training normalises
 * with the batch statistics and updates running averages (momentum 0.1, unbiased variance, as PyTorch); evaluation
 * uses the running averages. The paper's Fashion and spoken-digit networks use it without affine parameters; the
 * U-Net with them ({@code affine = true}: learned gamma and beta, kind {@link Param.Kind#BN}).
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

    private INDArray xhat;     // normalised input of the last training forward, [n, c, ...]
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

    private int[] reduceDims(INDArray x) {
        if (x.rank() == 2) return new int[] {0};
        if (x.rank() == 4) return new int[] {0, 2, 3};
        throw new IllegalArgumentException("batch norm input: expected rank 2 or 4, got " + java.util.Arrays.toString(x.shape()));
    }

    /** Reshapes a per-channel vector so it broadcasts against x. */
    private INDArray perChannel(INDArray v, INDArray x) {
        return x.rank() == 2 ? v.reshape(1, channels) : v.reshape(1, channels, 1, 1);
    }

    @Override public INDArray forward(INDArray x, boolean training) {
        if (x.size(1) != channels) {
            throw new IllegalArgumentException("batch norm: expected " + channels + " channels, input has shape " + java.util.Arrays.toString(x.shape()));
        }
        int[] dims = reduceDims(x);
        shape = x.shape();
        lastWasTraining = training;
        INDArray mean, var;
        if (training) {
            mean = x.mean(dims);
            INDArray centred = x.sub(perChannel(mean, x).broadcast(x.shape()));
            var = centred.mul(centred).mean(dims);
            long count = x.length() / channels;
            runningMean.muli(1 - MOMENTUM).addi(mean.castTo(runningMean.dataType()).mul(MOMENTUM));
            runningVar.muli(1 - MOMENTUM).addi(var.castTo(runningVar.dataType()).mul(MOMENTUM * count / Math.max(1, count - 1)));
            invStd = Transforms.pow(var.add(EPS), -0.5, false);
            xhat = centred.muli(perChannel(invStd, x).broadcast(x.shape()));
        } else {
            mean = runningMean.castTo(x.dataType());
            invStd = Transforms.pow(runningVar.castTo(x.dataType()).add(EPS), -0.5, false);
            xhat = x.sub(perChannel(mean, x).broadcast(x.shape())).muli(perChannel(invStd, x).broadcast(x.shape()));
        }
        if (!affine) return xhat;
        return xhat.mul(perChannel(gamma.value().castTo(x.dataType()), x).broadcast(x.shape()))
                .addi(perChannel(beta.value().castTo(x.dataType()), x).broadcast(x.shape()));
    }

    @Override public INDArray backward(INDArray gradOut) {
        int[] dims = reduceDims(gradOut);
        INDArray dxhat = gradOut;
        if (affine) {
            gamma.grad().assign(gradOut.mul(xhat).sum(dims));
            beta.grad().assign(gradOut.sum(dims));
            dxhat = gradOut.mul(perChannel(gamma.value().castTo(gradOut.dataType()), gradOut).broadcast(shape));
        }
        INDArray inv = perChannel(invStd, gradOut).broadcast(shape);
        if (!lastWasTraining) return dxhat.mul(inv);
        // dx = invStd * (dxhat - mean(dxhat) - xhat * mean(dxhat * xhat)), means over the reduced dims
        INDArray meanD = perChannel(dxhat.mean(dims), gradOut).broadcast(shape);
        INDArray meanDX = perChannel(dxhat.mul(xhat).mean(dims), gradOut).broadcast(shape);
        return dxhat.sub(meanD).subi(xhat.mul(meanDX)).muli(inv);
    }

    @Override public List<Param> params() { return affine ? List.of(gamma, beta) : List.of(); }

    public INDArray runningMean() { return runningMean; }
    public INDArray runningVar() { return runningVar; }
    public boolean affine() { return affine; }

    @Override public String describe() { return "bn " + channels + (affine ? " affine" : ""); }
}
