package org.rramlab.layers;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rramlab.crossbar.Adc;
import org.rramlab.crossbar.AnalogTile;
import org.rramlab.crossbar.InputDac;
import org.rramlab.crossbar.IrDrop;
import org.rramlab.crossbar.Macro;
import org.rramlab.crossbar.MvmChain;
import org.rramlab.crossbar.MvmConfig;
import org.rramlab.device.DeviceModel;
import org.rramlab.network.Models;
import org.rramlab.network.SpokenDigitCrnn;
import org.rramlab.network.UNet;
import org.rramlab.network.WeightsProvider;
import org.rramlab.train.Sgd;
import org.rramlab.train.Examples;
import org.rramlab.train.TrainConfig;
import org.rramlab.train.Trainer;
import org.rramlab.train.TrainerTest;
import org.rramlab.prune.EdgeWeights;
import org.rramlab.prune.ProgrammingLedger;
import org.rramlab.prune.PruneConfig;
import org.rramlab.prune.PrunedWeights;
import org.rramlab.prune.Pruning;
import org.rramlab.prune.TileEdges;

/** The paper's networks on analogue tiles: the ideal chain is the software product, and what the tiles count. */
class AnalogNetworksTest {

    /** The software path of a tile's weights: the same kept and pruned values, the product digital, no cells. */
    static final class SoftwareCopy implements EdgeWeights {
        private final long[] shape;
        private final float[] kept, pruned;

        SoftwareCopy(AnalogTile tile) {
            shape = tile.shape();
            kept = new float[(int) tile.edges()];
            pruned = new float[(int) tile.edges()];
            tile.trainingRead(0, kept, pruned);
        }

        @Override public long[] shape() { return shape.clone(); }

        @Override public void trainingRead(long read, float[] k, float[] p) {
            System.arraycopy(kept, 0, k, 0, kept.length);
            System.arraycopy(pruned, 0, p, 0, pruned.length);
        }

        @Override public void evaluationRead(INDArray into, boolean[] mask) { throw new AssertionError("a noise-free copy is never read"); }

        @Override public boolean isNoisy() { return false; }
    }

    private static INDArray rand(long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, shape);
    }

    /** A network on ideal tiles and its software twin, trained side by side: outputs equal to 1e-5 relative at every step. */
    private static void idealTilesEqualSoftware(String what, Function<WeightsProvider, Sequential> build, INDArray x) {
        Macro macro = Macro.paper(DeviceModel.taox40nm(), 3);
        Sequential onTiles = build.apply(WeightsProvider.pruned(TileEdges.factory(macro), PruneConfig.paper(), new ProgrammingLedger())
                .withMvm(MvmConfig.ideal()));
        Sequential software = build.apply(WeightsProvider.pruned((layer, shape, fanIn, seed) -> new SoftwareCopy(macro.tile(layer)),
                PruneConfig.paper(), new ProgrammingLedger()));
        assertFalse(Layers.tiles(onTiles).isEmpty());
        assertTrue(Layers.tiles(software).isEmpty());
        Sgd sa = new Sgd(0.9, 5e-4), sb = new Sgd(0.9, 5e-4);
        for (int step = 0; step < 3; step++) {
            INDArray ya = onTiles.forward(x, true), yb = software.forward(x, true);
            assertClose(what + " training step " + step, yb, ya);
            onTiles.backward(ya.mul(0.01));
            software.backward(yb.mul(0.01));
            sa.step(onTiles.params(), 0.1);
            sb.step(software.params(), 0.1);
        }
        assertClose(what + " evaluation", software.forward(x, false), onTiles.forward(x, false));
        long flips = Pruning.prunedLayers(onTiles).stream().mapToLong(p -> p.ledger().total()).sum();
        assertTrue(flips > 0, what + ": the masks moved, so SET and RESET went through the tiles");
    }

    private static void assertClose(String what, INDArray want, INDArray got) {
        double rel = got.sub(want).norm2Number().doubleValue() / Math.max(1e-30, want.norm2Number().doubleValue());
        assertTrue(rel <= 1e-5, what + ": relative difference " + rel);
    }

    @Test void idealTilesGiveTheSoftwareProductOfTheFashionCnn() {
        idealTilesEqualSoftware("Fashion CNN", w -> Models.fashionCnn(w, 4, 1), rand(1, 8, 1, 28, 28));
    }

    @Test void idealTilesGiveTheSoftwareProductOfTheMlp() {
        idealTilesEqualSoftware("MLP", w -> Models.mlp(w, 64, 1), rand(2, 8, 1, 28, 28));
    }

    @Test void idealTilesGiveTheSoftwareProductOfTheCrnn() {
        idealTilesEqualSoftware("CRNN", w -> SpokenDigitCrnn.build(w, 3, 1), rand(3, 8, 1, SpokenDigitCrnn.COEFFICIENTS, SpokenDigitCrnn.FRAMES));
    }

    @Test void idealTilesGiveTheSoftwareProductOfTheUNet() {
        idealTilesEqualSoftware("U-Net", w -> UNet.build(w, UNet.Shape.paper().withBase(2), 1), rand(4, 2, 1, 16, 16));
    }

    @Test void everySetAndResetOfTrainingIsOnTheTilesAndMatchesTheLedger() {
        Examples train = TrainerTest.blobs(120, 1), test = TrainerTest.blobs(60, 2);
        ProgrammingLedger ledger = new ProgrammingLedger();
        Sequential cnn = Models.fashionCnn(WeightsProvider.pruned(TileEdges.factory(Macro.paper(DeviceModel.taox40nm(), 5)),
                PruneConfig.paperWithFlipLimit(), ledger).withMvm(MvmConfig.paper()), 4, 1);
        new Trainer(cnn, TrainConfig.fashionPaper().withEpochs(2).withBatchSize(30)).fit(train, test);
        assertTrue(ledger.total() > 0);
        for (PrunedWeights p : Pruning.prunedLayers(cnn)) {
            AnalogTile t = p.tile();
            assertEquals(ledger.sets(p.layer()), t.counters().sets(), p.layer() + ": SET pulses");
            assertEquals(ledger.resets(p.layer()), t.counters().resets() - t.counters().preparationResets(), p.layer() + ": RESET pulses of flips");
            assertEquals(t.edges() + (t.edges() - p.keptCount()), t.counters().preparationResets(),
                    p.layer() + ": one low cell per pair and the initial prune are preparation");
            boolean[] mask = p.maskBits();   // with the flip limit the number kept may drift from k: the cells follow the mask
            for (int e = 0; e < mask.length; e++) {
                assertEquals(mask[e], t.isKept(e), p.layer() + " edge " + e + ": the cells hold the mask");
            }
            assertTrue(t.counters().trainingVectors() > 0 && t.counters().evaluationVectors() > 0);
        }
        AnalogTile conv2 = Layers.macro(cnn).tile("conv2"), fc1 = Layers.macro(cnn).tile("fc1");
        assertEquals(100, conv2.counters().vectorsPerInference(), 1e-9, "conv2: one MVM per output pixel, 10 x 10");
        assertEquals(1, fc1.counters().vectorsPerInference(), 1e-9, "fc1: one MVM per image");
    }

    @Test void theAdcPassesGradientsStraightThrough() {
        LayerWeights w = new TrainableWeights(new long[] {6, 10}, 1);
        MaskedDense ideal = new MaskedDense("ideal", w), coarse = new MaskedDense("coarse", w, MvmConfig.ideal().withAdc(Adc.minMax(3)));
        INDArray x = rand(7, 4, 10), g = rand(8, 4, 6);
        assertNotEquals(ideal.forward(x, true), coarse.forward(x, true), "a 3-bit ADC changes the outputs");
        ideal.forward(x, true);
        INDArray dxIdeal = ideal.backward(g), gwIdeal = ((TrainableWeights) w).weight().grad().dup();
        coarse.forward(x, true);
        INDArray dxCoarse = coarse.backward(g);
        assertEquals(dxIdeal, dxCoarse, "the input gradient passes the ADC unchanged");
        assertEquals(gwIdeal, ((TrainableWeights) w).weight().grad(), "and so does the weight gradient");
    }

    @Test void dacAndAdcOnALayerAreTheChainsOwnStages() {
        Macro m = Macro.paper(DeviceModel.ideal(), 2);
        LayerWeights w = new TileWeights(m.program("fc", rand(3, 40, 64).subi(0.5), org.rramlab.device.WriteNoise.NONE, 1));
        MvmConfig cfg = MvmConfig.ideal().withDac(InputDac.bits(4)).withAdc(Adc.minMax(6));
        MaskedDense layer = new MaskedDense("fc", w, cfg);
        INDArray x = rand(4, 16, 64);
        INDArray exact = x.mmul(w.weights(false).transpose());
        INDArray expected = Adc.minMax(6).apply(InputDac.bits(4).apply(x).mmul(w.weights(false).transpose()));
        INDArray got = layer.forward(x, false);
        assertTrue(got.equalsWithEps(expected, 1e-5), "DAC then product then ADC, as the crossbar chain does");
        double err = got.sub(exact).norm2Number().doubleValue() / exact.norm2Number().doubleValue();
        assertTrue(err > 0.01 && err < 0.3, "a 4-bit DAC and 6-bit ADC cost a few per cent: " + err);
    }

    @Test void aCalibratedAdcNeedsCalibrationAndThenTracksTheExactProduct() {
        Sequential net = Models.mlp(WeightsProvider.pruned(TileEdges.factory(Macro.paper(DeviceModel.ideal(), 3)), PruneConfig.paper(),
                new ProgrammingLedger()).withMvm(MvmConfig.ideal().withAdc(Adc.calibrated(10))), 32, 1);
        INDArray x = rand(5, 16, 784);
        var e = assertThrows(IllegalStateException.class, () -> net.forward(x, false));
        assertTrue(e.getMessage().contains("not calibrated") && e.getMessage().contains("layer fc1"), e.getMessage());
        assertEquals(3, Layers.calibrateAdc(net, List.of(x)));
        INDArray y = net.forward(x, false);
        for (MvmChain c : Layers.chains(net)) assertNotNull(c.calibratedRanges());
        Layers.setMvm(net, MvmConfig.ideal());
        INDArray exact = net.forward(x, false);
        double err = y.sub(exact).norm2Number().doubleValue() / exact.norm2Number().doubleValue();
        assertTrue(err < 0.02, "10 bits over the calibrated range: " + err);
    }

    @Test void sameSeedSameNumbersWithEveryChain() {
        List<MvmConfig> chains = List.of(MvmConfig.ideal(), MvmConfig.paper(), MvmConfig.paper().withIrDrop(IrDrop.segments(1)),
                MvmConfig.paper().withSampling(MvmConfig.Sampling.PER_VECTOR), MvmConfig.paper().withSampling(MvmConfig.Sampling.POOLED),
                MvmConfig.paper().withDac(InputDac.fixed(5, 3)).withAdc(Adc.fixed(8, 200)),
                MvmConfig.paper().withTrainingRead(MvmConfig.TrainingRead.FRESH_PER_STEP));
        INDArray x = rand(6, 6, 1, 28, 28);
        for (MvmConfig c : chains) {
            List<List<INDArray>> runs = new ArrayList<>();
            for (int k = 0; k < 2; k++) {
                Sequential cnn = Models.fashionCnn(WeightsProvider.pruned(TileEdges.factory(Macro.paper(DeviceModel.taox40nm(), 8)),
                        PruneConfig.paper(), new ProgrammingLedger()).withMvm(c), 4, 2);
                List<INDArray> out = new ArrayList<>();
                INDArray y = cnn.forward(x, true);
                out.add(y);
                cnn.backward(y.mul(0.01));
                new Sgd(0.9, 0).step(cnn.params(), 0.5);
                out.add(cnn.forward(x, true));
                out.add(cnn.forward(x, false));
                out.add(cnn.forward(x, false));
                runs.add(out);
            }
            assertEquals(runs.get(0), runs.get(1), c.toString());
            if (c.readNoise()) assertNotEquals(runs.get(0).get(2), runs.get(0).get(3), c + ": every evaluation is a fresh read");
        }
    }

    @Test void aBadChainForOneLayerNamesTheLayerFieldAndValue() {
        var e = assertThrows(IllegalArgumentException.class, () -> Models.mlp(WeightsProvider.trained()
                .withMvm(layer -> layer.equals("fc2") ? MvmConfig.ideal().withAdc(Adc.minMax(0)) : MvmConfig.ideal()), 16, 1));
        assertTrue(e.getMessage().contains("layer fc2") && e.getMessage().contains("adc.bits = 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Models.mlp(WeightsProvider.trained()
                .withMvm(layer -> MvmConfig.ideal().withAdc(Adc.fixed(8, Double.NaN))), 16, 1));
        assertTrue(e.getMessage().contains("layer fc1") && e.getMessage().contains("adc.fullScale = NaN"), e.getMessage());
    }
}
