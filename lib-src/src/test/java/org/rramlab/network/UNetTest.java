package org.rramlab.network;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rramlab.crossbar.AnalogTile;
import org.rramlab.crossbar.Macro;
import org.rramlab.device.DeviceModel;
import org.rramlab.layers.BatchNorm;
import org.rramlab.layers.MaskedConv2d;
import org.rramlab.layers.Sequential;

import org.rramlab.prune.Pruning;

class UNetTest {

    @Test void paperSizeHasTheExpectedWeightCount() {
        // milesial's bilinear U-Net, base 32: hand sum of the 19 convs' out·in·k·k
        assertEquals(4_313_440L, UNet.weightCount(32));
        assertEquals(UNet.weightCount(32), UNet.PAPER_WEIGHTS);
        List<UNet.ConvSpec> convs = UNet.convs(32);
        assertEquals(19, convs.size());
        assertEquals(new UNet.ConvSpec("dec0.conv1", 256, 512, 3), convs.get(10));   // 256 skip + 256 upsampled
        assertEquals(new UNet.ConvSpec("out", 2, 32, 1), convs.get(18));
        // each conv's output channels feed the next one's input (skips aside)
        assertEquals(32, convs.get(1).in());
    }

    /** Pruned on a formed TaOx macro, every conv through the paper's chain, the DRIVE flip limit. */
    private static WeightsProvider device(long seed) {
        return WeightsProvider.pruned(org.rramlab.prune.TileEdges.factory(Macro.paper(org.rramlab.device.DeviceModel.taox40nm(), seed)),
                new org.rramlab.prune.PruneConfig(0.5, org.rramlab.prune.FlipLimit.drive()), new org.rramlab.prune.ProgrammingLedger())
                .withMvm(org.rramlab.crossbar.MvmConfig.paper());
    }

    @Test void buildsAPrunedDeviceUNetThatMapsOntoArrays() {
        Sequential net = UNet.build(device(1),
                UNet.Shape.paper().withBase(4), 3);
        List<MaskedConv2d> convs = Sequential.leavesOf(net, MaskedConv2d.class);
        assertEquals(19, convs.size());
        assertEquals(19, Pruning.prunedLayers(net).size());
        assertEquals(18, Sequential.leavesOf(net, BatchNorm.class).size());
        assertTrue(Sequential.leavesOf(net, BatchNorm.class).stream().allMatch(BatchNorm::affine));
        long weights = convs.stream().mapToLong(c -> c.params().get(0).size()).sum();
        assertEquals(UNet.weightCount(4), weights);

        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 1, 32, 32);
        INDArray y = net.forward(x, true);
        assertArrayEquals(new long[] {2, 2, 32, 32}, y.shape());
        assertArrayEquals(x.shape(), net.backward(y.mul(0.01)).shape());

        Macro macro = org.rramlab.layers.Layers.macro(net);
        assertEquals(19, macro.tiles().size(), "every conv runs on its tile");
        // base 4: 16,864 weights; the widest conv (dec0.conv1: 64·9 = 576 inputs) needs 2 blocks of rows
        assertEquals(2, macro.tile("dec0.conv1").blocks().size());
        assertEquals(UNet.weightCount(4), macro.tiles().stream().mapToLong(AnalogTile::edges).sum());
    }

    @Test void sameSeedSameNetwork() {
        Sequential a = UNet.build(device(4), UNet.Shape.paper().withBase(2), 9);
        Sequential b = UNet.build(device(4), UNet.Shape.paper().withBase(2), 9);
        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 1, 16, 16);
        assertEquals(a.forward(x, true), b.forward(x, true));
    }

    @Test void badShapesAreNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> new UNet.Shape(0, 6, org.rramlab.layers.BilinearUpsample2d.Corners.ALIGNED));
        assertTrue(e.getMessage().contains("base"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new UNet.Shape(8, 0, org.rramlab.layers.BilinearUpsample2d.Corners.ALIGNED));
        assertTrue(e.getMessage().contains("inputBits"), e.getMessage());
    }
}
