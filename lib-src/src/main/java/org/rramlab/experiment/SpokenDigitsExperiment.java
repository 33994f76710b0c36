package org.rramlab.experiment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rramlab.crossbar.Macro;
import org.rramlab.crossbar.MvmConfig;
import org.rramlab.data.LabelledImages;
import org.rramlab.data.audio.SpokenDigits;
import org.rramlab.device.DeviceModel;
import org.rramlab.device.WriteNoise;
import org.rramlab.metrics.ConfusionMatrix;
import org.rramlab.layers.BatchNorm;
import org.rramlab.layers.Layer;
import org.rramlab.layers.LayerWeights;
import org.rramlab.layers.MaskedConv2d;
import org.rramlab.layers.MaskedDense;
import org.rramlab.layers.Sequential;
import org.rramlab.layers.TrainableWeights;
import org.rramlab.network.SpokenDigitCrnn;
import org.rramlab.network.WeightsProvider;
import org.rramlab.train.Examples;
import org.rramlab.train.TrainResult;
import org.rramlab.train.Trainer;
import org.rramlab.train.Progress;
import org.rramlab.prune.ProgrammingLedger;
import org.rramlab.prune.PruneConfig;
import org.rramlab.prune.SoftwareEdgeWeights;
import org.rramlab.prune.TileEdges;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The paper's spoken-digit experiment end to end, for notebook 04 and the benchmark: the CRNN
 * ({@link SpokenDigitCrnn}) trained three ways on the same split, then the conventional baseline.
 * <ul>
 *   <li>{@link Variant#DEVICE_PRUNED}: edge pruning of the random conductances of freshly formed arrays
 *       formed on a macro ({@link TileEdges}), every layer on its analogue tile ({@link #mvm()}: read noise, 14-bit ADC),
 *       with the hardware flip limit; every test batch is a fresh, noisy read.</li>
 *   <li>{@link Variant#SOFTWARE_PRUNED}: the authors' software script: signed-constant weights, no flip limit.</li>
 *   <li>{@link Variant#TRAINED_FLOAT}: the same network with conventionally trained float weights.</li>
 *   <li>{@link #baselineSweep}: the trained weights programmed onto the device by write-verify with residual write
 *       noise (both noise definitions, a sweep of sigma), read afresh per test batch.</li>
 * </ul>
 * The quantisers stay in every variant (3-bit inputs), so the variants differ in their weights only.
 */
public final class SpokenDigitsExperiment {

    /** How a network's weights come about. */
    public enum Variant {
        DEVICE_PRUNED("pruned random device weights"),
        SOFTWARE_PRUNED("pruned random software weights"),
        TRAINED_FLOAT("trained float weights");

        private final String label;
        Variant(String label) { this.label = label; }
        public String label() { return label; }
    }

    /** A trained network and what its training produced. */
    public record Run(Variant variant, Sequential model, TrainResult result, ProgrammingLedger ledger) {
        /** Best test accuracy in percent (the authors' model selection). */
        public double bestPercent() { return 100 * result.bestTestAccuracy(); }
        /** Test accuracy after the last epoch, in percent. */
        public double finalPercent() { return 100 * result.finalTestAccuracy(); }
    }

    private final SpokenDigitsConfig config;
    private final DeviceModel device;
    private boolean reestimateBatchNorm;
    private MvmConfig mvm = MvmConfig.paper();

    public SpokenDigitsExperiment(SpokenDigitsConfig config, DeviceModel device) {
        if (config == null) throw new IllegalArgumentException("config: expected a SpokenDigitsConfig, e.g. SpokenDigitsConfig.quick(), got null");
        if (device == null) throw new IllegalArgumentException("device: expected a DeviceModel, e.g. DeviceModel.taox40nm(), got null");
        this.config = config;
        this.device = device;
    }

    /** The paper's TaOx 40 nm device. */
    public SpokenDigitsExperiment(SpokenDigitsConfig config) { this(config, DeviceModel.taox40nm()); }

    /**
     * With {@code on}, every training run re-estimates the batch-norm statistics with the current masks
     * ({@link #reestimateBatchNorm}) before each epoch's test pass: one more forward pass over the training set per
     * epoch. Off by default (the authors' script tests with the running averages). Returns this.
     */
    public SpokenDigitsExperiment reestimatingBatchNorm(boolean on) {
        this.reestimateBatchNorm = on;
        return this;
    }

    public boolean reestimatesBatchNorm() { return reestimateBatchNorm; }

    /** The stages of every multiply of the device networks (pruned and programmed); default {@link MvmConfig#paper()}. */
    public SpokenDigitsExperiment withMvm(MvmConfig config) {
        if (config == null) throw new IllegalArgumentException("config: expected an MvmConfig, e.g. MvmConfig.paper(), got null");
        this.mvm = config;
        return this;
    }

    public MvmConfig mvm() { return mvm; }

    public SpokenDigitsConfig config() { return config; }
    public DeviceModel device() { return device; }

    /** The paper's random split (train fraction and seed from the config): {train, test}. */
    public Examples[] paperSplit(SpokenDigits data) { return examples(data.randomSplit(config.trainFraction(), config.splitSeed())); }

    /** FSDD's official split (recordings 0–4 of every speaker and digit are the test set): {train, test}. */
    public Examples[] officialSplit(SpokenDigits data) { return examples(data.officialSplit()); }

    public static Examples[] examples(LabelledImages.Split split) {
        return new Examples[] {new Examples(split.first().images(), split.first().labels()), new Examples(split.second().images(), split.second().labels())};
    }

    /** A fresh, untrained network of the given variant; flips are counted in {@code ledger}. */
    public Sequential model(Variant variant, ProgrammingLedger ledger) {
        WeightsProvider weights = switch (variant) {
            case DEVICE_PRUNED -> WeightsProvider.pruned(TileEdges.factory(Macro.paper(device, config.seed())),
                    new PruneConfig(config.keepFraction(), config.deviceFlipLimit()), ledger).withMvm(mvm);
            case SOFTWARE_PRUNED -> WeightsProvider.pruned(SoftwareEdgeWeights.factory(SoftwareEdgeWeights.Kind.SIGNED_CONSTANT),
                    new PruneConfig(config.keepFraction(), org.rramlab.prune.FlipLimit.NONE), ledger);
            case TRAINED_FLOAT -> WeightsProvider.trained();
        };
        return SpokenDigitCrnn.build(weights, config.inputBits(), config.quantisation(), config.seed());
    }

    /** Trains a fresh network of {@code variant} on {@code train}, testing on {@code test} after every epoch. */
    public Run train(Variant variant, Examples train, Examples test, Progress progress) {
        ProgrammingLedger ledger = new ProgrammingLedger();
        Sequential model = model(variant, ledger);
        var trainConfig = variant == Variant.DEVICE_PRUNED ? config.trainConfig().withFlipLimit(config.deviceFlipLimit()) : config.trainConfig();
        Trainer trainer = new Trainer(model, trainConfig).progress(progress);
        if (reestimateBatchNorm) trainer.beforeEvaluation((m, fitSet) -> reestimateBatchNorm(m, fitSet, config.batchSize()));
        TrainResult result = trainer.fit(train, test);
        return new Run(variant, model, result, ledger);
    }

    /** Predicted class of every example, in batches of {@code batchSize} (each batch one array read). */
    public static int[] predict(Layer model, Examples data, int batchSize) {
        int[] predicted = new int[data.size()];
        for (int from = 0; from < data.size(); from += batchSize) {
            Examples batch = data.range(from, Math.min(data.size(), from + batchSize));
            long[] p = model.forward(batch.inputs(), false).argMax(1).toLongVector();
            for (int i = 0; i < p.length; i++) predicted[from + i] = (int) p[i];
        }
        return predicted;
    }

    public ConfusionMatrix confusion(Layer model, Examples test) {
        return ConfusionMatrix.of(test.labels(), predict(model, test, config.batchSize()), SpokenDigitCrnn.CLASSES);
    }

    /**
     * Test accuracy (fractions) of {@code repeats} passes over the test set; each batch of each pass reads the arrays
     * afresh, so the spread is the cycle-to-cycle read noise's effect on accuracy.
     */
    public double[] accuracyUnderReadNoise(Layer model, Examples test, int repeats) {
        if (repeats < 1) throw new IllegalArgumentException("repeats: expected >= 1, got " + repeats);
        double[] acc = new double[repeats];
        for (int r = 0; r < repeats; r++) acc[r] = Trainer.evaluate(model, test, config.batchSize())[1];
        return acc;
    }

    /**
     * Re-estimates every batch-norm layer's running statistics with the model as it is now (its final masks and
     * training read): training-mode forward passes over {@code train} in order, in batches of {@code batchSize}, no
     * weight or score update; the statistics become the plain average of the batches' (as PyTorch with momentum
     * None). Why: during training the running averages (momentum 0.1) mix statistics of masks that have since flipped.
     * Returns the number of batches passed.
     */
    public static int reestimateBatchNorm(Layer model, Examples train, int batchSize) {
        if (batchSize < 2) throw new IllegalArgumentException("batchSize: expected >= 2 (batch statistics need two examples), got " + batchSize);
        List<BatchNorm> norms = Sequential.leavesOf(model, BatchNorm.class);
        INDArray[] meanSum = new INDArray[norms.size()], varSum = new INDArray[norms.size()];
        INDArray[] meanBefore = new INDArray[norms.size()], varBefore = new INDArray[norms.size()];
        int batches = 0;
        for (int from = 0; from + 2 <= train.size(); from += batchSize, batches++) {
            for (int k = 0; k < norms.size(); k++) {
                meanBefore[k] = norms.get(k).runningMean().dup();
                varBefore[k] = norms.get(k).runningVar().dup();
            }
            model.forward(train.range(from, Math.min(train.size(), from + batchSize)).inputs(), true);
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
        return after.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).subi(before.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).muli(1 - BatchNorm.MOMENTUM))
                .divi(BatchNorm.MOMENTUM);
    }

    /**
     * The trained network with every layer's weights programmed onto {@link #device()} by write-verify with residual
     * {@code noise}; batch-norm statistics copied; evaluation reads every array afresh per batch.
     */
    public Sequential programmed(Run trained, WriteNoise noise, long seed) {
        if (trained.variant() != Variant.TRAINED_FLOAT) {
            throw new IllegalArgumentException("trained: expected a " + Variant.TRAINED_FLOAT + " run, got " + trained.variant());
        }
        Map<String, INDArray> weights = FashionExperiment.trainedWeights(trained.model());
        Sequential model = SpokenDigitCrnn.build(WeightsProvider.programmed(weights, Macro.paper(device, seed), noise, seed).withMvm(mvm),
                config.inputBits(), config.quantisation(), config.seed());
        FashionExperiment.copyBatchNorm(trained.model(), model);
        return model;
    }

    /**
     * The conventional baseline across write-noise levels: for both noise definitions (sigma × the programmable
     * range, sigma × each target conductance) and every sigma of the config, the trained network is programmed
     * ({@link #programmed}) and tested {@code config.noiseRepeats()} times (different programming seeds).
     * Columns: noise, sigma, accuracy (mean, fraction), accuracy std.
     */
    public Table baselineSweep(Run trained, Examples test, Progress progress) {
        Progress p = progress == null ? Progress.none() : progress;
        StringColumn kind = StringColumn.create("noise");
        DoubleColumn sigma = DoubleColumn.create("sigma"), mean = DoubleColumn.create("accuracy"), std = DoubleColumn.create("accuracy std");
        List<WriteNoise> points = new ArrayList<>();
        for (WriteNoise.Kind k : WriteNoise.Kind.values()) for (double s : config.sigmas()) points.add(new WriteNoise(k, s));
        p.start("baseline sweep", points.size());
        int done = 0;
        for (WriteNoise noise : points) {
            double[] acc = new double[config.noiseRepeats()];
            for (int r = 0; r < acc.length; r++) acc[r] = Trainer.evaluate(programmed(trained, noise, 1000L * r + 7), test, config.batchSize())[1];
            double m = java.util.Arrays.stream(acc).average().orElse(Double.NaN);
            double v = java.util.Arrays.stream(acc).map(a -> (a - m) * (a - m)).sum() / Math.max(1, acc.length - 1);
            kind.append(noise.kind().name().toLowerCase(Locale.ROOT));
            sigma.append(noise.sigma());
            mean.append(m);
            std.append(Math.sqrt(v));
            p.advance(++done, String.format(Locale.ROOT, "%s %.2f: %.1f %%", noise.kind(), noise.sigma(), 100 * m));
        }
        p.finish(points.size() + " noise levels");
        return Table.create("conventional baseline: trained weights programmed with write noise", kind, sigma, mean, std);
    }

    /** Mean accuracy of the sweep at {@code noise} (NaN when that point is not in the table). */
    public static double sweepAccuracy(Table sweep, WriteNoise noise) {
        String k = noise.kind().name().toLowerCase(Locale.ROOT);
        for (int i = 0; i < sweep.rowCount(); i++) {
            if (sweep.stringColumn("noise").get(i).equals(k) && Math.abs(sweep.doubleColumn("sigma").get(i) - noise.sigma()) < 1e-12) {
                return sweep.doubleColumn("accuracy").get(i);
            }
        }
        return Double.NaN;
    }
    /**
     * Paper vs. ours: the paper's accuracy gain and the authors' script's best accuracy and flips next to this run's.
     * Accuracies in percent.
     */
    public Table paperVsOurs(Run device, Run software, Run trained, Table sweep, double officialDevicePercent) {
        double reference = 100 * sweepAccuracy(sweep, config.referenceNoise());
        StringColumn what = StringColumn.create("quantity"), paper = StringColumn.create("paper / authors' script"), ours = StringColumn.create("ours");
        what.append("accuracy gain over the conventional baseline (pp)");
        paper.append("+19.9 (baseline not stated)");
        ours.append(String.format(Locale.ROOT, "%+.1f (vs. %s noise sigma %.2f: %.1f %%)", device.bestPercent() - reference,
                config.referenceNoise().kind().name().toLowerCase(Locale.ROOT), config.referenceNoise().sigma(), reference));
        what.append("best test accuracy, software edge pruning (%)");
        paper.append("98.0 (97.3 at the last epoch), their features, 60 epochs");
        ours.append(String.format(Locale.ROOT, "%.1f (%.1f at the last epoch), %d epochs", software.bestPercent(), software.finalPercent(), config.epochs()));
        what.append("best test accuracy, pruned random device weights (%)");
        paper.append("not stated");
        ours.append(String.format(Locale.ROOT, "%.1f (%.1f at the last epoch); official split %.1f", device.bestPercent(), device.finalPercent(), officialDevicePercent));
        what.append("best test accuracy, trained float weights (%)");
        paper.append("not stated");
        ours.append(String.format(Locale.ROOT, "%.1f", trained.bestPercent()));
        what.append("mask flips (SET + RESET)");
        paper.append("284,688 without flip limit");
        ours.append(String.format(Locale.ROOT, "%,d without limit (software); %,d with the flip limit (device)", software.result().totalFlips(), device.result().totalFlips()));
        what.append("seconds per epoch (train 2,100 + test 900)");
        paper.append("3.5 (PyTorch, 2 CPU cores)");
        ours.append(String.format(Locale.ROOT, "%.1f device, %.1f software, %.1f float", device.result().meanEpochSeconds(),
                software.result().meanEpochSeconds(), trained.result().meanEpochSeconds()));
        return Table.create("spoken digits: paper vs. ours (" + config.name() + ")", what, paper, ours);
    }

    /** Same as {@link SpokenDigitsRun#main}: the profile from RRAMLAB_PROFILE, results in target/spoken-digits-run. */
    public static void main(String[] args) { SpokenDigitsRun.main(args); }
}
