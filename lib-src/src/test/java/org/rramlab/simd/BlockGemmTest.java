package org.rramlab.simd;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.rramlab.simd.BlockGemm.Rect;

/** Products of rectangles inside arrays: the same numbers as copying the rectangles out and multiplying those. */
class BlockGemmTest {

    private static INDArray rand(DataType type, long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(type, shape).subi(0.5);
    }

    private static INDArray copy(INDArray a, int row, int col, int rows, int cols) {
        return a.get(NDArrayIndex.interval(row, row + rows), NDArrayIndex.interval(col, col + cols)).dup('c');
    }

    @Test void aRectangleProductEqualsTheProductOfCopies() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray x = rand(type, 1, 40, 70), w = rand(type, 2, 30, 70);
            // x[:, 20:63] . w[5:29, 20:63]^T, as a tile block of a dense layer sees it
            INDArray got = Nd4j.create(type, 40, 24);
            BlockGemm.product(new Rect(x, 20, 70), false, new Rect(w, 5L * 70 + 20, 70), true, new Rect(got, 0, 24), 40, 24, 43);
            INDArray want = copy(x, 0, 20, 40, 43).mmul(copy(w, 5, 20, 24, 43).transpose());
            assertTrue(want.equalsWithEps(got, type == DataType.FLOAT ? 1e-5 : 1e-12), type + ": " + want.sub(got).amaxNumber());
            // transposed A, into a rectangle of a larger C
            INDArray c = Nd4j.zeros(type, 50, 60);
            BlockGemm.product(new Rect(w, 3, 70), true, new Rect(x, 2L * 70, 70), false, new Rect(c, 7L * 60 + 11, 60), 9, 30, 20);
            INDArray want2 = copy(w, 0, 3, 20, 9).transpose().mmul(copy(x, 2, 0, 20, 30));
            assertTrue(want2.equalsWithEps(copy(c, 7, 11, 9, 30), type == DataType.FLOAT ? 1e-5 : 1e-12), type + " transposed A");
            assertEquals(0.0, c.get(NDArrayIndex.interval(0, 7), NDArrayIndex.all()).amaxNumber().doubleValue(), "C outside its rectangle untouched");
        }
    }

    @Test void aLargeProductSplitOverTheCoresGivesTheSameNumbers() {
        INDArray a = rand(DataType.FLOAT, 3, 256, 600), b = rand(DataType.FLOAT, 4, 600, 300);
        INDArray whole = Nd4j.create(DataType.FLOAT, 256, 300), split = Nd4j.create(DataType.FLOAT, 256, 300);
        Gemm.product(a, b, whole, false, false);
        BlockGemm.product(new Rect(a, 0, 600), false, new Rect(b, 0, 300), false, new Rect(split, 0, 300), 256, 300, 600);
        assertEquals(whole, split, "cut by rows of C from the sizes only, as Gemm.product cuts");
    }

    @Test void addIntoAddsARectangleAndNothingElse() {
        INDArray y = Nd4j.ones(DataType.FLOAT, 4, 10), p = rand(DataType.FLOAT, 5, 4, 3);
        BlockGemm.addInto(new Rect(p, 0, 3), new Rect(y, 6, 10), 4, 3);
        assertTrue(copy(y, 0, 6, 4, 3).equalsWithEps(p.add(1), 1e-7));
        assertEquals(4 * 6, y.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 6)).sumNumber().doubleValue(), 1e-9, "columns 0-5 stay 1");
        assertEquals(4, y.get(NDArrayIndex.all(), NDArrayIndex.interval(9, 10)).sumNumber().doubleValue(), 1e-9, "column 9 stays 1");
    }

    @Test void aRectangleOutsideItsArrayOrAMixedTypeIsRefused() {
        INDArray a = rand(DataType.FLOAT, 6, 8, 8), c = Nd4j.create(DataType.FLOAT, 8, 8);
        var e = assertThrows(IllegalArgumentException.class,
                () -> BlockGemm.product(new Rect(a, 4, 8), false, new Rect(a, 0, 8), false, new Rect(c, 0, 8), 8, 8, 8));
        assertTrue(e.getMessage().contains("a = 8 x 8 at offset 4") && e.getMessage().contains("does not lie inside"), e.getMessage());
        INDArray d = Nd4j.create(DataType.DOUBLE, 8, 8);
        e = assertThrows(IllegalArgumentException.class,
                () -> BlockGemm.product(new Rect(a, 0, 8), false, new Rect(a, 0, 8), false, new Rect(d, 0, 8), 8, 8, 8));
        assertTrue(e.getMessage().contains("one type"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Rect(a.transpose(), 0, 8));
        assertTrue(e.getMessage().contains("contiguous c-order"), e.getMessage());
    }
}
