package org.rramlab.network;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rramlab.crossbar.Macro;
import org.rramlab.crossbar.MvmConfig;
import org.rramlab.prune.TileEdges;
import org.rramlab.device.DeviceModel;
import org.rramlab.layers.Param;
import org.rramlab.layers.Sequential;
import org.rramlab.prune.ProgrammingLedger;
import org.rramlab.prune.PruneConfig;
import org.rramlab.prune.PrunedWeights;
import org.rramlab.prune.Pruning;

class SpokenDigitCrnnTest {

    private static INDArray features(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, n, 1, SpokenDigitCrnn.COEFFICIENTS, SpokenDigitCrnn.FRAMES);
    }

    private static Sequential deviceCrnn(ProgrammingLedger ledger, long seed) {
        return SpokenDigitCrnn.build(WeightsProvider.pruned(TileEdges.factory(Macro.paper(DeviceModel.taox40nm(), seed)),
                PruneConfig.paper(), ledger).withMvm(MvmConfig.paper()), 3, seed);
    }

    @Test void hasThePapersWeightCount() {
        long trained = SpokenDigitCrnn.build(WeightsProvider.trained(), 3, 1).params().stream().mapToLong(Param::size).sum();
        assertEquals(SpokenDigitCrnn.WEIGHTS, trained);
        assertEquals(68_480, trained);
        List<PrunedWeights> pruned = Pruning.prunedLayers(deviceCrnn(new ProgrammingLedger(), 1));
        assertEquals(List.of("conv1", "conv2", "rnn.ih", "rnn.hh", "fc1", "fc2"), pruned.stream().map(PrunedWeights::layer).toList());
        assertEquals(68_480, pruned.stream().mapToLong(PrunedWeights::edgeCount).sum());
        assertEquals(34_240, pruned.stream().mapToLong(PrunedWeights::keptCount).sum(), "keep 0.5 of every layer");
    }

    @Test void mapsFeatureMapsToTenLogitsThroughFourTimeSteps() {
        Sequential model = deviceCrnn(new ProgrammingLedger(), 2);
        INDArray logits = model.forward(features(5, 3), true);
        assertArrayEquals(new long[] {5, 10}, logits.shape());
        assertTrue(model.describe().contains("conv1 conv 1->64 3x2 stride 2x1"), model.describe());
        assertTrue(model.describe().contains("rnn relu-rnn 32->128 (hidden q3)"), model.describe());
        // backward reaches every layer: every score gets a gradient
        assertNull(model.backward(Nd4j.ones(logits.dataType(), 5, 10)), "conv1 is the first weighted layer: no input gradient is computed");
        for (Param p : model.params()) assertTrue(p.grad().norm2Number().doubleValue() > 0, p.name() + " got no gradient");
    }

    @Test void quantileVariantHasTheSameWeightsAndShapes() {
        Sequential model = SpokenDigitCrnn.build(WeightsProvider.trained(), 3, SpokenDigitCrnn.Quantisation.QUANTILE, 1);
        assertEquals(68_480, model.params().stream().mapToLong(Param::size).sum());
        assertArrayEquals(new long[] {3, 10}, model.forward(features(3, 4), false).shape());
        assertTrue(model.describe().contains("(hidden quantile q3)") && model.describe().contains("q3 quantile+"), model.describe());
    }

    @Test void sameSeedSameNumbers() {
        INDArray x = features(4, 5);
        INDArray a = deviceCrnn(new ProgrammingLedger(), 7).forward(x, true);
        INDArray b = deviceCrnn(new ProgrammingLedger(), 7).forward(x, true);
        INDArray c = deviceCrnn(new ProgrammingLedger(), 8).forward(x, true);
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test void rejectsBadBitsAndInputs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpokenDigitCrnn.build(WeightsProvider.trained(), 17, 1));
        assertTrue(e.getMessage().contains("inputBits") && e.getMessage().contains("17"), e.getMessage());
        Sequential model = SpokenDigitCrnn.build(WeightsProvider.trained(), 3, 1);
        // 23 x 19 frames leaves a 1 x 3 map: still a sequence; 23 x 12 is too short for the second conv + pool
        assertThrows(IllegalArgumentException.class, () -> model.forward(Nd4j.rand(2, 1, 23, 5), false));
    }
}
