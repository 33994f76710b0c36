package org.rramlab.experiment;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.rramlab.util.Check;

/** The task and its data: which data set, where it is, how it is split and sized. The JSON names the kind. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = TaskSpec.FashionMnist.class, name = "fashion-mnist"),
        @JsonSubTypes.Type(value = TaskSpec.SpokenDigits.class, name = "spoken-digits"),
        @JsonSubTypes.Type(value = TaskSpec.Retina.class, name = "retina"),
        @JsonSubTypes.Type(value = TaskSpec.FashionMnistPadded.class, name = "fashion-mnist-padded"),
        @JsonSubTypes.Type(value = TaskSpec.ImageFolder.class, name = "image-folder")})
public sealed interface TaskSpec {

    /** The data folder, or null to look where {@code ./lab} installs the data (and the environment variable). */
    String dataDir();

    /**
     * Fashion-MNIST: 60,000 training and 10,000 test images.
     *
     * @param trainSize training images used (0: all)
     * @param testSize  test images used (0: all)
     */
    record FashionMnist(String dataDir, int trainSize, int testSize) implements TaskSpec {
        public FashionMnist {
            if (trainSize < 0 || testSize < 0) throw new IllegalArgumentException("trainSize / testSize = " + trainSize + " / " + testSize + ": expected >= 0 (0: all)");
        }
    }

    /**
     * The Free Spoken Digit Dataset (3,000 recordings), as 23 x 20 feature maps.
     *
     * @param split         RANDOM (the paper: a seeded 70/30 split) or OFFICIAL (recordings 0-4 of every speaker are the test set)
     * @param trainFraction the random split's training share
     */
    record SpokenDigits(String dataDir, Split split, double trainFraction) implements TaskSpec {
        public enum Split { RANDOM, OFFICIAL }

        public SpokenDigits {
            Check.notNull("split", split);
            if (!(trainFraction > 0 && trainFraction < 1)) throw new IllegalArgumentException("trainFraction = " + trainFraction + ": expected a fraction in (0, 1)");
        }
    }

    /**
     * Retinal vessels: DRIVE when it is there (a user-supplied folder), else the synthetic fundus generator.
     *
     * @param source       AUTO (DRIVE if found, else synthetic), DRIVE (required) or SYNTHETIC
     * @param imageSize    side of the synthetic images (DRIVE keeps its own 565 x 584)
     * @param trainImages  synthetic training images (DRIVE: 20)
     * @param testImages   synthetic test images (DRIVE: 20)
     * @param trainPatches training patches (the paper: 5000)
     * @param testPatches  test patches for the patch-pixel scores
     * @param patchSide    side of the sampled patches (the paper: 64)
     * @param crop         random training crop and full-image tile side (the paper: 48; a multiple of 16)
     * @param fullImages   test images also scored whole, inside the field of view (0: none)
     */
    record Retina(String dataDir, Source source, int imageSize, int trainImages, int testImages, int trainPatches, int testPatches,
                  int patchSide, int crop, int fullImages) implements TaskSpec {
        public enum Source { AUTO, DRIVE, SYNTHETIC }

        public Retina {
            Check.notNull("source", source);
            for (int[] v : new int[][] {{imageSize}, {trainImages}, {testImages}, {trainPatches}, {testPatches}}) {
                if (v[0] < 1) throw new IllegalArgumentException("image and patch counts and sizes: expected >= 1, got " + v[0]);
            }
            if (crop < 16 || crop % 16 != 0) throw new IllegalArgumentException("crop = " + crop + ": expected a positive multiple of 16 (four 2x2 poolings)");
            if (patchSide < crop || patchSide % 16 != 0) throw new IllegalArgumentException("patchSide = " + patchSide + ": expected a multiple of 16 and >= crop " + crop);
            if (imageSize < patchSide) throw new IllegalArgumentException("imageSize = " + imageSize + ": expected >= patchSide " + patchSide);
            if (fullImages < 0) throw new IllegalArgumentException("fullImages = " + fullImages + ": expected >= 0");
        }
    }

    /** Classification of square images of one size, what the residual networks take. */
    sealed interface Images extends TaskSpec {
        /** Side of the network's input, pixels. */
        int side();

        /** Colour channels of the input. */
        int channels();
    }

    /**
     * Fashion-MNIST with every 28 x 28 image centred on a {@code side} x {@code side} canvas of background (the CIFAR
     * input size of ResNet-20 at 32), normalised as the Fashion task.
     *
     * @param trainSize training images used (0: all)
     * @param testSize  test images used (0: all)
     * @param side      canvas side, >= 28 (32 for ResNet-20)
     */
    record FashionMnistPadded(String dataDir, int trainSize, int testSize, int side) implements Images {
        public FashionMnistPadded {
            if (trainSize < 0 || testSize < 0) throw new IllegalArgumentException("trainSize / testSize = " + trainSize + " / " + testSize + ": expected >= 0 (0: all)");
            if (side < 28) throw new IllegalArgumentException("side = " + side + ": expected >= 28 (the images are 28 x 28)");
        }

        @Override public int channels() { return 1; }
    }

    /**
     * A user's image folder in the usual layout: {@code train/} and {@code val/}, one sub-folder per class of JPEG or PNG
     * files (ImageNet-100 is such a subset of ImageNet). Pictures are resized (shorter side), cropped (random crops and
     * flips for training when {@code augment}, the centre for evaluation) and normalised with ImageNet's statistics.
     * A run decodes the images it uses into memory once (so augmentation draws one crop per training picture).
     *
     * @param dataDir   the folder holding train/ and val/ (required to run; a preset has none)
     * @param resize    shorter side after resizing (0: none, then every picture must have one size)
     * @param crop      side of the network's input, pixels (224 for ImageNet)
     * @param augment   random crops and horizontal flips of the training pictures
     * @param trainSize training pictures used (0: all)
     * @param testSize  validation pictures used (0: all)
     */
    record ImageFolder(String dataDir, int resize, int crop, boolean augment, int trainSize, int testSize) implements Images {
        public ImageFolder {
            if (resize < 0) throw new IllegalArgumentException("resize = " + resize + ": expected 0 (no resize) or a side in pixels");
            if (crop < 1 || (resize > 0 && crop > resize)) {
                throw new IllegalArgumentException("crop = " + crop + ": expected a side in pixels, at most resize (" + resize + ")");
            }
            if (trainSize < 0 || testSize < 0) throw new IllegalArgumentException("trainSize / testSize = " + trainSize + " / " + testSize + ": expected >= 0 (0: all)");
        }

        @Override public int side() { return crop; }

        @Override public int channels() { return 3; }

        /** The transform of the training (with augmentation when asked) or the validation pictures. */
        public org.rramlab.data.images.ImageTransform transform(boolean train) {
            return new org.rramlab.data.images.ImageTransform(resize, crop, 3, org.rramlab.data.images.ImageTransform.IMAGENET_MEAN,
                    org.rramlab.data.images.ImageTransform.IMAGENET_STD, train && augment);
        }
    }
}
