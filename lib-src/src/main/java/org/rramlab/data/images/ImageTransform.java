package org.rramlab.data.images;

import java.util.Arrays;

/**
 * How a decoded picture becomes a network input {@code [channels, crop, crop]}: resize so that the shorter side is
 * {@code resize} pixels (0: keep the size; then every picture of the set must have the same size), crop a
 * {@code crop} × {@code crop} square (random position and a random horizontal flip while training when
 * {@code augment}, the centre otherwise), scale to [0, 1] and normalise each channel: {@code (x - mean[c]) / std[c]}.
 *
 * @param resize   shorter side after resizing, pixels; 0 = no resize
 * @param crop     side of the square crop, pixels; must not exceed the (resized) shorter side
 * @param channels 3 (RGB) or 1 (grey: the luma of RGB pictures)
 * @param mean     per-channel mean subtracted after scaling to [0, 1]
 * @param std      per-channel standard deviation divided by
 * @param augment  random crops and horizontal flips for training batches
 */
public record ImageTransform(int resize, int crop, int channels, double[] mean, double[] std, boolean augment) {

    /** The per-channel statistics of ImageNet's training set (RGB, on [0, 1]), the usual normalisation. */
    public static final double[] IMAGENET_MEAN = {0.485, 0.456, 0.406};
    public static final double[] IMAGENET_STD = {0.229, 0.224, 0.225};

    public ImageTransform {
        if (resize < 0) throw new IllegalArgumentException("resize: expected 0 (no resize) or a positive side in pixels, got " + resize);
        if (crop < 1) throw new IllegalArgumentException("crop: expected a positive side in pixels, got " + crop);
        if (resize > 0 && crop > resize) {
            throw new IllegalArgumentException("crop: " + crop + " px is larger than the resized shorter side (resize = " + resize + " px)");
        }
        if (channels != 1 && channels != 3) throw new IllegalArgumentException("channels: expected 1 (grey) or 3 (RGB), got " + channels);
        if (mean == null || mean.length != channels) {
            throw new IllegalArgumentException("mean: expected " + channels + " values (one per channel), got " + (mean == null ? "null" : Arrays.toString(mean)));
        }
        if (std == null || std.length != channels) {
            throw new IllegalArgumentException("std: expected " + channels + " values (one per channel), got " + (std == null ? "null" : Arrays.toString(std)));
        }
        for (int c = 0; c < channels; c++) {
            if (!Double.isFinite(mean[c])) throw new IllegalArgumentException("mean[" + c + "]: expected a finite value, got " + mean[c]);
            if (!(std[c] > 0) || !Double.isFinite(std[c])) throw new IllegalArgumentException("std[" + c + "]: expected a finite value > 0, got " + std[c]);
        }
        mean = mean.clone();
        std = std.clone();
    }

    /**
     * The usual ImageNet recipe at a given input size: training pictures resized to {@code 8/7 ×} the input (256 for
     * 224), random crops and flips; evaluation pictures the same resize and the centre crop; ImageNet's statistics.
     */
    public static ImageTransform imagenet(int input, boolean train) {
        return new ImageTransform(Math.round(input * 8f / 7f), input, 3, IMAGENET_MEAN, IMAGENET_STD, train);
    }

    /** The same transform without augmentation (for evaluation batches). */
    public ImageTransform forEvaluation() {
        return new ImageTransform(resize, crop, channels, mean, std, false);
    }

    @Override public double[] mean() { return mean.clone(); }

    @Override public double[] std() { return std.clone(); }
}
