package org.rramlab.experiment;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.rramlab.util.Check;

/** The task and its data: which data set, where it is, how it is split and sized. The JSON names the kind. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = TaskSpec.FashionMnist.class, name = "fashion-mnist"),
        @JsonSubTypes.Type(value = TaskSpec.SpokenDigits.class, name = "spoken-digits"),
        @JsonSubTypes.Type(value = TaskSpec.Retina.class, name = "retina")})
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
}
