package org.rramlab.simd;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GemmTest {

    /** Every transpose combination, shapes large enough to split, against one plain GEMM: the same numbers. */
    @Test void splitProductEqualsOneGemm() {
        // cut by columns (few rows of C, long inner dimension), by rows, by columns, and by rows although columns
        // would pack less (blocks of 64 rows: the MLP's forward)
        for (int[] size : new int[][] {{97, 300, 211}, {300, 97, 211}, {16, 3000, 576}, {128, 512, 784}}) splitProductEqualsOneGemm(size[0], size[1], size[2]);
    }

    private static void splitProductEqualsOneGemm(int m, int n, int k) {
        Nd4j.getRandom().setSeed(5);
        for (boolean ta : new boolean[] {false, true}) for (boolean tb : new boolean[] {false, true}) {
            INDArray a = Nd4j.randn(DataType.FLOAT, ta ? k : m, ta ? m : k);
            INDArray b = Nd4j.randn(DataType.FLOAT, tb ? n : k, tb ? k : n);
            INDArray expected = Nd4j.create(DataType.FLOAT, m, n);
            Nd4j.gemm(a, b, expected, ta, tb, 1.0, 0.0);
            INDArray c = Nd4j.create(DataType.FLOAT, m, n).assign(7);   // overwritten, not accumulated
            assertSame(c, Gemm.product(a, b, c, ta, tb));
            assertTrue(expected.equalsWithEps(c, 1e-4), m + "x" + n + "x" + k + " transA " + ta + ", transB " + tb);
        }
    }

    @Test void rejectsAViewAsOutput() {
        INDArray c = Nd4j.create(DataType.FLOAT, 4, 6).transpose();
        assertThrows(IllegalArgumentException.class, () -> Gemm.product(Nd4j.ones(DataType.FLOAT, 6, 2), Nd4j.ones(DataType.FLOAT, 2, 4), c, false, false));
    }

    @Test void forRangeCoversEveryIndexOnce() {
        int[] hits = new int[1000];
        Parallel.forRange(hits.length, 10, (from, to) -> { for (int i = from; i < to; i++) hits[i]++; });
        for (int h : hits) assertEquals(1, h);
        assertThrows(IllegalStateException.class, () -> Parallel.forRange(100, 1, (from, to) -> { if (to == 100) throw new IllegalStateException("share"); }));
    }
}
