package org.rramlab.energy;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.rramlab.crossbar.Macro;
import org.rramlab.crossbar.MvmConfig;
import org.rramlab.device.DeviceModel;
import org.rramlab.device.WriteNoise;
import org.rramlab.layers.Sequential;
import org.rramlab.network.Models;
import org.rramlab.network.WeightsProvider;
import org.rramlab.train.Trainer;
import org.rramlab.train.TrainerTest;
import org.rramlab.train.TrainConfig;
import org.rramlab.prune.ProgrammingLedger;
import org.rramlab.prune.PruneConfig;
import org.rramlab.prune.TileEdges;

/** The energy of a run, from its tiles' counters, agrees with the paper workload of the same network. */
class RunEnergyTest {

    private static Sequential prunedCnn(ProgrammingLedger ledger) {
        return Models.fashionCnn(WeightsProvider.pruned(TileEdges.factory(Macro.paper(DeviceModel.taox40nm(), 2)), PruneConfig.paper(), ledger)
                .withMvm(MvmConfig.paper()), 4, 1);
    }

    @Test void theRunsWorkloadIsThePaperWorkloadOfTheSameNetwork() {
        Sequential cnn = prunedCnn(new ProgrammingLedger());
        Nd4j.getRandom().setSeed(3);
        cnn.forward(Nd4j.rand(DataType.FLOAT, 16, 1, 28, 28), false);
        Workload run = RunEnergy.workload("run", cnn, 4), paper = PaperWorkloads.fashionCnn();
        assertEquals(paper.layers().size(), run.layers().size());
        for (int i = 0; i < run.layers().size(); i++) {
            LayerWork r = run.layers().get(i), p = paper.layers().get(i);
            assertEquals(p.name(), r.name());
            assertEquals(p.rows(), r.rows(), r.name() + " rows");
            assertEquals(p.cols(), r.cols(), r.name() + " cols");
            assertEquals(p.mvms(), r.mvms(), r.name() + ": MVMs per inference counted = the paper workload's");
            assertEquals(0.5, r.keepFraction(), 0.01, r.name());
            assertEquals(4, r.inputBits(), r.name());
        }
        AnalogEnergyModel model = new AnalogEnergyModel(AnalogMacro.taox40nm());
        EnergyBreakdown a = RunEnergy.inference("run", cnn, 4), b = model.inference(paper);
        for (String part : List.of(EnergyBreakdown.DAC, EnergyBreakdown.ADC)) {
            assertEquals(b.part(part), a.part(part), 1e-6 * b.part(part), part + ": same conversions");
        }
        // the run reads its cells' real conductances (95 % formed, RESET levels) instead of the macro's nominal ones
        assertEquals(b.part(EnergyBreakdown.ARRAY), a.part(EnergyBreakdown.ARRAY), 0.1 * b.part(EnergyBreakdown.ARRAY), "array read");
        assertEquals(b.total(), a.total(), 0.3 * b.total(), "total, with the digital work estimated from the counts");
    }

    @Test void programmingCostComesFromTheTilesCounters() {
        ProgrammingLedger ledger = new ProgrammingLedger();
        Sequential cnn = prunedCnn(ledger);
        new Trainer(cnn, TrainConfig.fashionPaper().withEpochs(1).withBatchSize(30)).fit(TrainerTest.blobs(90, 1), TrainerTest.blobs(30, 2));
        List<ProgrammingCost> costs = RunEnergy.programming("pruned", cnn);
        ProgrammingCost flips = costs.stream().filter(c -> c.label().contains("training flips")).findFirst().orElseThrow();
        assertEquals(ledger.total(), flips.pulses(), 0, "the flips priced are the ledger's");
        ProgrammingCost forming = costs.get(0);
        assertEquals(2.0 * 62_272, forming.pulses(), 0, "every cell of every pair formed once");
        DevicePulses p = DevicePulses.of(DeviceModel.taox40nm());
        assertEquals(ledger.totalSets() * p.setEnergy() + ledger.totalResets() * p.resetEnergy(), flips.joules(), 1e-18);
        assertEquals(4, RunEnergy.tiles(cnn).rowCount());

        Sequential trained = Models.fashionCnn(WeightsProvider.trained(), 4, 1);
        new Trainer(trained, TrainConfig.fashionPaper().withEpochs(1).withBatchSize(30)).fit(TrainerTest.blobs(90, 1), TrainerTest.blobs(30, 2));
        Sequential baseline = Models.fashionCnn(WeightsProvider.programmed(weightsOf(trained), Macro.paper(DeviceModel.taox40nm(), 3),
                WriteNoise.range(0.05), 3).withMvm(MvmConfig.paper()), 4, 1);
        ProgrammingCost wv = RunEnergy.programming("baseline", baseline).stream().filter(c -> c.label().contains("write-verify")).findFirst().orElseThrow();
        long counted = org.rramlab.layers.Layers.tiles(baseline).stream().mapToLong(t -> t.counters().verifyPulses()).sum();
        assertEquals(counted, wv.pulses(), 0);
        assertTrue(counted > 2 * 62_272, "several pulses per cell");
    }

    private static java.util.Map<String, org.nd4j.linalg.api.ndarray.INDArray> weightsOf(Sequential trained) {
        java.util.Map<String, org.nd4j.linalg.api.ndarray.INDArray> w = new java.util.HashMap<>();
        Sequential.visitLeaves(trained, l -> {
            if (l instanceof org.rramlab.layers.MaskedConv2d c) w.put(c.name(), c.layerWeights().weights(false));
            if (l instanceof org.rramlab.layers.MaskedDense d) w.put(d.name(), d.layerWeights().weights(false));
        });
        return w;
    }

    @Test void theMacroAndPulsesAreTheDevicesOwn() {
        DeviceModel d = DeviceModel.taox40nm();
        AnalogMacro m = AnalogMacro.of(d);
        assertEquals(d.switching().resetState().drawMeanUs(), m.offConductance().value(), 1e-12);
        assertEquals(d.pulses().readV(), m.readVoltage().value(), 0);
        assertEquals(d.forming().reference().amplitudeV(), DevicePulses.of(d).formingVoltage().value(), 0);
        assertEquals(AnalogMacro.taox40nm(), m);
        var e = assertThrows(IllegalArgumentException.class, () -> RunEnergy.workload("soft", Models.mlp(WeightsProvider.trained(), 8, 1), 4));
        assertTrue(e.getMessage().contains("no analogue tiles"), e.getMessage());
        var s = assertThrows(IllegalStateException.class, () -> RunEnergy.workload("fresh", prunedCnn(new ProgrammingLedger()), 4));
        assertTrue(s.getMessage().contains("no evaluation counted"), s.getMessage());
    }
}
