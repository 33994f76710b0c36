package org.rramlab.data.retina;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Square patches of preprocessed fundus images and their vessel truth (1 vessel, 0 background).
 *
 * @param images float {@code [n, 1, size, size]}, values in [0, 1]
 * @param truth  float {@code [n, 1, size, size]}, 0 or 1
 */
public record PatchBatch(INDArray images, INDArray truth) {

    public PatchBatch {
        if (images.rank() != 4 || !Arrays.equals(images.shape(), truth.shape())) {
            throw new IllegalArgumentException("PatchBatch: images " + Arrays.toString(images.shape()) + " and truth "
                    + Arrays.toString(truth.shape()) + " must both be [n, 1, size, size]");
        }
    }

    public int size() {
        return (int) images.size(0);
    }

    public int side() {
        return (int) images.size(2);
    }
}
