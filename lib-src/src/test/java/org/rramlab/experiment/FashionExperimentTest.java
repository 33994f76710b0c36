package org.rramlab.experiment;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rramlab.train.Examples;
import org.rramlab.train.TrainConfig;
import org.rramlab.train.TrainResult;
import org.rramlab.train.Trainer;
import org.rramlab.experiment.Profile;
import org.rramlab.train.Progress;
import org.rramlab.prune.PruneConfig;
import org.rramlab.prune.SoftwareEdgeWeights;
import org.rramlab.crossbar.MvmConfig;
import org.rramlab.device.DeviceModel;
import org.rramlab.device.WriteNoise;
import tech.tablesaw.api.Table;

/** The notebook's code path on synthetic 28×28 data (the real data set is not needed for the library's tests). */
class FashionExperimentTest {

    static Examples blobs(int n, long seed) { return org.rramlab.train.TrainerTest.blobs(n, seed); }

    static final TrainConfig TINY = TrainConfig.fashionPaper().withEpochs(3).withBatchSize(30).withValidationFraction(0.2);

    @Test void prunedAndTrainedRunsAndNoiseSweep(@TempDir Path dir) {
        Examples train = blobs(600, 1), test = blobs(90, 2);
        FashionExperiment.Run pruned = FashionExperiment.trainPruned(train, test, SoftwareEdgeWeights.factory(SoftwareEdgeWeights.Kind.SIGNED_CONSTANT),
                MvmConfig.ideal(), PruneConfig.paperWithFlipLimit(), TINY, Progress.none(), 1);
        assertTrue(pruned.result().bestTestAccuracy() > 0.35, "above chance (0.25) after 3 tiny epochs: pruned " + pruned.result().bestTestAccuracy());
        assertEquals(5, pruned.ledger().toTable().rowCount());

        FashionExperiment.Run trained = FashionExperiment.trainWeights(train, test, TINY, Progress.none(), 1);
        double clean = Trainer.evaluate(trained.model(), test, 30)[1];
        double programmedClean = Trainer.evaluate(FashionExperiment.programmed(trained.model(), DeviceModel.ideal(),
                WriteNoise.NONE, MvmConfig.ideal(), 3), test, 30)[1];
        assertEquals(clean, programmedClean, 0.012, "an ideal device without write noise reproduces the trained network (float rounding of scale x (G+ - G-))");

        Table sweep = FashionExperiment.noiseSweep(trained.model(), test, DeviceModel.taox40nm(), MvmConfig.paper(), new double[] {0, 1.0}, 30, 3, Progress.none());
        assertEquals(4, sweep.rowCount());
        assertTrue(sweep.doubleColumn("test acc %").get(1) < sweep.doubleColumn("test acc %").get(0), "σ = 1·range must hurt");

        Path csv = dir.resolve("metrics.csv"), json = dir.resolve("provenance.json");
        pruned.result().writeCsv(csv);
        FashionExperiment.writeProvenance(json, FashionExperiment.Settings.of(Profile.CI), PruneConfig.paper(), "software signed constant", Map.of("x", "abc"));
        assertTrue(Files.exists(csv) && Files.exists(json));
        assertTrue(assertDoesNotThrow(() -> Files.readString(json)).contains("\"keepFraction\" : 0.5"));

        Table curves = FashionExperiment.curves(Map.of("pruned", pruned.result()));
        assertEquals(3, curves.rowCount());
    }

    @Test void mlpRunsPruneAndTrain(@TempDir Path dir) {
        Examples train = blobs(600, 1), test = blobs(90, 2);
        TrainConfig mlp = TINY.withBatchSize(FashionExperiment.MLP_BATCH / 4);
        FashionExperiment.Run pruned = FashionExperiment.trainPrunedMlp(train, test, SoftwareEdgeWeights.factory(SoftwareEdgeWeights.Kind.SIGNED_CONSTANT),
                MvmConfig.ideal(), PruneConfig.paper(), mlp, Progress.none(), 1, dir.resolve("mlp.ckpt"));
        assertTrue(pruned.result().bestTestAccuracy() > 0.35, "above chance (0.25): pruned MLP " + pruned.result().bestTestAccuracy());
        assertEquals(4, pruned.ledger().toTable().rowCount(), "three layers and the total");
        assertTrue(pruned.result().totalFlips() > 0, "the masks moved");
        assertTrue(Files.exists(dir.resolve("mlp.ckpt")), "checkpoint written");

        FashionExperiment.Run trained = FashionExperiment.trainMlpWeights(train, test, FashionExperiment.floatReference(mlp), Progress.none(), 1, null);
        assertTrue(trained.result().bestTestAccuracy() > 0.35, "above chance (0.25): trained MLP " + trained.result().bestTestAccuracy());
        assertEquals(0, trained.result().totalFlips(), "trained weights have no masks");
    }

    @Test void floatReferenceKeepsTheRunsSettingsAndChangesOnlyTheRecipe() {
        TrainConfig paper = FashionExperiment.Settings.of(Profile.PAPER).training();
        TrainConfig ref = FashionExperiment.floatReference(paper);
        assertEquals(TrainConfig.OptimizerKind.ADAM, ref.optimizer());
        assertEquals(1e-3, ref.learningRate());
        assertEquals(1e-4, ref.weightDecay());
        assertTrue(ref.augmentation().horizontalFlip() && ref.augmentation().maxShift() == 0, ref.augmentation().toString());
        assertEquals(paper.epochs(), ref.epochs());
        assertEquals(paper.batchSize(), ref.batchSize());
        assertEquals(paper.validationFraction(), ref.validationFraction());
        assertEquals(paper.seed(), ref.seed());
    }

    @Test void floatReferenceLearnsItsBatchNormScaleAndShift() {
        FashionExperiment.Run ref = FashionExperiment.trainFloatReference(blobs(600, 1), blobs(90, 2), TINY, Progress.none(), 1, null);
        assertTrue(ref.result().bestTestAccuracy() > 0.35, "above chance (0.25): float reference " + ref.result().bestTestAccuracy());
        var norms = org.rramlab.layers.Sequential.leavesOf(ref.model(), org.rramlab.layers.BatchNorm.class);
        assertEquals(2, norms.size());
        for (var bn : norms) {
            assertEquals(2, bn.params().size(), "scale and shift");
            assertNotEquals(1.0, bn.params().get(0).value().getDouble(0), "the scale moved from its initial 1");
        }
    }
}
