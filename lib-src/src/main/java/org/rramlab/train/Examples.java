package org.rramlab.train;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inputs (first dimension = example) and what each should give: a class label (classification) or a dense target of
 * the output's shape, e.g. a vessel mask (segmentation). Exactly one of {@code labels} and {@code targets} is given.
 * Independent of any data set; e.g. {@code new Examples(images.images(), images.labels())}.
 */
public record Examples(INDArray inputs, int[] labels, INDArray targets) {

    public Examples {
        if (inputs == null) throw new IllegalArgumentException("examples: inputs must not be null");
        if ((labels == null) == (targets == null)) {
            throw new IllegalArgumentException("examples: expected either class labels or dense targets, got "
                    + (labels == null ? "neither" : "both"));
        }
        long n = labels != null ? labels.length : targets.size(0);
        if (inputs.size(0) != n) {
            throw new IllegalArgumentException("examples: " + inputs.size(0) + " inputs " + Arrays.toString(inputs.shape())
                    + " but " + n + (labels != null ? " labels" : " targets"));
        }
    }

    /** Inputs with class labels. */
    public Examples(INDArray inputs, int[] labels) {
        this(inputs, labels, null);
    }

    /** Inputs with dense targets (one per input, e.g. a mask [n, 1, h, w]). */
    public static Examples dense(INDArray inputs, INDArray targets) {
        if (targets == null) throw new IllegalArgumentException("examples: targets must not be null");
        return new Examples(inputs, null, targets);
    }

    public int size() { return (int) inputs.size(0); }

    /** The examples at {@code indices}, in that order (a copy that owns its buffers). */
    public Examples select(int[] indices) {
        INDArray rows = rows(inputs, indices);
        if (labels == null) return new Examples(rows, null, rows(targets, indices));
        int[] l = new int[indices.length];
        for (int i = 0; i < indices.length; i++) l[i] = labels[indices[i]];
        return new Examples(rows, l, null);
    }

    /** Examples [from, to). */
    public Examples range(int from, int to) {
        int[] idx = new int[to - from];
        for (int i = 0; i < idx.length; i++) idx[i] = from + i;
        return select(idx);
    }

    /** A seeded random split: the first part has {@code round(fraction·n)} examples. */
    public Examples[] split(double fraction, long seed) {
        if (!(fraction >= 0 && fraction <= 1)) throw new IllegalArgumentException("split fraction: expected [0, 1], got " + fraction);
        int[] order = permutation(size(), new java.util.Random(seed));
        int cut = (int) Math.round(fraction * size());
        return new Examples[] {select(Arrays.copyOfRange(order, 0, cut)), select(Arrays.copyOfRange(order, cut, order.length))};
    }

    static int[] permutation(int n, java.util.Random random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i]; p[i] = p[j]; p[j] = t;
        }
        return p;
    }

    /** Rows {@code idx} of {@code a} [n, ...] as a new array that owns its buffer (so it can be freed). */
    private static INDArray rows(INDArray a, int[] idx) {
        long[] shape = a.shape().clone();
        long per = a.length() / shape[0];
        shape[0] = idx.length;
        INDArray picked = Nd4j.create(a.dataType(), shape);
        if (idx.length > 0) Nd4j.pullRows(a.reshape('c', a.size(0), per), picked.reshape('c', idx.length, per), 1, idx);
        return picked;
    }
}
