package org.rramlab.train;

import java.util.LinkedHashMap;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rramlab.layers.Layer;

/**
 * What a task trains for, the strategy the one {@link Trainer} runs: how an epoch's and a batch's inputs are made,
 * the loss, and how a model is scored. {@link Classification} (Fashion-MNIST, spoken digits) and {@link Segmentation}
 * (retinal vessels) are the two.
 */
public interface Objective {

    /** The score model selection uses (the first of {@link #scores()}), e.g. "acc" or "ROC AUC". */
    String score();

    /** Every score {@link #evaluate} returns, in the order of the metrics table ("test " + name). */
    List<String> scores();

    /** Whether training batches give a score of their own ("train acc"). */
    default boolean scoresTraining() {
        return false;
    }

    /** The fit set as one epoch sees it (segmentation: a fresh random crop of every patch); default: unchanged. */
    default Examples epoch(Examples fit, long seed) {
        return fit;
    }

    /** A training batch's inputs after augmentation; default: as they are. */
    default INDArray batchInputs(Examples batch, long seed) {
        return batch.inputs();
    }

    /** The loss of a training batch, its gradient with respect to the output, and the batch's training-score sum. */
    Loss loss(INDArray output, Examples batch);

    /** The scores of {@code model} on {@code data}, evaluated in batches (each batch a fresh read of the arrays). */
    LinkedHashMap<String, Double> evaluate(Layer model, Examples data, int batchSize);

    /**
     * @param value      mean loss over the batch
     * @param gradient   dLoss/dOutput
     * @param scoreSum   the batch's contribution to the training score (correct predictions), NaN when there is none
     */
    record Loss(double value, INDArray gradient, double scoreSum) {}
}
