package org.rramlab.metrics;

/**
 * Area under the receiver operating characteristic (true-positive rate against false-positive rate), by the
 * trapezoid rule over every distinct threshold. Tied scores count half, as in the Mann–Whitney statistic and
 * scikit-learn's {@code roc_auc_score}.
 */
public final class RocAuc {

    private RocAuc() {
    }

    /** ROC AUC of {@code scores} (higher = more likely positive) against the true classes. */
    public static double of(float[] scores, boolean[] positive) {
        RankedScores r = RankedScores.of(scores, positive, "RocAuc");
        double area = 0;
        long tpBefore = 0, fpBefore = 0;
        for (int g = 0; g < r.groups; g++) {
            area += (r.falsePositives[g] - fpBefore) * (r.truePositives[g] + tpBefore) / 2.0;
            tpBefore = r.truePositives[g];
            fpBefore = r.falsePositives[g];
        }
        return area / ((double) r.positives * r.negatives);
    }
}
