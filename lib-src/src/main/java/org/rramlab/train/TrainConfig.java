package org.rramlab.train;

import org.rramlab.train.Adam;
import org.rramlab.train.Optimizer;
import org.rramlab.train.Sgd;
import org.rramlab.prune.FlipLimit;

/**
 * Training settings.
 *
 * @param epochs             epochs (the cosine schedule spans them)
 * @param batchSize          training batch size (also the test batch: each test batch is one fresh array read)
 * @param optimizer          SGD (with momentum) or ADAM
 * @param learningRate       initial learning rate
 * @param momentum           SGD momentum (ignored by Adam)
 * @param weightDecay        L2 weight decay on all parameters (scores included, as the authors' scripts)
 * @param validationFraction part of the training set held out for validation-based model selection, [0, 1)
 * @param flipLimit          flip-limit schedule, stepped whenever the best test accuracy improves
 * @param seed               shuffling and split seed
 * @param augmentation       random changes to each training batch ({@link Augmentation#NONE}: none, as the authors)
 * @param labelSmoothing     ε of the training loss's label smoothing, [0, 1) (0: none, as the authors)
 */
public record TrainConfig(int epochs, int batchSize, OptimizerKind optimizer, double learningRate, double momentum,
                          double weightDecay, double validationFraction, FlipLimit flipLimit, long seed, Augmentation augmentation,
                          double labelSmoothing) {

    public enum OptimizerKind { SGD, ADAM }

    public TrainConfig {
        if (epochs < 1) throw new IllegalArgumentException("epochs: expected >= 1, got " + epochs);
        if (batchSize < 1) throw new IllegalArgumentException("batchSize: expected >= 1, got " + batchSize);
        if (optimizer == null) throw new IllegalArgumentException("optimizer: expected SGD or ADAM, got null");
        if (!(learningRate > 0)) throw new IllegalArgumentException("learningRate: expected > 0, got " + learningRate);
        if (!(weightDecay >= 0)) throw new IllegalArgumentException("weightDecay: expected >= 0, got " + weightDecay);
        if (!(validationFraction >= 0 && validationFraction < 1)) throw new IllegalArgumentException("validationFraction: expected [0, 1), got " + validationFraction);
        if (flipLimit == null) throw new IllegalArgumentException("flipLimit: expected a FlipLimit (FlipLimit.NONE for none), got null");
        if (augmentation == null) throw new IllegalArgumentException("augmentation: expected an Augmentation (Augmentation.NONE for none), got null");
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) throw new IllegalArgumentException("labelSmoothing: expected [0, 1), got " + labelSmoothing);
    }

    /** Settings without augmentation. */
    public TrainConfig(int epochs, int batchSize, OptimizerKind optimizer, double learningRate, double momentum,
                       double weightDecay, double validationFraction, FlipLimit flipLimit, long seed) {
        this(epochs, batchSize, optimizer, learningRate, momentum, weightDecay, validationFraction, flipLimit, seed, Augmentation.NONE, 0);
    }

    /** The authors' Fashion-MNIST settings: SGD 0.1, momentum 0.9, wd 5e-4, cosine, 65 epochs, batch 60, no flip limit. */
    public static TrainConfig fashionPaper() {
        return new TrainConfig(65, 60, OptimizerKind.SGD, 0.1, 0.9, 5e-4, 0, FlipLimit.NONE, 1);
    }

    public TrainConfig withEpochs(int e) { return new TrainConfig(e, batchSize, optimizer, learningRate, momentum, weightDecay, validationFraction, flipLimit, seed, augmentation, labelSmoothing); }
    public TrainConfig withBatchSize(int b) { return new TrainConfig(epochs, b, optimizer, learningRate, momentum, weightDecay, validationFraction, flipLimit, seed, augmentation, labelSmoothing); }
    public TrainConfig withValidationFraction(double v) { return new TrainConfig(epochs, batchSize, optimizer, learningRate, momentum, weightDecay, v, flipLimit, seed, augmentation, labelSmoothing); }
    public TrainConfig withFlipLimit(FlipLimit f) { return new TrainConfig(epochs, batchSize, optimizer, learningRate, momentum, weightDecay, validationFraction, f, seed, augmentation, labelSmoothing); }
    public TrainConfig withSeed(long s) { return new TrainConfig(epochs, batchSize, optimizer, learningRate, momentum, weightDecay, validationFraction, flipLimit, s, augmentation, labelSmoothing); }
    public TrainConfig withOptimizer(OptimizerKind o, double lr) { return new TrainConfig(epochs, batchSize, o, lr, momentum, weightDecay, validationFraction, flipLimit, seed, augmentation, labelSmoothing); }

    public TrainConfig withWeightDecay(double wd) { return new TrainConfig(epochs, batchSize, optimizer, learningRate, momentum, wd, validationFraction, flipLimit, seed, augmentation, labelSmoothing); }

    public TrainConfig withAugmentation(Augmentation a) { return new TrainConfig(epochs, batchSize, optimizer, learningRate, momentum, weightDecay, validationFraction, flipLimit, seed, a, labelSmoothing); }

    public TrainConfig withLabelSmoothing(double e) { return new TrainConfig(epochs, batchSize, optimizer, learningRate, momentum, weightDecay, validationFraction, flipLimit, seed, augmentation, e); }

    public Optimizer newOptimizer() {
        return optimizer == OptimizerKind.SGD ? new Sgd(momentum, weightDecay) : new Adam(weightDecay);
    }
}
