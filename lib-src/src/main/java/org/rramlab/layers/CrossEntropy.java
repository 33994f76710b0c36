package org.rramlab.layers;

import org.nd4j.linalg.api.buffer.DataType;
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
        checkLabels(labels, classes);
        if (logits.dataType() == DataType.FLOAT) return evaluateFloat(logits, labels, smoothing);
        INDArray logProb = logSoftmax(logits);
        INDArray target = oneHot(labels, classes, logits.dataType());
        if (smoothing > 0) target.muli(1 - smoothing).addi(smoothing / classes);
        double loss = -logProb.mul(target).sumNumber().doubleValue() / n;
        INDArray grad = Transforms.exp(logProb, false).subi(target).divi(n);
        return new Result(loss, grad, countCorrect(logits, labels));
    }

    /**
     * The same loss and gradient for float32 logits in one Java pass over a bulk copy, row by row in double: the ND4J
     * ops above (max, subtract, exp, sum, log, one-hot, multiply, argmax) took ~0.8 ms per batch of 128 × 10 logits,
     * 6 % of an MLP step, for a few thousand operations of arithmetic.
     */
    private static Result evaluateFloat(INDArray logits, int[] labels, double smoothing) {
        int n = labels.length, classes = Math.toIntExact(logits.size(1));
        INDArray plain = Im2Col.contiguous(logits);
        float[] z = HostScratch.read(plain, 0);
        if (plain != logits) Buffers.free(plain);
        float[] grad = HostScratch.get(1, n * classes);
        double off = smoothing / classes, on = 1 - smoothing + off, loss = 0;
        int correct = 0;
        for (int r = 0, base = 0; r < n; r++, base += classes) {
            int best = 0;
            float max = z[base];
            for (int j = 1; j < classes; j++) {
                if (z[base + j] > max) { max = z[base + j]; best = j; }
            }
            if (best == labels[r]) correct++;
            double sum = 0;
            for (int j = 0; j < classes; j++) sum += Math.exp((double) z[base + j] - max);
            double lse = Math.log(sum);
            for (int j = 0; j < classes; j++) {
                double logProb = (double) z[base + j] - max - lse;
                double target = j == labels[r] ? on : off;
                loss -= logProb * target;
                grad[base + j] = (float) ((Math.exp(logProb) - target) / n);
            }
        }
        INDArray g = Nd4j.createUninitialized(DataType.FLOAT, n, classes);
        HostScratch.write(g, grad);
        return new Result(loss / n, g, correct);
    }

    /** log(softmax(x)) row-wise, stable (max subtracted first). */
    public static INDArray logSoftmax(INDArray logits) {
        INDArray shifted = logits.subColumnVector(logits.max(true, 1));
        INDArray lse = Transforms.log(Transforms.exp(shifted, true).sum(true, 1), false);
        return shifted.subiColumnVector(lse);
    }

    public static INDArray oneHot(int[] labels, long classes, org.nd4j.linalg.api.buffer.DataType type) {
        checkLabels(labels, classes);
        INDArray oneHot = Nd4j.zeros(type, labels.length, classes);
        for (int i = 0; i < labels.length; i++) oneHot.putScalar(i, labels[i], 1.0);
        return oneHot;
    }

    /** Every label a class index in [0, classes). */
    private static void checkLabels(int[] labels, long classes) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("labels[" + i + "] = " + labels[i] + ": expected 0.." + (classes - 1));
            }
        }
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
