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

    /**
     * x − v, x ⊙ v or x + v with a per-channel vector v, written into {@code z} (which may be x). For [n, c, h, w]
     * the arrays are viewed as [n·c, h·w] rows and v repeated per example as a column, so ND4J broadcasts over
     * contiguous rows: materialising v at x's full shape (the first version), or broadcasting along dimension 1 of the
     * 4-D array, made batch norm slower than the U-Net's convolutions.
     */
    private INDArray perChannel(String op, INDArray x, INDArray v, INDArray z) {
        INDArray vv = v.castTo(x.dataType());
        INDArray x2, z2, col;
        if (x.rank() == 2) {
            x2 = x; z2 = z; col = vv.reshape(1, channels);
            switch (op) {
                case "sub" -> { return z2 == x2 ? x2.subiRowVector(col) : z2.assign(x2).subiRowVector(col); }
                case "mul" -> { return z2 == x2 ? x2.muliRowVector(col) : z2.assign(x2).muliRowVector(col); }
                default -> { return z2 == x2 ? x2.addiRowVector(col) : z2.assign(x2).addiRowVector(col); }
            }
        }
        long n = x.size(0), hw = x.size(2) * x.size(3);
        x2 = x.reshape('c', n * channels, hw);
        z2 = z == x ? x2 : z.assign(x).reshape('c', n * channels, hw);
        col = vv.reshape(1, channels).repeat(0, n).reshape('c', n * channels, 1);
        switch (op) {
            case "sub" -> z2.subiColumnVector(col);
            case "mul" -> z2.muliColumnVector(col);
            default -> z2.addiColumnVector(col);
        }
        return z2.reshape('c', x.shape());
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
            INDArray centred = perChannel("sub", x, mean, x.ulike());
            var = centred.mul(centred).mean(dims);
            long count = x.length() / channels;
            runningMean.muli(1 - MOMENTUM).addi(mean.castTo(runningMean.dataType()).mul(MOMENTUM));
            runningVar.muli(1 - MOMENTUM).addi(var.castTo(runningVar.dataType()).mul(MOMENTUM * count / Math.max(1, count - 1)));
            invStd = Transforms.pow(var.add(EPS), -0.5, false);
            xhat = perChannel("mul", centred, invStd, centred);
        } else {
            mean = runningMean.castTo(x.dataType());
            invStd = Transforms.pow(runningVar.castTo(x.dataType()).add(EPS), -0.5, false);
            xhat = perChannel("sub", x, mean, x.ulike());
            xhat = perChannel("mul", xhat, invStd, xhat);
        }
        if (!affine) return xhat;
        INDArray y = perChannel("mul", xhat, gamma.value(), xhat.ulike());
        return perChannel("add", y, beta.value(), y);
    }

    @Override public INDArray backward(INDArray gradOut) {
        int[] dims = reduceDims(gradOut);
        INDArray dxhat = gradOut;
        if (affine) {
            gamma.grad().assign(gradOut.mul(xhat).sum(dims));
            beta.grad().assign(gradOut.sum(dims));
            dxhat = perChannel("mul", gradOut, gamma.value(), gradOut.ulike());
        }
        if (!lastWasTraining) return perChannel("mul", dxhat, invStd, dxhat.ulike());
        // dx = invStd * (dxhat - mean(dxhat) - xhat * mean(dxhat * xhat)), means over the reduced dims
        INDArray meanD = dxhat.mean(dims);
        INDArray meanDX = dxhat.mul(xhat).mean(dims);
        INDArray dx = perChannel("sub", dxhat, meanD, dxhat.ulike());
        dx.subi(perChannel("mul", xhat, meanDX, xhat.ulike()));
        return perChannel("mul", dx, invStd, dx);
    }

    @Override public List<Param> params() { return affine ? List.of(gamma, beta) : List.of(); }

    public INDArray runningMean() { return runningMean; }
    public INDArray runningVar() { return runningVar; }
    public boolean affine() { return affine; }

    @Override public String describe() { return "bn " + channels + (affine ? " affine" : ""); }
}
