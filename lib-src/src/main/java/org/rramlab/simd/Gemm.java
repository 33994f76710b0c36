package org.rramlab.simd;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@code C = op(A) · op(B)} split by rows of C over the cores ({@link Parallel}): each thread runs ND4J's single-
 * threaded GEMM on blocks of C's rows (contiguous views). The blocks are cut from the sizes alone, so the numbers do not
 * depend on the number of threads; they can differ from one whole GEMM's in the last bits (OpenBLAS's kernels sum a
 * row block's dot products in an order that depends on the block's height). Small products run whole on the caller's
 * thread.
 */
public final class Gemm {
    private Gemm() {}

    /** Below this many multiply-adds a product is not split (a hand-off costs about as much as 1 M of them). */
    static final long SPLIT_WORK = 1L << 21;
    /**
     * At most this many row blocks: each block packs the whole of op(B) again, so more blocks than this machine's two
     * cores would cost packing without gaining threads.
     */
    static final int MAX_BLOCKS = 2;

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
        // the cut depends on the sizes only, never on the thread count: the same numbers on any machine
        int blocks = (int) Math.min(Math.min(MAX_BLOCKS, m), work / SPLIT_WORK);
        if (blocks < 2) {
            Nd4j.gemm(a, b, c, transA, transB, 1.0, 0.0);
            return c;
        }
        Parallel.forEachTask(blocks, block -> {
            int from = (int) ((long) m * block / blocks), to = (int) ((long) m * (block + 1) / blocks);
            INDArray rowsOfC = c.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            INDArray rowsOfA = transA ? a.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to)) : a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            Nd4j.gemm(rowsOfA, b, rowsOfC, transA, transB, 1.0, 0.0);
        });
        return c;
    }
}
