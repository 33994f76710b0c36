package org.rramlab.experiment;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rramlab.device.DeviceModel;
import org.rramlab.device.WriteNoise;
import org.rramlab.metrics.ConfusionMatrix;
import org.rramlab.train.Examples;
import org.rramlab.prune.FlipLimit;
import tech.tablesaw.api.Table;

class SpokenDigitsExperimentTest {

    /** Feature maps in [0, 1] whose class shows as a bright band at row 2·label: learnable in an epoch or two. */
    static Examples synthetic(int n, long seed) {
        java.util.Random r = new java.util.Random(seed);
        float[] x = new float[n * 23 * 20];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(10);
            for (int row = 0; row < 23; row++) for (int t = 0; t < 20; t++) {
                float v = 0.3f * r.nextFloat() + (Math.abs(row - 2 * labels[i]) <= 1 ? 0.7f : 0f);
                x[(i * 23 + row) * 20 + t] = Math.min(1f, v);
            }
        }
        return new Examples(Nd4j.create(x, new long[] {n, 1, 23, 20}, 'c'), labels);
    }

    static SpokenDigitsConfig tiny() {
        return SpokenDigitsConfig.ci().withEpochs(3).withSigmas(List.of(0.0, 0.3)).withNoiseRepeats(2);
    }

    @Test void prunedDeviceNetworkLearnsCountsFlipsAndReadsFreshPerBatch() {
        SpokenDigitsExperiment e = new SpokenDigitsExperiment(tiny());
        Examples train = synthetic(300, 1), test = synthetic(90, 2);
        SpokenDigitsExperiment.Run run = e.train(SpokenDigitsExperiment.Variant.DEVICE_PRUNED, train, test, null);
        assertEquals(3, run.result().metrics().rowCount());
        assertTrue(run.bestPercent() > 50, "best test accuracy " + run.bestPercent() + " %");
        assertTrue(run.result().totalFlips() > 0);
        assertEquals(run.ledger().total(), run.result().totalFlips());
        double[] acc = e.accuracyUnderReadNoise(run.model(), test, 3);
        assertEquals(3, acc.length);
        for (double a : acc) assertTrue(a > 0.5, "accuracy under read noise " + a);
        // every evaluation forward reads the arrays afresh: the same batch gives different logits
        INDArray first = run.model().forward(test.inputs(), false), second = run.model().forward(test.inputs(), false);
        assertFalse(first.equalsWithEps(second, 1e-7), "two evaluation reads gave identical logits");
        ConfusionMatrix cm = e.confusion(run.model(), test);
        assertEquals(90, cm.total());
    }

    @Test void batchNormReestimationUsesTheCurrentModelAndChangesNoWeights() {
        SpokenDigitsExperiment e = new SpokenDigitsExperiment(tiny().withEpochs(1), DeviceModel.ideal());
        Examples train = synthetic(120, 5);
        SpokenDigitsExperiment.Run run = e.train(SpokenDigitsExperiment.Variant.SOFTWARE_PRUNED, train, train, null);
        var norms = org.rramlab.layers.Sequential.leavesOf(run.model(), org.rramlab.layers.BatchNorm.class);
        INDArray scoresBefore = run.model().params().get(0).value().dup();
        INDArray meanBefore = norms.get(0).runningMean().dup();
        assertEquals(4, SpokenDigitsExperiment.reestimateBatchNorm(run.model(), train, 30), "120 examples in batches of 30");
        assertEquals(scoresBefore, run.model().params().get(0).value(), "re-estimation must not touch the scores");
        assertFalse(meanBefore.equalsWithEps(norms.get(0).runningMean(), 1e-7), "running mean not re-estimated");
        // same model, same data: the re-estimated statistics are reproducible
        INDArray once = norms.get(0).runningMean().dup();
        SpokenDigitsExperiment.reestimateBatchNorm(run.model(), train, 30);
        assertTrue(once.equalsWithEps(norms.get(0).runningMean(), 1e-4), "re-estimated means differ between two passes: they must not depend on the old ones");
        assertThrows(IllegalArgumentException.class, () -> SpokenDigitsExperiment.reestimateBatchNorm(run.model(), train, 1));
    }

    @Test void programmedBaselineWithoutAnyNoiseIsTheTrainedNetwork() {
        // an ideal device and the ideal chain (no ADC, no read noise): the tiles must compute what the software did
        SpokenDigitsExperiment e = new SpokenDigitsExperiment(tiny().withEpochs(1), DeviceModel.ideal()).withMvm(org.rramlab.crossbar.MvmConfig.ideal());
        Examples train = synthetic(120, 3), test = synthetic(30, 4);
        SpokenDigitsExperiment.Run trained = e.train(SpokenDigitsExperiment.Variant.TRAINED_FLOAT, train, test, null);
        INDArray expected = trained.model().forward(test.inputs(), false);
        INDArray programmed = e.programmed(trained, WriteNoise.NONE, 1).forward(test.inputs(), false);
        assertTrue(expected.equalsWithEps(programmed, 1e-3), "ideal programming must reproduce the trained logits");
        assertThrows(IllegalArgumentException.class, () -> e.programmed(
                e.train(SpokenDigitsExperiment.Variant.SOFTWARE_PRUNED, train, test, null), WriteNoise.NONE, 1));
    }

    @Test void baselineSweepCoversBothNoiseDefinitionsAndLargeNoiseHurts() {
        SpokenDigitsExperiment e = new SpokenDigitsExperiment(tiny());
        Examples train = synthetic(300, 5), test = synthetic(90, 6);
        SpokenDigitsExperiment.Run trained = e.train(SpokenDigitsExperiment.Variant.TRAINED_FLOAT, train, test, null);
        Table sweep = e.baselineSweep(trained, test, null);
        assertEquals(4, sweep.rowCount());
        assertEquals(List.of("range", "range", "proportional", "proportional"), sweep.stringColumn("noise").asList());
        double clean = SpokenDigitsExperiment.sweepAccuracy(sweep, WriteNoise.range(0));
        double noisy = SpokenDigitsExperiment.sweepAccuracy(sweep, WriteNoise.range(0.3));
        assertTrue(clean > noisy, "range noise 0.3 should cost accuracy: " + clean + " vs " + noisy);
        assertTrue(Double.isNaN(SpokenDigitsExperiment.sweepAccuracy(sweep, WriteNoise.range(0.17))));
        Table summary = e.paperVsOurs(trained, trained, trained, sweep, 50);
        assertEquals(6, summary.rowCount());
    }

    @Test void sameSeedSameRun() {
        SpokenDigitsExperiment e = new SpokenDigitsExperiment(tiny().withEpochs(1));
        Examples train = synthetic(90, 7), test = synthetic(30, 8);
        var a = e.train(SpokenDigitsExperiment.Variant.SOFTWARE_PRUNED, train, test, null);
        var b = e.train(SpokenDigitsExperiment.Variant.SOFTWARE_PRUNED, train, test, null);
        assertEquals(a.result().metrics().doubleColumn("train loss").get(0), b.result().metrics().doubleColumn("train loss").get(0));
        assertEquals(a.result().totalFlips(), b.result().totalFlips());
    }

    @Test void configPresetsAndValidation() {
        SpokenDigitsConfig paper = SpokenDigitsConfig.paper();
        assertEquals(60, paper.epochs());
        assertEquals(30, paper.batchSize());
        assertEquals(3, paper.inputBits());
        assertEquals(0.5, paper.keepFraction());
        assertEquals(FlipLimit.spokenDigits(), paper.deviceFlipLimit());
        assertEquals(0.1, paper.trainConfig().learningRate());
        assertEquals(5e-4, paper.trainConfig().weightDecay());
        assertEquals(SpokenDigitsConfig.ci(), SpokenDigitsConfig.forProfile(org.rramlab.experiment.Profile.CI));
        assertEquals(org.rramlab.network.SpokenDigitCrnn.Quantisation.QUANTILE, paper.quantisation(), "the authors' quantile levels at 60 epochs");
        assertEquals(org.rramlab.network.SpokenDigitCrnn.Quantisation.MIN_MAX, SpokenDigitsConfig.quick().quantisation());
        assertTrue(new SpokenDigitsExperiment(paper).model(SpokenDigitsExperiment.Variant.TRAINED_FLOAT, new org.rramlab.prune.ProgrammingLedger())
                .describe().contains("quantile"), "the paper preset's network uses quantile quantisers");
        IllegalArgumentException e0 = assertThrows(IllegalArgumentException.class, () -> paper.withQuantisation(null));
        assertTrue(e0.getMessage().contains("quantisation"), e0.getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> paper.withEpochs(0));
        assertTrue(e.getMessage().contains("epochs") && e.getMessage().contains("0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> paper.withSigmas(List.of(0.1, -0.2)));
        assertTrue(e.getMessage().contains("sigmas") && e.getMessage().contains("-0.2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SpokenDigitsExperiment(null));
    }
}
