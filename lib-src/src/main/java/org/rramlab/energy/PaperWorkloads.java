package org.rramlab.energy;

import java.util.ArrayList;
import java.util.List;

/**
 * The paper's three networks as {@link Workload}s, built from their published shapes (reproduction.md) with keep
 * fraction 0.5 and the scripts' input precision (4 / 3 / 6 bits). Each layer carries the digital work that follows
 * it, including quantising its output for the next layer's DACs.
 */
public final class PaperWorkloads {

    /** Input bits of the scripts: Fashion-MNIST 4, spoken digits 3, DRIVE 6. */
    public static final int FASHION_BITS = 4;
    public static final int SPOKEN_DIGITS_BITS = 3;
    public static final int DRIVE_BITS = 6;
    /** The U-Net's training crop; every convolution has padding 1, so feature maps are 48, 24, 12, 6, 3 pixels. */
    public static final int DRIVE_PATCH = 48;

    private PaperWorkloads() {}

    /**
     * Fashion-MNIST CNN, 62,272 weights: maxpool 2 -> conv 1->64 3x3 -> BN -> ReLU -> q -> conv 64->16 3x3 ->
     * maxpool 2 -> BN -> ReLU -> q -> fc 400->128 -> ReLU -> q -> fc 128->10. No padding: 14 -> 12 -> 10 -> 5.
     */
    public static Workload fashionCnn() {
        int b = FASHION_BITS;
        return new Workload("Fashion-MNIST CNN", List.of(
                LayerWork.conv("conv1", 1, 64, 3, 3, 14, 14, 12, 12, b)
                        .withDigital(new DigitalWork(64 * 144, 28 * 28, 64 * 144, 14 * 14 + 64 * 144, 0)),
                LayerWork.conv("conv2", 64, 16, 3, 3, 12, 12, 10, 10, b)
                        .withDigital(new DigitalWork(400, 1600, 400, 400, 0)),
                LayerWork.dense("fc1", 400, 128, 1, b).withDigital(new DigitalWork(128, 0, 0, 128, 0)),
                LayerWork.dense("fc2", 128, 10, 1, b).withDigital(new DigitalWork(0, 0, 0, 0, 10))));
    }

    /**
     * Spoken-digit CRNN, 68,480 weights, on 23 coefficients x 20 frames: conv 1->64 (3,2) stride (2,1) -> 11x19 ->
     * maxpool 2 -> 5x9 -> conv 64->32 (3,2) stride (2,1) -> 2x8 -> maxpool 2 -> 1x4 = 4 steps x 32 -> ReLU RNN
     * (hidden 128, one input and one hidden MVM per step) -> mean over time -> fc 128->256 -> fc 256->10.
     */
    public static Workload spokenDigitCrnn() {
        int b = SPOKEN_DIGITS_BITS;
        int steps = 4;
        return new Workload("Spoken-digit CRNN", List.of(
                LayerWork.conv("conv1", 1, 64, 3, 2, 23, 20, 11, 19, b)
                        .withDigital(new DigitalWork(2880, 64 * 10 * 18, 2880, 23 * 20 + 2880, 0)),
                LayerWork.conv("conv2", 64, 32, 3, 2, 5, 9, 2, 8, b)
                        .withDigital(new DigitalWork(128, 512, 128, 128, 0)),
                LayerWork.dense("rnn_input", 32, 128, steps, b),
                // per step: add the two MVM results, ReLU, quantise h for the next step; then the mean over time
                LayerWork.dense("rnn_hidden", 128, 128, steps, b)
                        .withDigital(new DigitalWork(128 * steps, 0, 0, 128 * steps, 2L * 128 * steps)),
                LayerWork.dense("fc1", 128, 256, 1, b).withDigital(new DigitalWork(256, 0, 0, 256, 0)),
                LayerWork.dense("fc2", 256, 10, 1, b).withDigital(new DigitalWork(0, 0, 0, 0, 10))));
    }

    /** The DRIVE U-Net on the paper's 48x48 training crop. */
    public static Workload unet() {
        return unet(DRIVE_PATCH);
    }

    /**
     * DRIVE U-Net (~4.3 M weights), base 32 channels, bilinear upsampling: double 3x3 convs (padding 1) + BN + ReLU
     * at 32-64-128-256-256 channels down and 128-64-32-32 up (first conv of an up block halves to the mid width, as in
     * the common PyTorch U-Net), then a 1x1 conv to 2 classes.
     *
     * @param patch input side in pixels, a multiple of 16 (four 2x poolings)
     */
    public static Workload unet(int patch) {
        if (patch < 16 || patch % 16 != 0) {
            throw new IllegalArgumentException("patch: " + patch + " pixels, expected a multiple of 16 (>= 16)");
        }
        int[] s = {patch, patch / 2, patch / 4, patch / 8, patch / 16};
        List<LayerWork> layers = new ArrayList<>();
        unetConv(layers, "inc.a", 1, 32, s[0], 0, 0);
        unetConv(layers, "inc.b", 32, 32, s[0], 0, 0);
        int[][] down = {{32, 64}, {64, 128}, {128, 256}, {256, 256}};
        for (int i = 0; i < down.length; i++) {
            int lvl = i + 1;
            unetConv(layers, "down" + lvl + ".a", down[i][0], down[i][1], s[lvl], down[i][0] * s[lvl - 1] * s[lvl - 1], 0);
            unetConv(layers, "down" + lvl + ".b", down[i][1], down[i][1], s[lvl], 0, 0);
        }
        // up block i: input = upsampled lower map (skipCh channels) concatenated with the skip (skipCh), mid = in/2
        int[][] up = {{512, 256, 128}, {256, 128, 64}, {128, 64, 32}, {64, 32, 32}};
        for (int i = 0; i < up.length; i++) {
            int lvl = 3 - i;
            int upsampled = up[i][0] / 2;
            unetConv(layers, "up" + (i + 1) + ".a", up[i][0], up[i][1], s[lvl], 0, 4L * upsampled * s[lvl] * s[lvl]);
            unetConv(layers, "up" + (i + 1) + ".b", up[i][1], up[i][2], s[lvl], 0, 0);
        }
        long pixels = (long) patch * patch;
        layers.add(new LayerWork("outc", 32, 2, pixels, 0.5, DRIVE_BITS, LayerWork.DEFAULT_OUTPUT_BITS, 32 * pixels,
                2 * pixels, new DigitalWork(0, 0, 0, 0, 2 * pixels)));
        return new Workload("DRIVE U-Net", layers);
    }

    private static void unetConv(List<LayerWork> layers, String name, int in, int out, int size, long pooled,
                                 long upsampleOps) {
        long outElems = (long) out * size * size;
        // each conv quantises its output for the next layer; the first one also quantises the image itself
        long quantIn = name.equals("inc.a") ? (long) size * size : 0;
        layers.add(LayerWork.conv(name, in, out, 3, 3, size, size, size, size, DRIVE_BITS)
                .withDigital(new DigitalWork(outElems, pooled, outElems, outElems + quantIn, upsampleOps)));
    }

    /** The three workloads in the paper's order. */
    public static List<Workload> all() {
        return List.of(fashionCnn(), spokenDigitCrnn(), unet());
    }
}
