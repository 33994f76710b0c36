package org.rramlab.network;

import java.util.ArrayList;
import java.util.List;
import org.rramlab.layers.ActivationQuant;
import org.rramlab.layers.BatchNorm;
import org.rramlab.layers.BilinearUpsample2d;
import org.rramlab.layers.Layer;
import org.rramlab.layers.MaskedConv2d;
import org.rramlab.layers.MaxPool2d;
import org.rramlab.layers.Relu;
import org.rramlab.layers.Sequential;
import org.rramlab.layers.SkipConcat;

/**
 * The paper's U-Net for vessel segmentation (milesial's Pytorch-UNet with bilinear upsampling), on any
 * {@link WeightsProvider}: 1 input channel, base width b (the paper: 32), encoder b-2b-4b-8b-8b, decoder 4b-2b-b-b,
 * each block a double 3×3 conv (padding 1) + batch norm with affine + ReLU, 1×1 conv to 2 classes. No conv has a
 * bias. Every conv's input is quantised to {@code inputBits} (6 in the paper), as the chip's DACs would.
 *
 * <p>Input sides must be divisible by 16 (four 2×2 poolings), e.g. the paper's 48×48 patches.
 */
public final class UNet {
    private UNet() {}

    /** Weights of the paper-size U-Net (base 32): 4,313,440. */
    public static final long PAPER_WEIGHTS = weightCount(32);

    /**
     * Describes the network's shape.
     *
     * @param base      channels of the first level (32 in the paper; quick runs may use 8 or 16)
     * @param inputBits per-tensor min–max quantisation of every conv input, 1..16 (6 in the paper)
     * @param corners   bilinear upsampling mode (milesial's U-Net: {@link BilinearUpsample2d.Corners#ALIGNED})
     */
    public record Shape(int base, int inputBits, BilinearUpsample2d.Corners corners) {
        public Shape {
            if (base < 1) throw new IllegalArgumentException("base: expected >= 1 channels, got " + base);
            if (inputBits < 1 || inputBits > 16) throw new IllegalArgumentException("inputBits: expected 1..16, got " + inputBits);
            if (corners == null) throw new IllegalArgumentException("corners: expected HALF_PIXEL or ALIGNED, got null");
        }

        /** The paper's network: base 32, 6-bit inputs, align_corners = True (as milesial's U-Net). */
        public static Shape paper() { return new Shape(32, 6, BilinearUpsample2d.Corners.ALIGNED); }

        public Shape withBase(int b) { return new Shape(b, inputBits, corners); }
    }

    /** One conv of the network: name, weight shape [out, in, k, k]. */
    public record ConvSpec(String name, long out, long in, int kernel) {
        public long weights() { return out * in * kernel * kernel; }
        public long[] shape() { return new long[] {out, in, kernel, kernel}; }
    }

    /** The convs in forward order (encoder, bottom, decoder, output). */
    public static List<ConvSpec> convs(int base) {
        if (base < 1) throw new IllegalArgumentException("base: expected >= 1 channels, got " + base);
        int b = base;
        List<ConvSpec> c = new ArrayList<>();
        int[] enc = {b, 2 * b, 4 * b, 8 * b, 8 * b};   // down4 halves 16b to 8b (bilinear U-Net's factor 2)
        long in = 1;
        for (int i = 0; i < 5; i++) {
            c.add(new ConvSpec("enc" + i + ".conv1", enc[i], in, 3));
            c.add(new ConvSpec("enc" + i + ".conv2", enc[i], enc[i], 3));
            in = enc[i];
        }
        int[] dec = {4 * b, 2 * b, b, b};
        long below = enc[4];
        for (int i = 0; i < 4; i++) {
            long cat = enc[3 - i] + below;      // skip + upsampled
            long mid = cat / 2;
            c.add(new ConvSpec("dec" + i + ".conv1", mid, cat, 3));
            c.add(new ConvSpec("dec" + i + ".conv2", dec[i], mid, 3));
            below = dec[i];
        }
        c.add(new ConvSpec("out", 2, b, 1));
        return c;
    }

    /** Total conv weights for base width {@code base}. */
    public static long weightCount(int base) {
        return convs(base).stream().mapToLong(ConvSpec::weights).sum();
    }

    /** Builds the U-Net: [n, 1, h, w] → logits [n, 2, h, w]. Layer seeds derive from {@code seed}. */
    public static Sequential build(WeightsProvider weights, Shape shape, long seed) {
        List<ConvSpec> specs = convs(shape.base());
        int[] next = {0};
        java.util.function.Supplier<Layer> block = () -> doubleConv(weights, specs.get(next[0]++), specs.get(next[0]++), shape, seed);
        Layer[] enc = new Layer[5];
        for (int i = 0; i < 5; i++) {
            Layer conv = block.get();
            enc[i] = i == 0 ? conv : new Sequential(new MaxPool2d(2), conv);
        }
        Layer[] dec = new Layer[4];
        for (int i = 0; i < 4; i++) dec[i] = block.get();
        ConvSpec out = specs.get(next[0]);
        // innermost level first: enc3 | (enc4, up) -> dec0; then wrap outwards
        Layer level = new SkipConcat(enc[3], new Sequential(enc[4], upsample(shape)), dec[0]);
        for (int i = 2; i >= 0; i--) {
            level = new SkipConcat(enc[i], new Sequential(level, upsample(shape)), dec[3 - i]);
        }
        return new Sequential(level, new ActivationQuant(shape.inputBits()), conv(weights, out, seed));
    }

    private static Layer upsample(Shape shape) { return new BilinearUpsample2d(2, shape.corners()); }

    private static Layer doubleConv(WeightsProvider weights, ConvSpec a, ConvSpec b, Shape shape, long seed) {
        return new Sequential(
                new ActivationQuant(shape.inputBits()), conv(weights, a, seed), new BatchNorm((int) a.out(), true), new Relu(),
                new ActivationQuant(shape.inputBits()), conv(weights, b, seed), new BatchNorm((int) b.out(), true), new Relu());
    }

    private static MaskedConv2d conv(WeightsProvider weights, ConvSpec spec, long seed) {
        int pad = spec.kernel() / 2;
        long layerSeed = seed * 64 + convs(1).stream().map(ConvSpec::name).toList().indexOf(spec.name());
        return new MaskedConv2d(spec.name(),
                weights.create(spec.name(), spec.shape(), (int) (spec.in() * spec.kernel() * spec.kernel()), layerSeed), 1, 1, pad, pad,
                weights.mvm(spec.name()));
    }
}
