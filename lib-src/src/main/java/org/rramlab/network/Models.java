package org.rramlab.network;

import java.util.ArrayList;
import java.util.List;
import org.rramlab.layers.ActivationQuant;
import org.rramlab.layers.BatchNorm;
import org.rramlab.layers.Dropout;
import org.rramlab.layers.Flatten;
import org.rramlab.layers.Layer;
import org.rramlab.layers.MaskedConv2d;
import org.rramlab.layers.MaskedDense;
import org.rramlab.layers.MaxPool2d;
import org.rramlab.layers.Relu;
import org.rramlab.layers.Sequential;

/** The paper's networks, built on any {@link WeightsProvider} (pruned or trained). No layer has a bias. */
public final class Models {
    private Models() {}

    /** Weights of the Fashion-MNIST CNN: 576 + 9,216 + 51,200 + 1,280. */
    public static final long FASHION_CNN_WEIGHTS = 62_272;

    /**
     * The authors' Fashion-MNIST CNN on [n, 1, 28, 28]: maxpool 2 → conv 1→64 3×3 → BN → ReLU → q → conv 64→16 3×3 →
     * maxpool 2 → BN → ReLU → q → fc 400→128 → ReLU → q → fc 128→10. BN without affine; q = per-tensor min–max
     * quantisation to {@code inputBits} (4 in the paper).
     */
    public static Sequential fashionCnn(WeightsProvider weights, int inputBits, long seed) {
        return fashionCnn(weights, inputBits, seed, 0);
    }

    /**
     * {@link #fashionCnn(WeightsProvider, int, long)} with dropout of {@code dropout} on the 400 features before fc1
     * (0: none, the paper's network; for regularising the weight-trained float reference).
     */
    public static Sequential fashionCnn(WeightsProvider weights, int inputBits, long seed, double dropout) {
        return fashionCnn(weights, inputBits, seed, dropout, false);
    }

    /**
     * {@link #fashionCnn(WeightsProvider, int, long, double)} with batch norm that learns a scale and shift per channel
     * when {@code affineNorm} (160 parameters more; the paper's network has none: for the float reference).
     */
    public static Sequential fashionCnn(WeightsProvider weights, int inputBits, long seed, double dropout, boolean affineNorm) {
        List<Layer> layers = new ArrayList<>(List.of(
                new MaxPool2d(2),
                new MaskedConv2d("conv1", weights.create("conv1", new long[] {64, 1, 3, 3}, 9, seed * 16 + 1), 1, 1, 0, 0, weights.mvm("conv1")).withoutInputGradient(),
                new BatchNorm(64, affineNorm), new Relu(), new ActivationQuant(inputBits),
                new MaskedConv2d("conv2", weights.create("conv2", new long[] {16, 64, 3, 3}, 576, seed * 16 + 2), 1, 1, 0, 0, weights.mvm("conv2")),
                new MaxPool2d(2), new BatchNorm(16, affineNorm), new Relu(), new ActivationQuant(inputBits),
                new Flatten()));
        if (dropout > 0) layers.add(new Dropout(dropout, seed * 16 + 5));
        layers.addAll(List.of(
                new MaskedDense("fc1", weights.create("fc1", new long[] {128, 400}, 400, seed * 16 + 3), weights.mvm("fc1")),
                new Relu(), new ActivationQuant(inputBits),
                new MaskedDense("fc2", weights.create("fc2", new long[] {10, 128}, 128, seed * 16 + 4), weights.mvm("fc2"))));
        return new Sequential(layers);
    }

    /** MLP 784-hidden-hidden-10 with ReLU, no bias, on [n, 1, 28, 28] or [n, 784]. */
    public static Sequential mlp(WeightsProvider weights, int hidden, long seed) {
        return new Sequential(
                new Flatten(),
                new MaskedDense("fc1", weights.create("fc1", new long[] {hidden, 784}, 784, seed * 16 + 1), weights.mvm("fc1")).withoutInputGradient(), new Relu(),
                new MaskedDense("fc2", weights.create("fc2", new long[] {hidden, hidden}, hidden, seed * 16 + 2), weights.mvm("fc2")), new Relu(),
                new MaskedDense("fc3", weights.create("fc3", new long[] {10, hidden}, hidden, seed * 16 + 3), weights.mvm("fc3")));
    }
}
