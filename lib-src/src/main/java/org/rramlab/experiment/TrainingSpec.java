package org.rramlab.experiment;

import org.rramlab.prune.FlipLimit;
import org.rramlab.train.Augmentation;
import org.rramlab.train.TrainConfig;
import org.rramlab.util.Check;

/**
 * How the network is trained: optimiser, cosine schedule, epochs, batch, augmentation.
 *
 * @param optimizer           SGD (with momentum) or ADAM
 * @param learningRate        initial learning rate, cosine-annealed to 0 over the epochs
 * @param momentum            SGD momentum (ignored by Adam)
 * @param weightDecay         L2 weight decay on every parameter (scores included, as the authors' scripts)
 * @param epochs              epochs
 * @param batchSize           training batch; also the evaluation batch (each test batch is one fresh read)
 * @param validationFraction  part of the training set held out for validation-based model selection, [0, 1)
 * @param augmentation        random changes to each training batch (classification; NONE, as the authors)
 * @param labelSmoothing      the training loss's label smoothing (classification; 0 as the authors)
 * @param reestimateBatchNorm re-estimate batch-norm statistics with the current masks before every evaluation
 */
public record TrainingSpec(TrainConfig.OptimizerKind optimizer, double learningRate, double momentum, double weightDecay, int epochs,
                           int batchSize, double validationFraction, Augmentation augmentation, double labelSmoothing,
                           boolean reestimateBatchNorm) {

    public TrainingSpec {
        Check.notNull("optimizer", optimizer);
        Check.notNull("augmentation", augmentation);
        // TrainConfig's own checks, with its messages (the fields are not assigned yet: pass the parameters)
        new TrainConfig(epochs, batchSize, optimizer, learningRate, momentum, weightDecay, validationFraction, FlipLimit.NONE, 1, augmentation,
                labelSmoothing);
    }

    /** The trainer's settings with the prune config's flip limit and the run's shuffling seed. */
    public TrainConfig config(FlipLimit flipLimit, long seed) {
        return new TrainConfig(epochs, batchSize, optimizer, learningRate, momentum, weightDecay, validationFraction, flipLimit, seed,
                augmentation, labelSmoothing);
    }

    public TrainingSpec withEpochs(int e) {
        return new TrainingSpec(optimizer, learningRate, momentum, weightDecay, e, batchSize, validationFraction, augmentation, labelSmoothing,
                reestimateBatchNorm);
    }

    public TrainingSpec withBatchSize(int b) {
        return new TrainingSpec(optimizer, learningRate, momentum, weightDecay, epochs, b, validationFraction, augmentation, labelSmoothing,
                reestimateBatchNorm);
    }
}
