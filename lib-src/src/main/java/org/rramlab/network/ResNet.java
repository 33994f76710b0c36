package org.rramlab.network;

import java.util.ArrayList;
import java.util.List;
import org.rramlab.layers.ActivationQuant;
import org.rramlab.layers.BatchNorm;
import org.rramlab.layers.GlobalAvgPool;
import org.rramlab.layers.Layer;
import org.rramlab.layers.MaskedConv2d;
import org.rramlab.layers.MaskedDense;
import org.rramlab.layers.MaxPool2d;
import org.rramlab.layers.Relu;
import org.rramlab.layers.Residual;
import org.rramlab.layers.Sequential;

/**
 * Residual networks (He et al. 2016) on any {@link WeightsProvider}, no layer with a bias:
 * <ul>
 *   <li>{@link Depth#RESNET20}: CIFAR-style, a 3×3 stem, 3 stages × 3 basic blocks of width w-2w-4w (16-32-64);</li>
 *   <li>{@link Depth#RESNET18}: ImageNet-style, 7×7/2 stem and pooling, 4 stages × 2 basic blocks of w-2w-4w-8w (64…512);</li>
 *   <li>{@link Depth#RESNET50}: ImageNet-style, 4 stages of 3-4-6-3 bottleneck blocks (1×1, 3×3, 1×1 × 4; the stride on the
 *       3×3, as torchvision's v1.5).</li>
 * </ul>
 * Every stage after the first halves the feature map with a stride-2 convolution; where a block changes the channels or
 * the stride its shortcut is the 1×1 projection (strided conv + batch norm), elsewhere the identity. Then global average
 * pooling and one dense layer to the classes. Batch norm is non-affine by default, as edge-popup's ResNets
 * (allenai/hidden-networks) and the paper's small networks use it.
 *
 * <p>One difference from torchvision: the ImageNet stem pools with the library's non-overlapping 2×2 max pooling instead
 * of 3×3 stride 2 padding 1; both give 56×56 at a 224 input, and pooling holds no weights (the mapping is unchanged).
 *
 * <p>With {@code activationBits} > 0 every convolution's and the dense layer's input is min–max quantised to that many
 * bits (the input DACs), as in the U-Net; the identity shortcut's sum stays digital and unquantised.
 */
public final class ResNet {
    private ResNet() {}

    /** The three depths: the block type and blocks per stage. */
    public enum Depth {
        RESNET20(false, false, 3, 3, 3),
        RESNET18(true, false, 2, 2, 2, 2),
        RESNET50(true, true, 3, 4, 6, 3);

        private final boolean imagenetStem, bottleneck;
        private final int[] blocks;

        Depth(boolean imagenetStem, boolean bottleneck, int... blocks) {
            this.imagenetStem = imagenetStem;
            this.bottleneck = bottleneck;
            this.blocks = blocks;
        }

        public boolean imagenetStem() { return imagenetStem; }
        public boolean bottleneck() { return bottleneck; }
        public int[] blocksPerStage() { return blocks.clone(); }
        /** Output channels of a block relative to its inner width (4 for bottlenecks). */
        public int expansion() { return bottleneck ? 4 : 1; }
        /** The usual first-stage width: 16 (CIFAR-style), 64 (ImageNet-style). */
        public int standardWidth() { return imagenetStem ? 64 : 16; }
    }

    /**
     * The shape of one network.
     *
     * @param depth          ResNet-20, -18 or -50
     * @param width          channels of the first stage (16 for ResNet-20, 64 for ResNet-18/50; smaller for quick runs)
     * @param inputSize      side of the square input, pixels (32 for CIFAR-style, 224 for ImageNet-style)
     * @param inputChannels  1 (grey) or 3 (RGB)
     * @param classes        outputs of the head
     * @param activationBits 0: float activations, else 1..16 bits before every weight layer
     * @param affineNorm     batch norm with a learned scale and shift
     */
    public record Shape(Depth depth, int width, int inputSize, int inputChannels, int classes, int activationBits, boolean affineNorm) {
        public Shape {
            if (depth == null) throw new IllegalArgumentException("depth: expected one of " + java.util.Arrays.toString(Depth.values()) + ", got null");
            if (width < 1) throw new IllegalArgumentException("width = " + width + ": expected >= 1 channels");
            if (inputChannels < 1) throw new IllegalArgumentException("inputChannels = " + inputChannels + ": expected >= 1");
            if (classes < 2) throw new IllegalArgumentException("classes = " + classes + ": expected >= 2");
            if (activationBits < 0 || activationBits > 16) throw new IllegalArgumentException("activationBits = " + activationBits + ": expected 0 (float) or 1..16");
            int stride = 1 << (depth.blocks.length - 1 + (depth.imagenetStem ? 2 : 0));
            if (inputSize < stride || inputSize % stride != 0) {
                throw new IllegalArgumentException("inputSize = " + inputSize + ": expected a positive multiple of " + stride + " (the network's total stride)");
            }
        }

        /** ResNet-20 on 32×32 grey images, 10 classes, width 16. */
        public static Shape resnet20(int width, int activationBits) {
            return new Shape(Depth.RESNET20, width, 32, 1, 10, activationBits, false);
        }

        /** ResNet-50 on 224×224 RGB images with {@code classes} outputs (100: ImageNet-100). */
        public static Shape resnet50(int classes) {
            return new Shape(Depth.RESNET50, 64, 224, 3, classes, 0, false);
        }
    }

    /** One weight layer: name, weight shape [out, in, k, k] (k = 0: dense [out, in]), stride, input and output side. */
    public record LayerSpec(String name, int out, int in, int kernel, int stride, int inSide, int outSide) {
        public boolean dense() { return kernel == 0; }
        public long weights() { return (long) out * in * Math.max(1, kernel) * Math.max(1, kernel); }
        public long[] shape() { return dense() ? new long[] {out, in} : new long[] {out, in, kernel, kernel}; }
        /** Inputs per output: the rows of the layer's matrix. */
        public int fanIn() { return in * Math.max(1, kernel) * Math.max(1, kernel); }
        /** Matrix-vector products per inference: one per output pixel (one for the dense head). */
        public long mvms() { return dense() ? 1 : (long) outSide * outSide; }
    }

    /** Every weight layer in forward order (stem, blocks with their projections, head). */
    public static List<LayerSpec> layers(Shape s) {
        List<LayerSpec> l = new ArrayList<>();
        Depth d = s.depth();
        int side = s.inputSize(), in;
        if (d.imagenetStem) {
            l.add(new LayerSpec("stem", s.width(), s.inputChannels(), 7, 2, side, side / 2));
            side /= 4;   // the stride-2 stem and the 2x2 pooling
        } else {
            l.add(new LayerSpec("stem", s.width(), s.inputChannels(), 3, 1, side, side));
        }
        in = s.width();
        for (int stage = 0; stage < d.blocks.length; stage++) {
            int inner = s.width() << stage, out = inner * d.expansion();
            for (int b = 0; b < d.blocks[stage]; b++) {
                int stride = stage > 0 && b == 0 ? 2 : 1, outSide = side / stride;
                String p = "s" + (stage + 1) + ".b" + (b + 1) + ".";
                if (d.bottleneck) {
                    l.add(new LayerSpec(p + "conv1", inner, in, 1, 1, side, side));
                    l.add(new LayerSpec(p + "conv2", inner, inner, 3, stride, side, outSide));
                    l.add(new LayerSpec(p + "conv3", out, inner, 1, 1, outSide, outSide));
                } else {
                    l.add(new LayerSpec(p + "conv1", out, in, 3, stride, side, outSide));
                    l.add(new LayerSpec(p + "conv2", out, out, 3, 1, outSide, outSide));
                }
                if (stride != 1 || in != out) l.add(new LayerSpec(p + "proj", out, in, 1, stride, side, outSide));
                in = out;
                side = outSide;
            }
        }
        l.add(new LayerSpec("fc", s.classes(), in, 0, 1, 1, 1));
        return l;
    }

    /** Weights of the network (every convolution and the head). */
    public static long weightCount(Shape s) {
        return layers(s).stream().mapToLong(LayerSpec::weights).sum();
    }

    /** Builds the network: [n, inputChannels, inputSize, inputSize] → logits [n, classes]. Layer seeds derive from {@code seed}. */
    public static Sequential build(WeightsProvider weights, Shape s, long seed) {
        List<LayerSpec> specs = layers(s);
        java.util.Map<String, LayerSpec> byName = new java.util.LinkedHashMap<>();
        for (LayerSpec ls : specs) byName.put(ls.name(), ls);
        Builder b = new Builder(weights, s, seed, specs);
        List<Layer> net = new ArrayList<>();
        Depth d = s.depth();
        net.addAll(b.quant());
        net.add(b.conv(byName.get("stem")).withoutInputGradient());
        net.add(b.norm(s.width()));
        net.add(new Relu());
        if (d.imagenetStem) net.add(new MaxPool2d(2));
        for (int stage = 0; stage < d.blocks.length; stage++) {
            int out = (s.width() << stage) * d.expansion();
            for (int k = 0; k < d.blocks[stage]; k++) {
                String p = "s" + (stage + 1) + ".b" + (k + 1) + ".";
                List<Layer> main = new ArrayList<>();
                if (d.bottleneck) {
                    main.addAll(b.convNormRelu(byName.get(p + "conv1")));
                    main.addAll(b.convNormRelu(byName.get(p + "conv2")));
                    main.addAll(b.quant());
                    main.add(b.conv(byName.get(p + "conv3")));
                    main.add(b.norm(out));
                } else {
                    main.addAll(b.convNormRelu(byName.get(p + "conv1")));
                    main.addAll(b.quant());
                    main.add(b.conv(byName.get(p + "conv2")));
                    main.add(b.norm(out));
                }
                LayerSpec proj = byName.get(p + "proj");
                Layer shortcut = null;
                if (proj != null) {
                    List<Layer> sc = new ArrayList<>(b.quant());
                    sc.add(b.conv(proj));
                    sc.add(b.norm(out));
                    shortcut = new Sequential(sc);
                }
                net.add(new Residual(new Sequential(main), shortcut));
                net.add(new Relu());
            }
        }
        net.add(new GlobalAvgPool());
        net.addAll(b.quant());
        LayerSpec fc = byName.get("fc");
        net.add(new MaskedDense(fc.name(), weights.create(fc.name(), fc.shape(), fc.fanIn(), b.seedOf(fc)), weights.mvm(fc.name())));
        return new Sequential(net);
    }

    /** Makes the layers of one network: seeds by layer index, quantisers and batch norm by the shape. */
    private record Builder(WeightsProvider weights, Shape s, long seed, List<LayerSpec> specs) {
        long seedOf(LayerSpec l) { return seed * 1024 + specs.indexOf(l) + 1; }

        List<Layer> quant() { return s.activationBits() > 0 ? List.of(new ActivationQuant(s.activationBits())) : List.of(); }

        BatchNorm norm(int channels) { return new BatchNorm(channels, s.affineNorm()); }

        MaskedConv2d conv(LayerSpec l) {
            int pad = l.kernel() / 2;
            return new MaskedConv2d(l.name(), weights.create(l.name(), l.shape(), l.fanIn(), seedOf(l)), l.stride(), l.stride(), pad, pad,
                    weights.mvm(l.name()));
        }

        List<Layer> convNormRelu(LayerSpec l) {
            List<Layer> out = new ArrayList<>(quant());
            out.add(conv(l));
            out.add(norm(l.out()));
            out.add(new Relu());
            return out;
        }
    }
}
