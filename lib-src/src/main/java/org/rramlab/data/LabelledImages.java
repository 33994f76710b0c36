package org.rramlab.data;

import java.util.Arrays;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Images with one class label each: the common shape of the classification data sets (Fashion-MNIST, spoken-digit
 * feature maps).
 *
 * @param images float images {@code [n, channels, height, width]}
 * @param labels class of each image, {@code labels.length == n}
 * @param sha256 provenance: file name to SHA-256 of the (decompressed) data read; empty for derived data
 */
public record LabelledImages(INDArray images, int[] labels, Map<String, String> sha256) {

    public LabelledImages {
        if (images == null || labels == null) {
            throw new IllegalArgumentException("images and labels must not be null");
        }
        if (images.rank() != 4) {
            throw new IllegalArgumentException("images must have rank 4 [n, channels, height, width], got shape "
                    + Arrays.toString(images.shape()));
        }
        if (images.size(0) != labels.length) {
            throw new IllegalArgumentException("images has " + images.size(0) + " entries but labels has "
                    + labels.length + "; expected the same count");
        }
        sha256 = sha256 == null ? Map.of() : Map.copyOf(sha256);
    }

    /** Images and labels without provenance. */
    public LabelledImages(INDArray images, int[] labels) {
        this(images, labels, Map.of());
    }

    public int size() {
        return labels.length;
    }

    /** Channel 0 of image {@code i} as {@code [height][width]}. */
    public float[][] image(int i) {
        checkIndex(i);
        return images.get(NDArrayIndex.point(i), NDArrayIndex.point(0)).toFloatMatrix();
    }

    /** {@code (x - mean) / std} on every pixel; labels and provenance are kept. */
    public LabelledImages normalised(double mean, double std) {
        if (!(std > 0) || !Double.isFinite(mean)) {
            throw new IllegalArgumentException("normalised: std must be > 0 and mean finite, got mean=" + mean
                    + " std=" + std);
        }
        return new LabelledImages(images.sub(mean).divi(std), labels, sha256);
    }

    /** Entries {@code from} (inclusive) to {@code to} (exclusive), copied. */
    public LabelledImages subset(int from, int to) {
        if (from < 0 || to > size() || from > to) {
            throw new IllegalArgumentException("subset: range [" + from + ", " + to + ") is not inside [0, " + size() + ")");
        }
        INDArray part = images.get(NDArrayIndex.interval(from, to), NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.all()).dup();
        return new LabelledImages(part, Arrays.copyOfRange(labels, from, to), sha256);
    }

    /** The entries at the given indices, in that order, copied. */
    public LabelledImages select(int[] indices) {
        for (int i : indices) {
            checkIndex(i);
        }
        long[] shape = images.shape();
        long per = shape[1] * shape[2] * shape[3];
        int[] newLabels = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            newLabels[k] = labels[indices[k]];
        }
        if (indices.length == 0) {
            return new LabelledImages(Nd4j.create(images.dataType(), 0, shape[1], shape[2], shape[3]), newLabels, sha256);
        }
        INDArray flat = images.reshape('c', shape[0], per);
        INDArray rows = Nd4j.pullRows(flat, 1, indices);
        return new LabelledImages(rows.reshape('c', indices.length, shape[1], shape[2], shape[3]), newLabels, sha256);
    }

    /**
     * A seeded shuffled split: the first part holds {@code round(fraction * n)} entries, the second the rest.
     * The same seed gives the same split.
     */
    public Split split(double fraction, long seed) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("split: fraction must be in [0, 1], got " + fraction);
        }
        int[] order = Splits.permutation(size(), seed);
        int first = (int) Math.round(fraction * size());
        return new Split(select(Arrays.copyOfRange(order, 0, first)), select(Arrays.copyOfRange(order, first, size())));
    }

    /** Number of entries of each class {@code 0..classes-1}. */
    public int[] classCounts(int classes) {
        int[] counts = new int[classes];
        for (int label : labels) {
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException("label " + label + " is outside [0, " + classes + ")");
            }
            counts[label]++;
        }
        return counts;
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= size()) {
            throw new IllegalArgumentException("index " + i + " is outside [0, " + size() + ")");
        }
    }

    /** Two disjoint parts of a data set, e.g. train and validation. */
    public record Split(LabelledImages first, LabelledImages second) {
    }

    /** A float array of the given shape filled from {@code data} in C order. */
    static INDArray floats(float[] data, long... shape) {
        return Nd4j.create(data, shape, 'c');
    }
}
