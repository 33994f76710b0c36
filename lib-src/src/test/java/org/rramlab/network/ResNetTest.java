package org.rramlab.network;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rramlab.layers.MaskedConv2d;
import org.rramlab.layers.Residual;
import org.rramlab.layers.Sequential;

/** The residual networks' shapes: weight counts against the published models, outputs, bad shapes. */
class ResNetTest {

    @Test void weightCountsMatchThePublishedModels() {
        // torchvision's resnet50 has 25,557,032 parameters: conv weights + 53,120 batch-norm parameters + fc 2048 x 1000 + 1000 biases
        long resnet50Convs = 25_557_032L - 53_120 - 2_049_000;
        ResNet.Shape r50 = ResNet.Shape.resnet50(1000);
        assertEquals(resnet50Convs + 2048L * 1000, ResNet.weightCount(r50));
        // resnet18: 11,689,512 = convs + 9,600 batch-norm parameters + 512 x 1000 + 1000
        ResNet.Shape r18 = new ResNet.Shape(ResNet.Depth.RESNET18, 64, 224, 3, 1000, 0, false);
        assertEquals(11_689_512L - 9_600 - 513_000 + 512L * 1000, ResNet.weightCount(r18));
        // ResNet-20 with projection shortcuts: 0.27 M weights (He et al. 2016, Table 6), 16-32-64 channels
        ResNet.Shape r20 = new ResNet.Shape(ResNet.Depth.RESNET20, 16, 32, 3, 10, 0, false);   // CIFAR-10: RGB
        assertEquals(270_896, ResNet.weightCount(r20));
        assertEquals(270_896 - 2 * 16 * 9, ResNet.weightCount(ResNet.Shape.resnet20(16, 0)), "grey input: the stem has 2 channels fewer");
        assertEquals(19 + 2 + 1, ResNet.layers(r20).size(), "19 convolutions, 2 projections, the head");
        assertEquals(53 + 1, ResNet.layers(r50).size(), "49 convolutions + 4 projections + the head");
    }

    @Test void resnet50ImageNet100LayersHaveTheirFeatureMaps() {
        List<ResNet.LayerSpec> l = ResNet.layers(ResNet.Shape.resnet50(100));
        assertEquals(new ResNet.LayerSpec("stem", 64, 3, 7, 2, 224, 112), l.get(0));
        ResNet.LayerSpec first3x3 = l.stream().filter(s -> s.name().equals("s2.b1.conv2")).findFirst().orElseThrow();
        assertEquals(2, first3x3.stride());
        assertEquals(28, first3x3.outSide());
        assertEquals(28L * 28, first3x3.mvms());
        ResNet.LayerSpec fc = l.get(l.size() - 1);
        assertEquals(new ResNet.LayerSpec("fc", 100, 2048, 0, 1, 1, 1), fc);
        assertEquals(2048 * 100, fc.weights());
    }

    private static INDArray images(long seed, int n, int c, int side) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.FLOAT, n, c, side, side);
    }

    @Test void everyDepthGivesLogitsPerImage() {
        for (ResNet.Shape s : List.of(new ResNet.Shape(ResNet.Depth.RESNET20, 4, 32, 1, 10, 4, false),
                new ResNet.Shape(ResNet.Depth.RESNET18, 4, 64, 3, 7, 0, true),
                new ResNet.Shape(ResNet.Depth.RESNET50, 2, 64, 3, 5, 6, false))) {
            Sequential net = ResNet.build(WeightsProvider.trained(), s, 1);
            INDArray x = images(2, 3, s.inputChannels(), s.inputSize());
            INDArray y = net.forward(x, true);
            assertArrayEquals(new long[] {3, s.classes()}, y.shape(), s.toString());
            assertNull(net.backward(y.mul(0.01)), "the stem skips its input gradient");
            long convs = Sequential.leavesOf(net, MaskedConv2d.class).size();
            assertEquals(ResNet.layers(s).size() - 1, convs, s.depth() + ": every listed convolution is built");
            long params = net.params().stream().filter(p -> p.kind() == org.rramlab.layers.Param.Kind.WEIGHT).mapToLong(p -> p.size()).sum();
            assertEquals(ResNet.weightCount(s), params, s.depth() + ": built weights = listed weights");
        }
    }

    @Test void projectionsWhereChannelsOrStrideChange() {
        Sequential net = ResNet.build(WeightsProvider.trained(), ResNet.Shape.resnet20(4, 0), 1);
        List<Residual> blocks = Sequential.leavesOf(net, Residual.class);
        assertTrue(blocks.isEmpty(), "a residual unit is not a leaf");
        long withProjection = net.children().stream().filter(l -> l instanceof Residual r && r.shortcut() != null).count();
        long identity = net.children().stream().filter(l -> l instanceof Residual r && r.shortcut() == null).count();
        assertEquals(2, withProjection);
        assertEquals(7, identity);
    }

    @Test void sameSeedSameNetwork() {
        ResNet.Shape s = ResNet.Shape.resnet20(4, 4);
        INDArray x = images(3, 2, 1, 32);
        INDArray a = ResNet.build(WeightsProvider.trained(), s, 7).forward(x, false);
        INDArray b = ResNet.build(WeightsProvider.trained(), s, 7).forward(x, false);
        INDArray c = ResNet.build(WeightsProvider.trained(), s, 8).forward(x, false);
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test void badShapesAreNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ResNet.Shape(ResNet.Depth.RESNET50, 64, 100, 3, 100, 0, false));
        assertTrue(e.getMessage().startsWith("inputSize = 100") && e.getMessage().contains("multiple of 32"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ResNet.Shape(ResNet.Depth.RESNET20, 0, 32, 1, 10, 0, false));
        assertTrue(e.getMessage().startsWith("width = 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ResNet.Shape(ResNet.Depth.RESNET20, 16, 32, 1, 10, 17, false));
        assertTrue(e.getMessage().startsWith("activationBits = 17"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ResNet.Shape(null, 16, 32, 1, 10, 0, false));
        assertTrue(e.getMessage().startsWith("depth"), e.getMessage());
    }
}
