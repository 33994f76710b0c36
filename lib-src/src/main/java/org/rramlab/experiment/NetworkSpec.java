package org.rramlab.experiment;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.rramlab.layers.BilinearUpsample2d;
import org.rramlab.layers.Sequential;
import org.rramlab.network.Models;
import org.rramlab.network.ResNet;
import org.rramlab.network.SpokenDigitCrnn;
import org.rramlab.network.UNet;
import org.rramlab.network.WeightsProvider;
import org.rramlab.util.Check;

/** The network and its shape parameters. The JSON names the kind. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = NetworkSpec.FashionCnn.class, name = "fashion-cnn"),
        @JsonSubTypes.Type(value = NetworkSpec.Mlp.class, name = "mlp"),
        @JsonSubTypes.Type(value = NetworkSpec.Crnn.class, name = "crnn"),
        @JsonSubTypes.Type(value = NetworkSpec.UNetNet.class, name = "unet"),
        @JsonSubTypes.Type(value = NetworkSpec.ResNetNet.class, name = "resnet")})
public sealed interface NetworkSpec {

    /** The network on {@code weights}; layer seeds derive from {@code seed}. */
    Sequential build(WeightsProvider weights, long seed);

    /** The kind of task it takes (its input shape). */
    Class<? extends TaskSpec> task();

    /** Bits of the activations the layers' inputs are quantised to, for the energy model (the first layer's too). */
    int inputBits();

    /** Refuses a task this network cannot take beyond its kind (e.g. another input size); the message starts "network: ". */
    default void checkTask(TaskSpec task) {}

    /**
     * The paper's Fashion-MNIST CNN (62,272 weights): maxpool -> conv 1->64 -> BN -> ReLU -> q -> conv 64->16 ->
     * maxpool -> BN -> ReLU -> q -> fc 400->128 -> ReLU -> q -> fc 128->10.
     *
     * @param activationBits bits of every q (the paper: 4; 16 for a float network)
     * @param affineNorm     batch norm with a learned scale and shift (the paper's has none)
     * @param dropout        dropout on the 400 features before fc1 (the paper: 0)
     */
    record FashionCnn(int activationBits, boolean affineNorm, double dropout) implements NetworkSpec {
        public FashionCnn {
            if (activationBits < 1 || activationBits > 16) throw new IllegalArgumentException("activationBits = " + activationBits + ": expected 1..16");
            if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException("dropout = " + dropout + ": expected [0, 1)");
        }

        @Override public Sequential build(WeightsProvider weights, long seed) {
            return Models.fashionCnn(weights, activationBits, seed, dropout, affineNorm);
        }

        @Override public Class<? extends TaskSpec> task() { return TaskSpec.FashionMnist.class; }

        @Override public int inputBits() { return activationBits; }
    }

    /** The MLP 784-hidden-hidden-10 (no bias, float activations) of the reproduction notes' PyTorch anchor. */
    record Mlp(int hidden) implements NetworkSpec {
        public Mlp {
            if (hidden < 1) throw new IllegalArgumentException("hidden = " + hidden + ": expected >= 1");
        }

        @Override public Sequential build(WeightsProvider weights, long seed) { return Models.mlp(weights, hidden, seed); }

        @Override public Class<? extends TaskSpec> task() { return TaskSpec.FashionMnist.class; }

        @Override public int inputBits() { return 8; }
    }

    /**
     * The spoken-digit CRNN (68,480 weights) on 23 x 20 feature maps.
     *
     * @param inputBits    bits of every quantiser (the paper: 3)
     * @param quantisation MIN_MAX levels or the authors' QUANTILE levels
     */
    record Crnn(int inputBits, SpokenDigitCrnn.Quantisation quantisation) implements NetworkSpec {
        public Crnn {
            if (inputBits < 0 || inputBits > 16) throw new IllegalArgumentException("inputBits = " + inputBits + ": expected 0 (off) or 1..16");
            Check.notNull("quantisation", quantisation);
        }

        @Override public Sequential build(WeightsProvider weights, long seed) {
            return SpokenDigitCrnn.build(weights, inputBits, quantisation, seed);
        }

        @Override public Class<? extends TaskSpec> task() { return TaskSpec.SpokenDigits.class; }
    }

    /**
     * The paper's U-Net (base 32: 4,313,440 weights), bilinear upsampling.
     *
     * @param base      channels of the first level (the paper: 32)
     * @param inputBits quantisation of every conv input (the paper: 6)
     * @param corners   bilinear mode (milesial's U-Net: ALIGNED)
     */
    record UNetNet(int base, int inputBits, BilinearUpsample2d.Corners corners) implements NetworkSpec {
        public UNetNet {
            new UNet.Shape(base, inputBits, corners);   // its own checks
        }

        @Override public Sequential build(WeightsProvider weights, long seed) {
            return UNet.build(weights, new UNet.Shape(base, inputBits, corners), seed);
        }

        @Override public Class<? extends TaskSpec> task() { return TaskSpec.Retina.class; }
    }

    /**
     * A residual network ({@link ResNet}): ResNet-20 (CIFAR-style, 16-32-64), ResNet-18 or ResNet-50 (bottlenecks).
     *
     * @param depth          RESNET20, RESNET18 or RESNET50
     * @param width          channels of the first stage (16 for ResNet-20, 64 for ResNet-18/50)
     * @param inputSize      side of the input, pixels (the task's: 32 for padded Fashion-MNIST, 224 for ImageNet)
     * @param inputChannels  1 (grey) or 3 (RGB), the task's
     * @param classes        outputs (10 for Fashion-MNIST, 100 for ImageNet-100; an image folder must have as many)
     * @param activationBits 0: float activations, else the bits of every weight layer's input
     * @param affineNorm     batch norm with a learned scale and shift (edge-popup's ResNets have none)
     */
    record ResNetNet(ResNet.Depth depth, int width, int inputSize, int inputChannels, int classes, int activationBits, boolean affineNorm)
            implements NetworkSpec {
        public ResNetNet {
            shape(depth, width, inputSize, inputChannels, classes, activationBits, affineNorm);   // its own checks
        }

        private static ResNet.Shape shape(ResNet.Depth d, int w, int in, int c, int k, int bits, boolean affine) {
            return new ResNet.Shape(d, w, in, c, k, bits, affine);
        }

        /** The builder's shape. */
        public ResNet.Shape shape() {
            return shape(depth, width, inputSize, inputChannels, classes, activationBits, affineNorm);
        }

        @Override public Sequential build(WeightsProvider weights, long seed) { return ResNet.build(weights, shape(), seed); }

        @Override public Class<? extends TaskSpec> task() { return TaskSpec.Images.class; }

        /** Float activations count as 8 bits for the energy model's DACs. */
        @Override public int inputBits() { return activationBits == 0 ? 8 : activationBits; }

        @Override public void checkTask(TaskSpec task) {
            TaskSpec.Images images = (TaskSpec.Images) task;
            if (images.side() != inputSize || images.channels() != inputChannels) {
                throw new IllegalArgumentException("network: inputSize " + inputSize + " and inputChannels " + inputChannels + " do not match the "
                        + SpecJson.kindOf(task) + " task's " + images.side() + " x " + images.side() + " images of " + images.channels()
                        + " channel(s); expected network.inputSize = " + images.side() + ", network.inputChannels = " + images.channels());
            }
            if (task instanceof TaskSpec.FashionMnistPadded && classes != 10) {
                throw new IllegalArgumentException("network: classes = " + classes + ", but Fashion-MNIST has 10; expected network.classes = 10");
            }
        }
    }
}
