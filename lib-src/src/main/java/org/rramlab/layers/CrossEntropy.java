package org.rramlab.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Log-softmax followed by the negative log-likelihood, averaged over the batch: PyTorch's
 * {@code cross_entropy(logits, labels)}. Fused so the gradient is simply (softmax − one-hot) / n.
 */
public final class CrossEntropy {

    /** Mean loss and dLoss/dLogits of one batch. */
    public record Result(double loss, INDArray gradLogits, int correct) {}

    private CrossEntropy() {}

    /** {@code logits} [n, classes], {@code labels} n class indices in [0, classes). */
    public static Result evaluate(INDArray logits, int[] labels) {
        return evaluate(logits, labels, 0);
    }

    /**
     * With label smoothing {@code smoothing} in [0, 1): the target is (1 − ε)·one-hot + ε/classes, as PyTorch's
     * {@code cross_entropy(..., label_smoothing=ε)}; the gradient is (softmax − target) / n.
     */
    public static Result evaluate(INDArray logits, int[] labels, double smoothing) {
        long n = logits.size(0), classes = logits.size(1);
        if (logits.rank() != 2 || labels.length != n) {
            throw new IllegalArgumentException("cross entropy: logits " + java.util.Arrays.toString(logits.shape())
                    + " and " + labels.length + " labels: expected [n, classes] with n = number of labels");
        }
        if (!(smoothing >= 0 && smoothing < 1)) throw new IllegalArgumentException("labelSmoothing: expected [0, 1), got " + smoothing);
        INDArray logProb = logSoftmax(logits);
        INDArray target = oneHot(labels, classes, logits.dataType());
        if (smoothing > 0) target.muli(1 - smoothing).addi(smoothing / classes);
        double loss = -logProb.mul(target).sumNumber().doubleValue() / n;
        INDArray grad = Transforms.exp(logProb, false).subi(target).divi(n);
        return new Result(loss, grad, countCorrect(logits, labels));
    }

    /** log(softmax(x)) row-wise, stable (max subtracted first). */
    public static INDArray logSoftmax(INDArray logits) {
        INDArray shifted = logits.subColumnVector(logits.max(true, 1));
        INDArray lse = Transforms.log(Transforms.exp(shifted, true).sum(true, 1), false);
        return shifted.subiColumnVector(lse);
    }

    public static INDArray oneHot(int[] labels, long classes, org.nd4j.linalg.api.buffer.DataType type) {
        INDArray oneHot = Nd4j.zeros(type, labels.length, classes);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("labels[" + i + "] = " + labels[i] + ": expected 0.." + (classes - 1));
            }
            oneHot.putScalar(i, labels[i], 1.0);
        }
        return oneHot;
    }

    /** How many rows have their largest logit at the label. */
    public static int countCorrect(INDArray logits, int[] labels) {
        long[] predicted = logits.argMax(1).toLongVector();
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            if (predicted[i] == labels[i]) correct++;
        }
        return correct;
    }
}
