package org.rramlab.train;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rramlab.layers.BatchNorm;
import org.rramlab.layers.Layer;
import org.rramlab.layers.Sequential;

/**
 * Re-estimates every batch-norm layer's running statistics with the model as it is now (its present masks and
 * training read): training-mode forward passes over the data in order, no weight or score update; the statistics
 * become the plain average of the batches' (as PyTorch with momentum None). Why: during training the running averages
 * (momentum 0.1) mix statistics of masks that have since flipped.
 */
public final class BatchNormStatistics {
    private BatchNormStatistics() {}

    /** Re-estimates with {@code data} in batches of {@code batchSize}; returns the number of batches passed. */
    public static int reestimate(Layer model, Examples data, int batchSize) {
        if (batchSize < 2) throw new IllegalArgumentException("batchSize: expected >= 2 (batch statistics need two examples), got " + batchSize);
        List<BatchNorm> norms = Sequential.leavesOf(model, BatchNorm.class);
        INDArray[] meanSum = new INDArray[norms.size()], varSum = new INDArray[norms.size()];
        INDArray[] meanBefore = new INDArray[norms.size()], varBefore = new INDArray[norms.size()];
        int batches = 0;
        for (int from = 0; from + 2 <= data.size(); from += batchSize, batches++) {
            for (int k = 0; k < norms.size(); k++) {
                meanBefore[k] = norms.get(k).runningMean().dup();
                varBefore[k] = norms.get(k).runningVar().dup();
            }
            model.forward(data.range(from, Math.min(data.size(), from + batchSize)).inputs(), true);
            for (int k = 0; k < norms.size(); k++) {
                // the layer did running = (1 - m) running + m batch: recover this batch's statistics
                INDArray mean = batchStatistic(norms.get(k).runningMean(), meanBefore[k]), var = batchStatistic(norms.get(k).runningVar(), varBefore[k]);
                meanSum[k] = meanSum[k] == null ? mean : meanSum[k].addi(mean);
                varSum[k] = varSum[k] == null ? var : varSum[k].addi(var);
            }
        }
        for (int k = 0; k < norms.size() && batches > 0; k++) {
            norms.get(k).runningMean().assign(meanSum[k].divi(batches));
            norms.get(k).runningVar().assign(varSum[k].divi(batches));
        }
        return batches;
    }

    private static INDArray batchStatistic(INDArray after, INDArray before) {
        return after.castTo(DataType.DOUBLE).subi(before.castTo(DataType.DOUBLE).muli(1 - BatchNorm.MOMENTUM)).divi(BatchNorm.MOMENTUM);
    }

    /** Copies batch-norm running statistics and affine parameters between two models of the same shape. */
    public static void copy(Layer from, Layer to) {
        List<BatchNorm> a = Sequential.leavesOf(from, BatchNorm.class), b = Sequential.leavesOf(to, BatchNorm.class);
        if (a.size() != b.size()) throw new IllegalArgumentException("batch norm copy: " + a.size() + " vs " + b.size() + " batch norms");
        for (int i = 0; i < a.size(); i++) {
            b.get(i).runningMean().assign(a.get(i).runningMean());
            b.get(i).runningVar().assign(a.get(i).runningVar());
            var pa = a.get(i).params();
            var pb = b.get(i).params();
            for (int k = 0; k < pa.size(); k++) pb.get(k).value().assign(pa.get(k).value());
        }
    }
}
