package org.rramlab.data.retina;

import java.util.List;

/**
 * A retina set ready for training and testing, as the paper uses it: every image preprocessed
 * ({@link Preprocess#all}, each split with its own statistics as the scripts do), random patches centred in the
 * field of view for training and for the patch-pixel test metric.
 *
 * @param set           the images and where they came from ({@link RetinaSet#source()})
 * @param training      preprocessed training images, in the order of {@code set.training()}
 * @param test          preprocessed test images, in the order of {@code set.test()}
 * @param trainPatches  training patches (augment them per epoch with {@link Patches#augment})
 * @param testPatches   test patches with truth, or null when the test images carry no annotation
 */
public record PreparedRetina(RetinaSet set, List<float[]> training, List<float[]> test, PatchBatch trainPatches,
        PatchBatch testPatches) {

    /**
     * Preprocesses both splits and samples {@code trainCount} and {@code testCount} patches of {@code side × side}
     * (the paper: 5000 of 64 × 64 for training), seeded.
     */
    public static PreparedRetina of(RetinaSet set, int trainCount, int testCount, int side, long seed) {
        List<float[]> training = Preprocess.all(set.training());
        List<float[]> test = set.test().isEmpty() ? List.of() : Preprocess.all(set.test());
        PatchBatch trainPatches = Patches.sample(training, set.training(), trainCount, side, seed);
        boolean annotated = !set.test().isEmpty() && set.test().stream().allMatch(FundusImage::hasAnnotation);
        PatchBatch testPatches = annotated && testCount > 0
                ? Patches.sample(test, set.test(), testCount, side, seed + 1) : null;
        return new PreparedRetina(set, training, test, trainPatches, testPatches);
    }
}
