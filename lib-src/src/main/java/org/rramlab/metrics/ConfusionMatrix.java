package org.rramlab.metrics;

/**
 * Counts of (true class, predicted class) for classification; {@code count(actual, predicted)}.
 */
public final class ConfusionMatrix {

    private final long[][] counts;

    private ConfusionMatrix(long[][] counts) {
        this.counts = counts;
    }

    /** The matrix of {@code actual[i]} against {@code predicted[i]}, classes {@code 0..classes-1}. */
    public static ConfusionMatrix of(int[] actual, int[] predicted, int classes) {
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException("ConfusionMatrix: " + actual.length + " actual labels but "
                    + predicted.length + " predictions; expected the same count");
        }
        if (classes < 1) {
            throw new IllegalArgumentException("ConfusionMatrix: classes must be >= 1, got " + classes);
        }
        long[][] counts = new long[classes][classes];
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] < 0 || actual[i] >= classes || predicted[i] < 0 || predicted[i] >= classes) {
                throw new IllegalArgumentException("ConfusionMatrix: entry " + i + " has actual " + actual[i]
                        + ", predicted " + predicted[i] + "; expected both in 0.." + (classes - 1));
            }
            counts[actual[i]][predicted[i]]++;
        }
        return new ConfusionMatrix(counts);
    }

    /** Predicted class per row: the index of the largest value of each row of {@code scores[n][classes]}. */
    public static int[] argmax(float[][] scores) {
        int[] out = new int[scores.length];
        for (int i = 0; i < scores.length; i++) {
            int best = 0;
            for (int c = 1; c < scores[i].length; c++) {
                if (scores[i][c] > scores[i][best]) {
                    best = c;
                }
            }
            out[i] = best;
        }
        return out;
    }

    public int classes() {
        return counts.length;
    }

    public long count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    public long total() {
        long t = 0;
        for (long[] row : counts) {
            for (long c : row) {
                t += c;
            }
        }
        return t;
    }

    /** Fraction on the diagonal; 0 for an empty matrix. */
    public double accuracy() {
        long diagonal = 0;
        for (int c = 0; c < counts.length; c++) {
            diagonal += counts[c][c];
        }
        long total = total();
        return total == 0 ? 0 : diagonal / (double) total;
    }

    /** Per true class, the fraction predicted correctly (0 for a class with no entries). */
    public double[] recallPerClass() {
        double[] r = new double[counts.length];
        for (int c = 0; c < counts.length; c++) {
            long row = 0;
            for (long v : counts[c]) {
                row += v;
            }
            r[c] = row == 0 ? 0 : counts[c][c] / (double) row;
        }
        return r;
    }

    /** A copy of the counts, {@code [actual][predicted]}. */
    public long[][] counts() {
        long[][] copy = new long[counts.length][];
        for (int c = 0; c < counts.length; c++) {
            copy[c] = counts[c].clone();
        }
        return copy;
    }
}
