package org.rramlab.layers;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rramlab.crossbar.Macro;
import org.rramlab.crossbar.MvmConfig;
import org.rramlab.device.DeviceModel;
import org.rramlab.network.ResNet;
import org.rramlab.network.WeightsProvider;
import org.rramlab.prune.ProgrammingLedger;
import org.rramlab.prune.PruneConfig;
import org.rramlab.prune.Pruning;
import org.rramlab.prune.TileEdges;
import org.rramlab.train.Sgd;

/** ResNet-20 on ideal analogue tiles is its software twin, through training steps and evaluation (as the paper's networks). */
class ResNetOnTilesTest {

    @Test void idealTilesGiveTheSoftwareProductOfResNet20() {
        ResNet.Shape shape = ResNet.Shape.resnet20(4, 4);
        Macro macro = Macro.paper(DeviceModel.taox40nm(), 3);
        Sequential onTiles = ResNet.build(WeightsProvider.pruned(TileEdges.factory(macro), PruneConfig.paper(), new ProgrammingLedger())
                .withMvm(MvmConfig.ideal()), shape, 1);
        Sequential software = ResNet.build(WeightsProvider.pruned((layer, s, fanIn, seed) -> new AnalogNetworksTest.SoftwareCopy(macro.tile(layer)),
                PruneConfig.paper(), new ProgrammingLedger()), shape, 1);
        assertEquals(ResNet.layers(shape).size(), Layers.tiles(onTiles).size(), "every convolution, projection and the head on a tile");
        assertTrue(Layers.tiles(software).isEmpty());
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 1, 32, 32);
        Sgd sa = new Sgd(0.9, 5e-4), sb = new Sgd(0.9, 5e-4);
        for (int step = 0; step < 3; step++) {
            INDArray ya = onTiles.forward(x, true), yb = software.forward(x, true);
            assertClose("training step " + step, yb, ya);
            onTiles.backward(ya.mul(0.01));
            software.backward(yb.mul(0.01));
            sa.step(onTiles.params(), 0.1);
            sb.step(software.params(), 0.1);
        }
        assertClose("evaluation", software.forward(x, false), onTiles.forward(x, false));
        long flips = Pruning.prunedLayers(onTiles).stream().mapToLong(p -> p.ledger().total()).sum();
        assertTrue(flips > 0, "the masks moved, so SET and RESET went through the tiles");
    }

    private static void assertClose(String what, INDArray want, INDArray got) {
        double rel = got.sub(want).norm2Number().doubleValue() / Math.max(1e-30, want.norm2Number().doubleValue());
        assertTrue(rel <= 1e-5, what + ": relative difference " + rel);
    }
}
