package org.rramlab.metrics;

/**
 * Area under the precision–recall curve by the trapezoid rule over recall, as the paper's scripts compute it
 * (scikit-learn's {@code auc(recall, precision)} on {@code precision_recall_curve}): one point per distinct threshold
 * plus the starting point (recall 0, precision 1). Trapezoids are optimistic between distant points compared with
 * average precision; the paper uses them, so this does too.
 */
public final class PrAuc {

    private PrAuc() {
    }

    /** PR AUC of {@code scores} (higher = more likely positive) against the true classes. */
    public static double of(float[] scores, boolean[] positive) {
        RankedScores r = RankedScores.of(scores, positive, "PrAuc");
        double area = 0, recallBefore = 0, precisionBefore = 1;
        for (int g = 0; g < r.groups; g++) {
            long tp = r.truePositives[g], fp = r.falsePositives[g];
            double recall = tp / (double) r.positives;
            double precision = tp / (double) (tp + fp);
            area += (recall - recallBefore) * (precision + precisionBefore) / 2;
            recallBefore = recall;
            precisionBefore = precision;
        }
        return area;
    }
}
