package org.rramlab.data.retina;

import java.util.List;
import java.util.Map;

/**
 * A retinal-vessel data set: training and test images, where they came from, and the checksums of what was read.
 *
 * @param source    human-readable origin, e.g. {@code "DRIVE at /data/drive"} or {@code "synthetic fundus (seed 1)"};
 *                  notebooks print it so every figure says which data it ran on
 * @param synthetic true for generated images (numbers not comparable with the paper's DRIVE figures)
 * @param training  training images
 * @param test      test images
 * @param sha256    file path (relative to the data folder) to SHA-256; empty for generated data
 */
public record RetinaSet(String source, boolean synthetic, List<FundusImage> training, List<FundusImage> test,
        Map<String, String> sha256) {

    public RetinaSet {
        training = List.copyOf(training);
        test = List.copyOf(test);
        sha256 = Map.copyOf(sha256);
    }
}
