package org.rramlab.experiment;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rramlab.crossbar.MvmConfig;
import org.rramlab.device.DeviceModel;
import org.rramlab.device.WriteNoise;
import org.rramlab.layers.BatchNorm;
import org.rramlab.layers.MaskedConv2d;
import org.rramlab.layers.Sequential;
import org.rramlab.prune.FlipLimit;
import org.rramlab.prune.PrunedWeights;
import org.rramlab.prune.Pruning;
import org.rramlab.train.BatchNormStatistics;
import org.rramlab.train.Progress;
import org.rramlab.train.TrainConfig;
import org.rramlab.train.Trainer;

/** The one programming routine of the baseline, what the presets set, and the figures the notebooks draw. */
class BaselineAndFiguresTest {

    private static final ExperimentSpec RETINA = Presets.get("retina", Profile.CI).with("task.source", "SYNTHETIC").withEpochs(1);

    @Test void exactProgrammingOfAnIdealDeviceReproducesTheTrainedNetwork() {
        ExperimentSpec trainedSpec = RETINA.withWeights(new WeightsSpec.Trained()).withMvm(MvmConfig.ideal()).withoutBaseline();
        TaskData data = TaskData.load(trainedSpec);
        Sequential trained = Experiment.network(trainedSpec);
        new Trainer(trained, Experiment.trainConfig(trainedSpec), Experiment.objective(trainedSpec)).fit(data.train(), data.test());
        Sequential exact = Experiment.programmed(trainedSpec, trained, DeviceModel.ideal(), WriteNoise.NONE, 3);
        var want = Sequential.leavesOf(trained, MaskedConv2d.class);
        var got = Sequential.leavesOf(exact, MaskedConv2d.class);
        assertEquals(want.size(), got.size());
        for (int i = 0; i < want.size(); i++) {
            INDArray w = want.get(i).layerWeights().weights(false), g = got.get(i).layerWeights().weights(false).castTo(w.dataType());
            double rel = w.sub(g).norm2Number().doubleValue() / w.norm2Number().doubleValue();
            assertTrue(rel < 1e-6, want.get(i).name() + ": programmed weights differ by " + rel);
            assertNotNull(got.get(i).chain().tile(), "the baseline runs on its tiles");
        }
        var objective = Experiment.objective(trainedSpec);
        double a = objective.evaluate(trained, data.test(), 16).get("ROC AUC"), b = objective.evaluate(exact, data.test(), 16).get("ROC AUC");
        assertEquals(a, b, 1e-3, "a 1-ulp weight change can move a 6-bit activation level, no more");
        var e = assertThrows(IllegalArgumentException.class, () -> Experiment.programmed(RETINA, Experiment.network(RETINA), DeviceModel.ideal(),
                WriteNoise.NONE, 1));
        assertTrue(e.getMessage().contains("no trained weights"), e.getMessage());
    }

    @Test void theFlipLimitIsAHardwareSettingOfTheDevicePresetsOnly() {
        assertEquals(FlipLimit.drive(), RETINA.prune().flipLimit());
        for (PrunedWeights p : Pruning.prunedLayers(Experiment.network(RETINA))) assertEquals(0.001, p.flipLimit(), 0.0, p.layer());
        for (PrunedWeights p : Pruning.prunedLayers(Experiment.network(Presets.get("retina-software", Profile.CI)))) assertEquals(0.0, p.flipLimit());
        assertEquals(FlipLimit.NONE, Experiment.trainConfig(Presets.get("fashion-trained", Profile.CI)).flipLimit(), "trained weights have no masks");
    }

    @Test void theFloatReferencePresetChangesOnlyTheRecipe() {
        ExperimentSpec paper = Presets.get("fashion", Profile.PAPER), ref = Presets.get("fashion-float-reference", Profile.PAPER);
        TrainConfig c = Experiment.trainConfig(ref);
        assertEquals(TrainConfig.OptimizerKind.ADAM, c.optimizer());
        assertEquals(1e-3, c.learningRate());
        assertEquals(1e-4, c.weightDecay());
        assertTrue(c.augmentation().horizontalFlip() && c.augmentation().maxShift() == 0);
        assertEquals(20, c.epochs());
        assertEquals(paper.training().batchSize(), c.batchSize());
        assertEquals(paper.training().validationFraction(), c.validationFraction());
        assertEquals(new NetworkSpec.FashionCnn(16, true, 0), ref.network());
        long affine = Sequential.leavesOf(Experiment.network(ref), BatchNorm.class).stream().filter(BatchNorm::affine).count();
        assertEquals(2, affine, "batch norm with a learned scale and shift");
    }

    @Test void batchNormReestimationChangesStatisticsNotWeights() {
        ExperimentSpec spec = RETINA.withWeights(new WeightsSpec.Trained()).withMvm(MvmConfig.ideal());
        TaskData data = TaskData.load(spec);
        Sequential model = Experiment.network(spec);
        INDArray param = model.params().get(0).value().dup();
        BatchNorm first = Sequential.leavesOf(model, BatchNorm.class).get(0);
        INDArray before = first.runningMean().dup();
        assertTrue(BatchNormStatistics.reestimate(model, data.train(), 16) > 0);
        assertEquals(param, model.params().get(0).value());
        assertFalse(before.equalsWithEps(first.runningMean(), 1e-7));
        INDArray once = first.runningMean().dup();
        BatchNormStatistics.reestimate(model, data.train(), 16);
        assertTrue(once.equalsWithEps(first.runningMean(), 1e-4), "the re-estimate does not depend on the old statistics");
        assertThrows(IllegalArgumentException.class, () -> BatchNormStatistics.reestimate(model, data.train(), 1));
    }

    @Test void retinaFiguresCurvesAndTables() {
        float[] p = {0.9f, 0.8f, 0.3f, 0.1f};
        boolean[] v = {true, false, true, false};
        SegmentationCurves c = SegmentationCurves.of(p, v, null);
        assertEquals(0.0, c.roc().x()[0]);
        assertEquals(1.0, c.roc().x()[c.roc().x().length - 1]);
        assertEquals(1.0, c.pr().y()[0]);
        TaskData data = TaskData.load(RETINA);
        int side = ((TaskSpec.Retina) RETINA.task()).imageSize();
        assertEquals(side, RetinaFigures.overlay(data.retina(), 0, new float[side * side], 1).getWidth());
        var curves = RunFigures.curves(Map.of());
        assertEquals(0, curves.rowCount());
        assertEquals(List.of("quantity", "paper / authors' script", "ours"),
                RunFigures.paperVsOurs(List.of("a"), List.of("b"), List.of("c")).columnNames());
        assertNotNull(Progress.display(), "a run without a display gets lines on standard output");
    }

    @Test void theReadableSummarySaysEachUnitOnceInTheValue() {
        for (String name : List.of("inference energy per example (nJ)", "gain in test accuracy (points)", "seconds per epoch", "run seconds")) {
            String value = RunResult.format(name, 65.03), label = RunResult.label(name);
            String unit = value.replaceAll("^[-+0-9.,]+ ", "");
            assertNotEquals(value, unit, name + ": the value carries its unit (" + value + ")");
            assertFalse(label.contains(unit.equals("s") ? "seconds" : unit), name + ": shown as '" + label + "' beside '" + value + "'");
        }
        assertEquals("65.03 nJ", RunResult.format("inference energy per example (nJ)", 65.03));
        assertEquals("inference energy per example", RunResult.label("inference energy per example (nJ)"));
        // a value printed bare keeps the unit in its name
        assertEquals("1,234", RunResult.format("programming: pruning (pulses)", 1234));
        assertEquals("programming: pruning (pulses)", RunResult.label("programming: pruning (pulses)"));
    }
}
