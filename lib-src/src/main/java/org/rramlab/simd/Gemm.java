package org.rramlab.simd;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@code C = op(A) · op(B)} split over the cores ({@link Parallel}): each thread runs ND4J's single-threaded GEMM on
 * a block of C's rows (contiguous views), or of its columns when C is wider than tall. The blocks are cut from the sizes alone, so the numbers do not
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
    /** Row blocks at least this tall are always preferred to column blocks (see {@link #product}). */
    static final int MIN_BLOCK_ROWS = 64;

    /**
     * Into how many blocks (1 or 2) a product of {@code multiplyAdds} whose cut dimension is {@code extent} long is
     * split: from the sizes alone, as {@link #product} cuts, so a caller cutting its own products gets the same numbers
     * on any number of threads.
     */
    public static int blocks(long multiplyAdds, long extent) {
        return (int) Math.max(1, Math.min(Math.min(MAX_BLOCKS, extent), multiplyAdds / SPLIT_WORK));
    }

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
        int blocks = blocks(work, m);
        if (blocks < 2) {
            Nd4j.gemm(a, b, c, transA, transB, 1.0, 0.0);
            return c;
        }
        // cut by rows, every block packs all of op(B) again (k·n each); cut by columns, all of op(A) (m·k) and C's
        // columns are copied (m·n): the cheaper one, from the sizes alone. Blocks of at least MIN_BLOCK_ROWS rows are
        // always cut by rows: oneDNN's products of that height run as fast as whole ones, and C's rows need no copy
        // (the MLP's 128 x 784 x 512 forward on two threads: 0.59-0.71 ms by rows, 0.70-1.35 ms by columns, 1.02-1.05
        // ms as one product, measured in one loop)
        long n = c.columns();
        if (m / blocks < MIN_BLOCK_ROWS && k * n > m * k + m * n) {
            productByColumnBlocks(a, b, c, transA, transB, blocks);
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

    /**
     * Few rows of C against a long inner dimension (a convolution's [out, n·oh·ow] with out ≪ in·kh·kw): the blocks are columns of C, so each packs only its share of
     * op(B) and all of the small op(A); cut by rows, every block packed the whole of op(B) again (conv2 of the paper's
     * CNN: 4.7 CPU ms against 2.6 for one GEMM). ND4J's GEMM writes only whole contiguous matrices, so each block goes
     * to its own buffer (kept per thread) and is copied into C's columns.
     */
    private static void productByColumnBlocks(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB, int blocks) {
        long n = c.columns();
        Parallel.forEachTask(blocks, block -> {
            long from = n * block / blocks, to = n * (block + 1) / blocks;
            INDArray columnsOfB = transB ? b.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()) : b.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to));
            INDArray part = scratch(c.dataType(), c.rows(), to - from);
            Nd4j.gemm(a, columnsOfB, part, transA, transB, 1.0, 0.0);
            c.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to)).assign(part);
        });
    }

    /** This thread's block buffer per data type, the largest ever asked for. */
    private static final ThreadLocal<java.util.EnumMap<org.nd4j.linalg.api.buffer.DataType, INDArray>> BLOCKS =
            ThreadLocal.withInitial(() -> new java.util.EnumMap<>(org.nd4j.linalg.api.buffer.DataType.class));

    private static INDArray scratch(org.nd4j.linalg.api.buffer.DataType type, long rows, long columns) {
        long length = rows * columns;
        INDArray flat = BLOCKS.get().get(type);
        if (flat == null || flat.length() < length) {
            if (flat != null) flat.close();
            flat = Nd4j.createUninitialized(type, length);
            BLOCKS.get().put(type, flat);
        }
        INDArray part = flat.length() == length ? flat : flat.get(NDArrayIndex.interval(0, length));
        return part.reshape('c', rows, columns);
    }
}
