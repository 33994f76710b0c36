package org.rramlab.experiment;

import java.util.List;
import org.rramlab.device.WriteNoise;
import org.rramlab.network.SpokenDigitCrnn;
import org.rramlab.train.TrainConfig;
import org.rramlab.experiment.Profile;
import org.rramlab.prune.FlipLimit;
import org.rramlab.prune.TopK;

/**
 * Settings of the spoken-digit experiment ({@link SpokenDigitsExperiment}); presets per {@link Profile}.
 *
 * @param name            preset name, for tables and provenance
 * @param epochs          training epochs of every variant (the cosine schedule spans them)
 * @param batchSize       training and test batch (each test batch is one fresh array read)
 * @param learningRate    SGD learning rate (momentum and weight decay below), cosine-annealed to 0
 * @param momentum        SGD momentum
 * @param weightDecay     L2 weight decay (scores included, as the authors' script)
 * @param inputBits       bits of every activation quantiser (3 in the paper)
 * @param keepFraction    fraction of each layer's edges kept (0.5 in the paper)
 * @param deviceFlipLimit flip limit of the device-pruned network (0.009 → 0.007 in the paper; the software
 *                        variant, like the authors' software script, has none)
 * @param trainFraction   train part of the paper's random split (0.7: 2,100 / 900)
 * @param splitSeed       seed of that split
 * @param seed            weights, scores and shuffling seed
 * @param sigmas          write-noise levels of the conventional baseline sweep (both noise definitions)
 * @param noiseRepeats    programmings per noise level (and read-noise passes over the test set)
 * @param referenceNoise  the baseline point the accuracy gain is measured against (the paper's is not public)
 * @param quantisation    how the activations after the input are quantised: QUANTILE (the authors' script) in the
 *                        paper preset, where at 60 epochs it beat MIN_MAX (96.9 vs. 94.8 % with device weights); MIN_MAX
 *                        in quick and ci, where it learns faster (docs/spoken-digits.md)
 */
public record SpokenDigitsConfig(String name, int epochs, int batchSize, double learningRate, double momentum, double weightDecay,
                                 int inputBits, double keepFraction, FlipLimit deviceFlipLimit, double trainFraction, long splitSeed,
                                 long seed, List<Double> sigmas, int noiseRepeats, WriteNoise referenceNoise,
                                 SpokenDigitCrnn.Quantisation quantisation) {

    public SpokenDigitsConfig {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name: expected a preset name, got '" + name + "'");
        if (epochs < 1) throw new IllegalArgumentException("epochs: expected >= 1, got " + epochs);
        if (batchSize < 1) throw new IllegalArgumentException("batchSize: expected >= 1, got " + batchSize);
        if (!(learningRate > 0)) throw new IllegalArgumentException("learningRate: expected > 0, got " + learningRate);
        if (!(momentum >= 0 && momentum < 1)) throw new IllegalArgumentException("momentum: expected [0, 1), got " + momentum);
        if (!(weightDecay >= 0)) throw new IllegalArgumentException("weightDecay: expected >= 0, got " + weightDecay);
        if (inputBits < 0 || inputBits > 16) throw new IllegalArgumentException("inputBits: expected 0 (off) or 1..16, got " + inputBits);
        TopK.checkKeepFraction(keepFraction);
        if (deviceFlipLimit == null) throw new IllegalArgumentException("deviceFlipLimit: expected a FlipLimit (FlipLimit.NONE for none), got null");
        if (!(trainFraction > 0 && trainFraction < 1)) throw new IllegalArgumentException("trainFraction: expected (0, 1), got " + trainFraction);
        if (sigmas == null || sigmas.isEmpty()) throw new IllegalArgumentException("sigmas: expected at least one write-noise level, got " + sigmas);
        for (Double s : sigmas) {
            if (s == null || !(s >= 0)) throw new IllegalArgumentException("sigmas: expected values >= 0, got " + sigmas);
        }
        sigmas = List.copyOf(sigmas);
        if (noiseRepeats < 1) throw new IllegalArgumentException("noiseRepeats: expected >= 1, got " + noiseRepeats);
        if (referenceNoise == null) throw new IllegalArgumentException("referenceNoise: expected a WriteNoise, e.g. WriteNoise.range(0.1), got null");
        if (quantisation == null) throw new IllegalArgumentException("quantisation: expected MIN_MAX or QUANTILE, got null");
    }

    /** The authors' settings: 60 epochs, batch 30, SGD 0.1 momentum 0.9 wd 5e-4 cosine, 3 bits (quantile levels), keep 0.5, 70/30. */
    public static SpokenDigitsConfig paper() {
        return new SpokenDigitsConfig("paper", 60, 30, 0.1, 0.9, 5e-4, 3, 0.5, FlipLimit.spokenDigits(), 0.7, 1, 1,
                List.of(0.0, 0.02, 0.05, 0.1, 0.2, 0.3), 3, WriteNoise.range(0.1), SpokenDigitCrnn.Quantisation.QUANTILE);
    }

    /** Minutes on 2 cores: the paper's settings with fewer epochs (the cosine schedule is compressed). */
    public static SpokenDigitsConfig quick() {
        return paper().withName("quick").withEpochs(30).withSigmas(List.of(0.0, 0.05, 0.1, 0.2, 0.3)).withNoiseRepeats(2)
                .withQuantisation(SpokenDigitCrnn.Quantisation.MIN_MAX);
    }

    /** Seconds: checks that every code path runs (accuracies are not meaningful). */
    public static SpokenDigitsConfig ci() {
        return paper().withName("ci").withEpochs(1).withSigmas(List.of(0.0, 0.1)).withNoiseRepeats(1)
                .withQuantisation(SpokenDigitCrnn.Quantisation.MIN_MAX);
    }

    public static SpokenDigitsConfig forProfile(Profile profile) {
        return profile.pick(ci(), quick(), paper());
    }

    /** The trainer's settings (no flip limit: the experiment adds the device's). */
    public TrainConfig trainConfig() {
        return new TrainConfig(epochs, batchSize, TrainConfig.OptimizerKind.SGD, learningRate, momentum, weightDecay, 0, FlipLimit.NONE, seed);
    }

    public SpokenDigitsConfig withName(String n) { return new SpokenDigitsConfig(n, epochs, batchSize, learningRate, momentum, weightDecay, inputBits, keepFraction, deviceFlipLimit, trainFraction, splitSeed, seed, sigmas, noiseRepeats, referenceNoise, quantisation); }
    public SpokenDigitsConfig withEpochs(int e) { return new SpokenDigitsConfig(name, e, batchSize, learningRate, momentum, weightDecay, inputBits, keepFraction, deviceFlipLimit, trainFraction, splitSeed, seed, sigmas, noiseRepeats, referenceNoise, quantisation); }
    public SpokenDigitsConfig withSeed(long s) { return new SpokenDigitsConfig(name, epochs, batchSize, learningRate, momentum, weightDecay, inputBits, keepFraction, deviceFlipLimit, trainFraction, splitSeed, s, sigmas, noiseRepeats, referenceNoise, quantisation); }
    public SpokenDigitsConfig withSigmas(List<Double> s) { return new SpokenDigitsConfig(name, epochs, batchSize, learningRate, momentum, weightDecay, inputBits, keepFraction, deviceFlipLimit, trainFraction, splitSeed, seed, s, noiseRepeats, referenceNoise, quantisation); }
    public SpokenDigitsConfig withNoiseRepeats(int r) { return new SpokenDigitsConfig(name, epochs, batchSize, learningRate, momentum, weightDecay, inputBits, keepFraction, deviceFlipLimit, trainFraction, splitSeed, seed, sigmas, r, referenceNoise, quantisation); }
    public SpokenDigitsConfig withQuantisation(SpokenDigitCrnn.Quantisation q) { return new SpokenDigitsConfig(name, epochs, batchSize, learningRate, momentum, weightDecay, inputBits, keepFraction, deviceFlipLimit, trainFraction, splitSeed, seed, sigmas, noiseRepeats, referenceNoise, q); }
    public SpokenDigitsConfig withLearningRate(double lr) { return new SpokenDigitsConfig(name, epochs, batchSize, lr, momentum, weightDecay, inputBits, keepFraction, deviceFlipLimit, trainFraction, splitSeed, seed, sigmas, noiseRepeats, referenceNoise, quantisation); }
}
