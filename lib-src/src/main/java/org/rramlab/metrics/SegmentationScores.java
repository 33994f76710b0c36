package org.rramlab.metrics;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The vessel-segmentation figures the paper reports: ROC AUC and PR AUC of the vessel probability, F1 and accuracy at
 * probability 0.5, over a set of pixels.
 *
 * <p>Two protocols: {@link #onPixels} over every pixel given (the paper: all pixels of the test patches) and
 * {@link #insideMask} over the field-of-view pixels of full images (the usual DRIVE protocol).
 *
 * @param rocAuc   area under the ROC curve
 * @param prAuc    area under the precision–recall curve (trapezoid)
 * @param f1       F1 (Dice) at probability 0.5
 * @param accuracy pixel accuracy at probability 0.5
 * @param counts   the confusion counts at 0.5
 */
public record SegmentationScores(double rocAuc, double prAuc, double f1, double accuracy, BinaryCounts counts) {

    public static final double THRESHOLD = 0.5;

    /** Scores over every pixel: {@code probability} and {@code truth} (vessel = value > 0.5) of the same shape. */
    public static SegmentationScores onPixels(INDArray probability, INDArray truth) {
        checkShapes(probability, truth, "truth");
        return of(floats(probability), vessel(truth), null);
    }

    /** Scores over the pixels where {@code mask} > 0.5 (the field of view), all three of the same shape. */
    public static SegmentationScores insideMask(INDArray probability, INDArray truth, INDArray mask) {
        checkShapes(probability, truth, "truth");
        checkShapes(probability, mask, "mask");
        return of(floats(probability), vessel(truth), vessel(mask));
    }

    /** Scores over pixels {@code i} with {@code inside == null || inside[i]}. */
    public static SegmentationScores of(float[] probability, boolean[] vessel, boolean[] inside) {
        if (probability.length != vessel.length || (inside != null && inside.length != vessel.length)) {
            throw new IllegalArgumentException("SegmentationScores: probability, vessel and inside must have the same"
                    + " length, got " + probability.length + ", " + vessel.length + ", "
                    + (inside == null ? "none" : inside.length));
        }
        float[] p = probability;
        boolean[] v = vessel;
        if (inside != null) {
            int n = 0;
            for (boolean b : inside) {
                n += b ? 1 : 0;
            }
            p = new float[n];
            v = new boolean[n];
            for (int i = 0, k = 0; i < inside.length; i++) {
                if (inside[i]) {
                    p[k] = probability[i];
                    v[k++] = vessel[i];
                }
            }
        }
        BinaryCounts counts = BinaryCounts.at(p, v, THRESHOLD);
        return new SegmentationScores(RocAuc.of(p, v), PrAuc.of(p, v), counts.f1(), counts.accuracy(), counts);
    }

    private static void checkShapes(INDArray probability, INDArray other, String name) {
        if (!Arrays.equals(probability.shape(), other.shape())) {
            throw new IllegalArgumentException("SegmentationScores: " + name + " has shape "
                    + Arrays.toString(other.shape()) + ", expected the probability's " + Arrays.toString(probability.shape()));
        }
    }

    private static float[] floats(INDArray a) {
        return a.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    private static boolean[] vessel(INDArray a) {
        float[] f = floats(a);
        boolean[] b = new boolean[f.length];
        for (int i = 0; i < f.length; i++) {
            b[i] = f[i] > 0.5f;
        }
        return b;
    }
}
