package org.rramlab.layers;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Two-class softmax cross-entropy per pixel, averaged over every pixel of the batch: PyTorch's
 * {@code cross_entropy(logits [n, 2, h, w], target [n, h, w])}. With two classes the softmax reduces to a sigmoid of
 * the logit difference d = l1 − l0: p = σ(d), loss = softplus(d) − t·d, dLoss/dl1 = (p − t) / N = −dLoss/dl0.
 */
public final class PixelCrossEntropy {

    /** Mean loss and dLoss/dLogits [n, 2, h, w] of one batch. */
    public record Result(double loss, INDArray gradLogits) {}

    private PixelCrossEntropy() {}

    /**
     * @param logits [n, 2, h, w]: channel 0 background, channel 1 vessel
     * @param truth  [n, 1, h, w] (or [n, h, w]), 1 for vessel and 0 for background
     */
    public static Result evaluate(INDArray logits, INDArray truth) {
        check(logits, truth);
        long n = logits.size(0), h = logits.size(2), w = logits.size(3);
        INDArray t = truth.reshape('c', n, 1, h, w).castTo(logits.dataType());   // may be the caller's truth: never freed
        INDArray d = logitDifference(logits);
        INDArray p = Transforms.sigmoid(d, true);
        // softplus(d) = max(d, 0) + log(1 + exp(−|d|)), stable for large |d|
        INDArray softplus = Transforms.relu(d, true), logTerm = Transforms.abs(d, true);
        softplus.addi(Transforms.log(Transforms.exp(logTerm.negi(), false).addi(1), false));
        INDArray td = t.mul(d);
        double count = (double) n * h * w;
        double loss = softplus.subi(td).sumNumber().doubleValue() / count;
        INDArray g1 = p.subi(t).divi(count), g0 = g1.neg();   // p becomes dLoss/dl1
        INDArray grad = org.nd4j.linalg.factory.Nd4j.concat(1, g0, g1);
        Buffers.free(d, softplus, logTerm, td, g0, g1);   // per-pixel temporaries (g1 is p): free now, not at a collection
        return new Result(loss, grad);
    }

    /** Vessel probability [n, 1, h, w] = softmax(logits)[:, 1]. */
    public static INDArray vesselProbability(INDArray logits) {
        if (logits.rank() != 4 || logits.size(1) != 2) {
            throw new IllegalArgumentException("logits: expected [n, 2, h, w], got " + Arrays.toString(logits.shape()));
        }
        return Transforms.sigmoid(logitDifference(logits), false);
    }

    private static INDArray logitDifference(INDArray logits) {
        long n = logits.size(0), h = logits.size(2), w = logits.size(3);
        INDArray l = Im2Col.contiguous(logits).reshape('c', n, 2, h * w);
        INDArray d = org.nd4j.linalg.factory.Nd4j.create(logits.dataType(), n, 1, h, w);   // owns its buffer: can be freed
        l.get(NDArrayIndex.all(), NDArrayIndex.point(1), NDArrayIndex.all())
                .sub(l.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all()), d.reshape('c', n, h * w));
        return d;
    }

    private static void check(INDArray logits, INDArray truth) {
        if (logits.rank() != 4 || logits.size(1) != 2) {
            throw new IllegalArgumentException("logits: expected [n, 2, h, w], got " + Arrays.toString(logits.shape()));
        }
        if (truth.length() != logits.length() / 2 || truth.size(0) != logits.size(0)) {
            throw new IllegalArgumentException("truth: expected [n, 1, h, w] matching logits " + Arrays.toString(logits.shape())
                    + ", got " + Arrays.toString(truth.shape()));
        }
    }
}
