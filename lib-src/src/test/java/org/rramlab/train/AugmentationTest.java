package org.rramlab.train;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AugmentationTest {

    /** n images of 1×h×w, background −1, one bright pixel of value 10 + example index at (y, x). */
    private static INDArray dots(int n, int h, int w, int y, int x) {
        INDArray images = Nd4j.valueArrayOf(new long[] {n, 1, h, w}, -1f, DataType.FLOAT);
        for (int b = 0; b < n; b++) images.putScalar(new long[] {b, 0, y, x}, 10 + b);
        return images;
    }

    @Test void noneReturnsTheSameArray() {
        INDArray images = dots(2, 6, 6, 2, 3);
        assertSame(images, Augmentation.NONE.apply(images, 1));
        assertFalse(Augmentation.NONE.enabled());
    }

    @Test void shiftsMoveEachImageByAtMostMaxShiftAndFillWithTheBackground() {
        int n = 200, maxShift = 2;
        INDArray out = new Augmentation(false, maxShift).apply(dots(n, 9, 9, 4, 4), 7);
        assertEquals(DataType.FLOAT, out.dataType());
        java.util.Set<String> moves = new java.util.HashSet<>();
        for (int b = 0; b < n; b++) {
            INDArray plane = out.get(org.nd4j.linalg.indexing.NDArrayIndex.point(b), org.nd4j.linalg.indexing.NDArrayIndex.point(0));
            assertEquals(10 + b, plane.maxNumber().doubleValue(), 0, "the dot survives a shift of <= 2 from the centre");
            assertEquals(-1, plane.minNumber().doubleValue(), 0, "everything else is background");
            assertEquals(10 + b - 80, plane.sumNumber().doubleValue(), 1e-3, "exactly one dot");
            long at = plane.reshape(81).argMax().getLong(0);
            int dy = (int) (at / 9) - 4, dx = (int) (at % 9) - 4;
            assertTrue(Math.abs(dy) <= maxShift && Math.abs(dx) <= maxShift, "moved by " + dy + ", " + dx);
            moves.add(dy + "," + dx);
        }
        assertEquals(25, moves.size(), "every shift in [-2, 2]² occurs over 200 images");
    }

    @Test void flipsMirrorAboutHalfTheImages() {
        int n = 400;
        INDArray out = new Augmentation(true, 0).apply(dots(n, 5, 6, 1, 1), 3);
        int flipped = 0;
        for (int b = 0; b < n; b++) {
            boolean same = out.getFloat(b, 0, 1, 1) == 10 + b, mirrored = out.getFloat(b, 0, 1, 4) == 10 + b;
            assertTrue(same ^ mirrored, "image " + b + ": either kept or mirrored");
            if (mirrored) flipped++;
        }
        assertTrue(flipped > 150 && flipped < 250, flipped + " of 400 flipped");
    }

    @Test void sameSeedSameImagesOtherSeedOthers() {
        Augmentation a = Augmentation.flipsAndShifts(2);
        INDArray images = Nd4j.rand(DataType.FLOAT, 16, 1, 28, 28);
        assertEquals(a.apply(images, 5), a.apply(images, 5));
        assertNotEquals(a.apply(images, 5), a.apply(images, 6));
    }

    @Test void badSettingsNameTheField() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Augmentation(true, -1));
        assertTrue(e.getMessage().contains("maxShift") && e.getMessage().contains("-1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Augmentation(false, 3).apply(dots(1, 6, 6, 0, 0), 1));
        assertTrue(e.getMessage().contains("maxShift") && e.getMessage().contains("6x6"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Augmentation.flipsAndShifts(2).apply(Nd4j.rand(DataType.FLOAT, 4, 784), 1));
        assertTrue(e.getMessage().contains("[n, c, h, w]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainConfig.fashionPaper().withAugmentation(null));
        assertTrue(e.getMessage().contains("augmentation"), e.getMessage());
    }
}
