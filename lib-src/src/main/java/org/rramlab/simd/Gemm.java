package org.rramlab.simd;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@code C = op(A) · op(B)} split by rows of C over the cores ({@link Parallel}): each thread runs ND4J's single-
 * threaded GEMM on a block of C's rows, a contiguous view, so the results are those of one GEMM (each element is
 * computed by the same kernel from the same inputs; the blocking of the row dimension does not change the sum).
 * Small products run whole on the caller's thread.
 */
public final class Gemm {
    private Gemm() {}

    /** Below this many multiply-adds a product is not split (a hand-off costs about as much as 1 M of them). */
    static final long SPLIT_WORK = 1L << 21;

    /**
     * {@code c = op(a) · op(b)} with c a fresh or reused contiguous c-order [m, n] matrix (overwritten); returns c.
     * op(x) is x or its transpose.
     */
    public static INDArray product(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB) {
        if (c.rank() != 2 || c.ordering() != 'c' || c.elementWiseStride() != 1) {
            throw new IllegalArgumentException("gemm output: expected a contiguous c-order matrix, got " + java.util.Arrays.toString(c.shape())
                    + " order " + c.ordering());
        }
        int m = (int) c.rows();
        long k = transA ? a.rows() : a.columns();
        long work = (long) m * c.columns() * k;
        int rowsPerShare = (int) Math.max(1, Math.min(m, (SPLIT_WORK * m + work - 1) / Math.max(1, work)));
        if (Parallel.threads() == 1 || m < 2 || work < 2 * SPLIT_WORK) {
            Nd4j.gemm(a, b, c, transA, transB, 1.0, 0.0);
            return c;
        }
        Parallel.forRange(m, rowsPerShare, (from, to) -> {
            INDArray rowsOfC = c.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            INDArray rowsOfA = transA ? a.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to)) : a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            Nd4j.gemm(rowsOfA, b, rowsOfC, transA, transB, 1.0, 0.0);
        });
        return c;
    }
}
