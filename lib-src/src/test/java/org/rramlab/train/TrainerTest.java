package org.rramlab.train;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rramlab.layers.Param;
import org.rramlab.layers.Sequential;
import org.rramlab.network.Models;
import org.rramlab.network.WeightsProvider;
import org.rramlab.train.CosineSchedule;
import org.rramlab.train.Sgd;
import org.rramlab.prune.FlipLimit;
import org.rramlab.prune.ProgrammingLedger;
import org.rramlab.prune.PruneConfig;
import org.rramlab.prune.SoftwareEdgeWeights;

public class TrainerTest {

    /** Four Gaussian blobs in 784 dimensions: learnable in a few epochs. */
    public static Examples blobs(int n, long seed) {
        java.util.Random r = new java.util.Random(seed);
        float[][] centres = new float[4][784];
        java.util.Random c = new java.util.Random(99);
        for (float[] centre : centres) for (int j = 0; j < 784; j++) centre[j] = (float) c.nextGaussian() * 0.3f;
        float[] x = new float[n * 784];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(4);
            for (int j = 0; j < 784; j++) x[i * 784 + j] = centres[labels[i]][j] + (float) r.nextGaussian();
        }
        return new Examples(Nd4j.createFromArray(x).reshape(n, 1, 28, 28), labels);
    }

    static Sequential prunedMlp(ProgrammingLedger ledger) {
        return Models.mlp(WeightsProvider.pruned(SoftwareEdgeWeights.factory(SoftwareEdgeWeights.Kind.SIGNED_CONSTANT), PruneConfig.paper(), ledger), 32, 3);
    }

    static TrainConfig config() {
        return TrainConfig.fashionPaper().withEpochs(3).withBatchSize(20).withValidationFraction(0.2).withFlipLimit(FlipLimit.fashionMnist());
    }

    @Test void prunedNetworkLearnsAndCountsFlips() {
        ProgrammingLedger ledger = new ProgrammingLedger();
        TrainResult r = new Trainer(prunedMlp(ledger), config()).fit(blobs(200, 1), blobs(100, 2));
        assertEquals(3, r.metrics().rowCount());
        assertTrue(r.bestTestScore() > 0.6, "best test accuracy " + r.bestTestScore());
        assertTrue(r.totalFlips() > 0);
        assertEquals(ledger.total(), r.totalFlips());
        assertTrue(r.bestValidationEpoch() >= 1);
    }

    @Test void resumedRunEqualsUninterruptedRun(@TempDir Path dir) {
        resumeMatchesUninterrupted(config(), dir);
    }

    /** Dropout masks follow the optimiser's step count after a resume. */
    @Test void resumedRunWithDropoutEqualsUninterruptedRun(@TempDir Path dir) {
        java.util.function.Supplier<Sequential> net = () -> new Sequential(new org.rramlab.layers.Flatten(),
                new org.rramlab.layers.MaskedDense("fc1", new org.rramlab.layers.TrainableWeights(new long[] {16, 784}, 1)), new org.rramlab.layers.Relu(),
                new org.rramlab.layers.Dropout(0.3, 5), new org.rramlab.layers.MaskedDense("fc2", new org.rramlab.layers.TrainableWeights(new long[] {4, 16}, 2)));
        resumeMatchesUninterrupted(config(), dir, net);
    }

    /** Augmentation draws from the seed, epoch and batch alone: a resumed run augments the same batches the same way. */
    @Test void resumedAugmentedRunEqualsUninterruptedRun(@TempDir Path dir) {
        TrainResult augmented = resumeMatchesUninterrupted(config().withAugmentation(Augmentation.flipsAndShifts(2)), dir);
        TrainResult plain = new Trainer(prunedMlp(new ProgrammingLedger()), config()).fit(blobs(120, 1), blobs(60, 2));
        assertFalse(java.util.Arrays.equals(plain.metrics().doubleColumn("train loss").asDoubleArray(),
                augmented.metrics().doubleColumn("train loss").asDoubleArray()), "augmentation changed nothing");
    }

    private static TrainResult resumeMatchesUninterrupted(TrainConfig config, Path dir) {
        return resumeMatchesUninterrupted(config, dir, () -> prunedMlp(new ProgrammingLedger()));
    }

    private static TrainResult resumeMatchesUninterrupted(TrainConfig config, Path dir, java.util.function.Supplier<Sequential> model) {
        Path ckpt = dir.resolve("run.ckpt");
        Examples train = blobs(120, 1), test = blobs(60, 2);
        TrainResult whole = new Trainer(model.get(), config).fit(train, test);

        new Trainer(model.get(), config).checkpoint(ckpt).fit(train, test, 2);   // "killed" after epoch 2
        assertTrue(Files.exists(ckpt));
        TrainResult resumed = new Trainer(model.get(), config).checkpoint(ckpt).fit(train, test);

        assertEquals(3, resumed.metrics().rowCount());
        for (String col : List.of("train loss", "test acc", "val acc", "flips")) {
            assertArrayEquals(whole.metrics().doubleColumn(col).asDoubleArray(), resumed.metrics().doubleColumn(col).asDoubleArray(), 0, col);
        }
        assertEquals(whole.totalFlips(), resumed.totalFlips());
        return whole;
    }

    /** Device weights: read noise in every test batch, so the read-noise generator must be in the checkpoint too. */
    @Test void resumedDeviceRunEqualsUninterruptedRun(@TempDir Path dir) {
        Path ckpt = dir.resolve("device.ckpt");
        Examples train = blobs(120, 1), test = blobs(60, 2);
        java.util.function.Supplier<Sequential> model = () -> Models.mlp(WeightsProvider.pruned(
                org.rramlab.prune.TileEdges.factory(org.rramlab.crossbar.Macro.paper(org.rramlab.device.DeviceModel.taox40nm(), 4)),
                PruneConfig.paper(), new ProgrammingLedger()).withMvm(org.rramlab.crossbar.MvmConfig.paper()), 32, 3);
        assertTrue(org.rramlab.device.DeviceModel.taox40nm().hasReadNoise(), "the test needs read noise");
        TrainResult whole = new Trainer(model.get(), config()).fit(train, test);

        new Trainer(model.get(), config()).checkpoint(ckpt).fit(train, test, 2);   // "killed" after epoch 2
        TrainResult resumed = new Trainer(model.get(), config()).checkpoint(ckpt).fit(train, test);

        for (String col : List.of("train loss", "test loss", "test acc", "val acc", "flips")) {
            assertArrayEquals(whole.metrics().doubleColumn(col).asDoubleArray(), resumed.metrics().doubleColumn(col).asDoubleArray(), 0, col);
        }
    }

    @Test void checkpointOfAnotherModelIsRejected(@TempDir Path dir) {
        Path ckpt = dir.resolve("run.ckpt");
        Examples train = blobs(40, 1), test = blobs(20, 2);
        new Trainer(prunedMlp(new ProgrammingLedger()), config()).checkpoint(ckpt).fit(train, test, 1);
        Sequential other = Models.mlp(WeightsProvider.trained(), 16, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Trainer(other, config()).checkpoint(ckpt).fit(train, test));
        assertTrue(e.getMessage().contains("run.ckpt"), e.getMessage());
    }

    @Test void beforeEvaluationHookRunsOncePerEpochOnTheFitSet() {
        Examples train = blobs(120, 1), test = blobs(60, 2);
        Sequential model = prunedMlp(new ProgrammingLedger());
        List<Integer> sizes = new java.util.ArrayList<>();
        new Trainer(model, config()).beforeEvaluation((m, fitSet) -> {
            assertSame(model, m);
            sizes.add(fitSet.size());
        }).fit(train, test);
        int fitSize = train.size() - train.split(config().validationFraction(), config().seed() ^ 0x5EEDL)[0].size();
        assertEquals(List.of(fitSize, fitSize, fitSize), sizes, "one call per epoch with the training part (validation held out)");
        assertThrows(IllegalArgumentException.class, () -> new Trainer(model, config()).beforeEvaluation(null));
    }
    @Test void trainedWeightBaselineLearns() {
        TrainResult r = new Trainer(Models.mlp(WeightsProvider.trained(), 32, 3), config().withFlipLimit(FlipLimit.NONE)).fit(blobs(200, 1), blobs(100, 2));
        assertTrue(r.bestTestScore() > 0.6, "best test accuracy " + r.bestTestScore());
        assertEquals(0, r.totalFlips());
    }

    @Test void sgdMatchesPyTorchUpdateRule() {
        Param p = new Param("w", Param.Kind.WEIGHT, Nd4j.createFromArray(1.0f, -2.0f));
        Sgd sgd = new Sgd(0.9, 0.1);
        p.grad().assign(Nd4j.createFromArray(0.5f, 0.5f));
        sgd.step(List.of(p), 0.1);       // g = 0.5 + 0.1 w = (0.6, 0.3); w -= 0.1 g
        assertEquals(0.94f, p.value().getFloat(0), 1e-6);
        p.grad().assign(Nd4j.createFromArray(0.5f, 0.5f));
        sgd.step(List.of(p), 0.1);       // g = 0.5 + 0.094 = 0.594; buf = 0.9*0.6 + 0.594 = 1.134
        assertEquals(0.94f - 0.1134f, p.value().getFloat(0), 1e-6);
    }

    @Test void sgdFloatFastPathEqualsTheNd4jOps() {
        for (long[] shape : new long[][] {{40, 30}, {300, 400}}) {   // the second is split over the cores
            Param p = new Param("w", Param.Kind.SCORE, Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, shape).subi(0.5));
            INDArray value = p.value().dup(), buffer = null;
            Sgd sgd = new Sgd(0.9, 5e-4);
            for (int step = 0; step < 3; step++) {
                INDArray grad = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, shape).subi(0.5);
                p.grad().assign(grad);
                sgd.step(List.of(p), 0.1);
                // the reference: PyTorch's rule as separate float32 ND4J ops
                INDArray g = grad.add(value.mul(5e-4));
                buffer = buffer == null ? g.dup() : buffer.muli(0.9).addi(g);
                value.subi(buffer.mul(0.1));
                assertEquals(value, p.value(), "step " + step);
                assertEquals(grad, p.grad(), "the gradient is left as it is");
            }
            assertEquals(buffer, sgd.state(List.of(p)).get(0));
        }
    }

    @Test void adamFirstStepMovesEachParameterByTheLearningRate() {
        Param p = new Param("w", Param.Kind.WEIGHT, Nd4j.createFromArray(1.0f, -2.0f));
        org.rramlab.train.Adam adam = new org.rramlab.train.Adam(0);
        p.grad().assign(Nd4j.createFromArray(0.3f, -5f));
        adam.step(List.of(p), 0.01);   // bias-corrected m/sqrt(v) = sign(g) on the first step
        assertEquals(0.99f, p.value().getFloat(0), 1e-6);
        assertEquals(-1.99f, p.value().getFloat(1), 1e-6);
        assertEquals(1, adam.steps());
    }

    @Test void cosineSchedule() {
        CosineSchedule s = new CosineSchedule(0.1, 65);
        assertEquals(0.1, s.at(0), 1e-12);
        assertEquals(0.0, new CosineSchedule(0.1, 2).at(2), 1e-12);
        assertEquals(0.05, new CosineSchedule(0.1, 2).at(1), 1e-12);
    }

    @Test void badConfigurationNamesTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainConfig.fashionPaper().withBatchSize(0));
        assertTrue(e.getMessage().contains("batchSize"));
        IllegalArgumentException ls = assertThrows(IllegalArgumentException.class, () -> TrainConfig.fashionPaper().withLabelSmoothing(-0.1));
        assertTrue(ls.getMessage().contains("labelSmoothing") && ls.getMessage().contains("-0.1"), ls.getMessage());
        IllegalArgumentException wd = assertThrows(IllegalArgumentException.class, () -> TrainConfig.fashionPaper().withWeightDecay(-1e-4));
        assertTrue(wd.getMessage().contains("weightDecay") && wd.getMessage().contains("-1.0E-4"), wd.getMessage());
        assertEquals(1e-4, TrainConfig.fashionPaper().withWeightDecay(1e-4).weightDecay());
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class, () -> new Examples(Nd4j.zeros(3, 4), new int[2]));
        assertTrue(m.getMessage().contains("3 inputs") && m.getMessage().contains("2 labels"), m.getMessage());
    }

    @Test void fashionCnnHasThePaperShapes() {
        ProgrammingLedger ledger = new ProgrammingLedger();
        Sequential cnn = Models.fashionCnn(WeightsProvider.pruned(SoftwareEdgeWeights.factory(SoftwareEdgeWeights.Kind.SIGNED_CONSTANT), PruneConfig.paper(), ledger), 4, 1);
        long weights = cnn.params().stream().mapToLong(Param::size).sum();
        assertEquals(Models.FASHION_CNN_WEIGHTS, weights);
        INDArray out = cnn.forward(Nd4j.rand(3, 1, 28, 28), true);
        assertArrayEquals(new long[] {3, 10}, out.shape());
        assertEquals(4L, ledger.toTable().rowCount() - 1L);
    }
}
