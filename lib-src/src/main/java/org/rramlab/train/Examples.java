package org.rramlab.train;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inputs (first dimension = example) and their class labels: what the trainer consumes. Independent of any data
 * set; e.g. {@code new Examples(images.images(), images.labels())} from {@code org.rramlab.data.LabelledImages}.
 */
public record Examples(INDArray inputs, int[] labels) {

    public Examples {
        if (inputs == null || labels == null) throw new IllegalArgumentException("examples: inputs and labels must not be null");
        if (inputs.size(0) != labels.length) {
            throw new IllegalArgumentException("examples: " + inputs.size(0) + " inputs " + Arrays.toString(inputs.shape())
                    + " but " + labels.length + " labels; expected equal counts");
        }
    }

    public int size() { return labels.length; }

    /** The examples at {@code indices}, in that order (a copy). */
    public Examples select(int[] indices) {
        long[] shape = inputs.shape().clone();
        long per = inputs.length() / shape[0];
        INDArray flat = inputs.reshape('c', shape[0], per);
        INDArray rows = Nd4j.pullRows(flat, 1, indices);
        shape[0] = indices.length;
        int[] l = new int[indices.length];
        for (int i = 0; i < indices.length; i++) l[i] = labels[indices[i]];
        return new Examples(rows.reshape('c', shape), l);
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
}
