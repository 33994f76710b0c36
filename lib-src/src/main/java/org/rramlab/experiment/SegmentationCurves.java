package org.rramlab.experiment;

import org.rramlab.plot.Charts;

/**
 * ROC and precision–recall curves of a vessel probability map, for plotting: one point per threshold on a grid of
 * {@link #THRESHOLDS} steps in [0, 1] (the areas themselves come exactly from {@code org.rramlab.metrics}).
 *
 * @param roc false-positive rate (x) against true-positive rate (y), from (0, 0) to (1, 1)
 * @param pr  recall (x) against precision (y), starting at (0, 1)
 */
public record SegmentationCurves(Charts.XY roc, Charts.XY pr) {
    public static final int THRESHOLDS = 200;

    /** Curves over pixels {@code i} with {@code inside == null || inside[i]}; probabilities outside [0, 1] are clamped. */
    public static SegmentationCurves of(float[] probability, boolean[] vessel, boolean[] inside) {
        if (probability.length != vessel.length || (inside != null && inside.length != vessel.length)) {
            throw new IllegalArgumentException("SegmentationCurves: probability, vessel and inside must have the same length, got "
                    + probability.length + ", " + vessel.length + ", " + (inside == null ? "none" : inside.length));
        }
        // histogram per class over threshold bins, then cumulate from the highest bin down
        long[] pos = new long[THRESHOLDS + 1], neg = new long[THRESHOLDS + 1];
        for (int i = 0; i < probability.length; i++) {
            if (inside != null && !inside[i]) continue;
            int bin = (int) Math.floor(Math.min(1, Math.max(0, probability[i])) * THRESHOLDS);
            if (vessel[i]) pos[bin]++; else neg[bin]++;
        }
        long totalPos = 0, totalNeg = 0;
        for (int b = 0; b <= THRESHOLDS; b++) { totalPos += pos[b]; totalNeg += neg[b]; }
        if (totalPos == 0 || totalNeg == 0) {
            throw new IllegalArgumentException("SegmentationCurves: needs vessel and background pixels, got " + totalPos + " and " + totalNeg);
        }
        double[] fpr = new double[THRESHOLDS + 2], tpr = new double[THRESHOLDS + 2];
        double[] recall = new double[THRESHOLDS + 2], precision = new double[THRESHOLDS + 2];
        precision[0] = 1;
        long tp = 0, fp = 0;
        for (int k = 1, b = THRESHOLDS; b >= 0; b--, k++) {
            tp += pos[b];
            fp += neg[b];
            fpr[k] = fp / (double) totalNeg;
            tpr[k] = tp / (double) totalPos;
            recall[k] = tpr[k];
            precision[k] = tp + fp == 0 ? 1 : tp / (double) (tp + fp);
        }
        return new SegmentationCurves(new Charts.XY(fpr, tpr), new Charts.XY(recall, precision));
    }
}
