package org.rramlab.metrics;

/**
 * Counts of a binary decision at one threshold (positive when {@code score > threshold}, so a 0.5 tie counts as
 * background, as an argmax over two classes decides) and the rates derived from them.
 */
public record BinaryCounts(long truePositives, long falsePositives, long trueNegatives, long falseNegatives) {

    public BinaryCounts {
        if (truePositives < 0 || falsePositives < 0 || trueNegatives < 0 || falseNegatives < 0) {
            throw new IllegalArgumentException("counts must be >= 0, got tp=" + truePositives + " fp=" + falsePositives
                    + " tn=" + trueNegatives + " fn=" + falseNegatives);
        }
    }

    /** Counts of {@code scores > threshold} against the true classes. */
    public static BinaryCounts at(float[] scores, boolean[] positive, double threshold) {
        if (scores.length != positive.length) {
            throw new IllegalArgumentException("BinaryCounts: " + scores.length + " scores but " + positive.length
                    + " labels; expected the same count");
        }
        long tp = 0, fp = 0, tn = 0, fn = 0;
        for (int i = 0; i < scores.length; i++) {
            boolean predicted = scores[i] > threshold;
            if (predicted) {
                if (positive[i]) tp++; else fp++;
            } else {
                if (positive[i]) fn++; else tn++;
            }
        }
        return new BinaryCounts(tp, fp, tn, fn);
    }

    public long total() {
        return truePositives + falsePositives + trueNegatives + falseNegatives;
    }

    public double accuracy() {
        return (truePositives + trueNegatives) / (double) total();
    }

    /** TP / (TP + FP); 0 when nothing is predicted positive. */
    public double precision() {
        long p = truePositives + falsePositives;
        return p == 0 ? 0 : truePositives / (double) p;
    }

    /** Sensitivity, TP / (TP + FN); 0 when there is no positive. */
    public double recall() {
        long p = truePositives + falseNegatives;
        return p == 0 ? 0 : truePositives / (double) p;
    }

    /** TN / (TN + FP). */
    public double specificity() {
        long n = trueNegatives + falsePositives;
        return n == 0 ? 0 : trueNegatives / (double) n;
    }

    /** 2TP / (2TP + FP + FN); 0 when there are neither positives nor positive predictions. */
    public double f1() {
        long d = 2 * truePositives + falsePositives + falseNegatives;
        return d == 0 ? 0 : 2 * truePositives / (double) d;
    }
}
