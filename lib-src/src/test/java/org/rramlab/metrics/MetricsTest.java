package org.rramlab.metrics;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** Hand-computed cases (the first is scikit-learn's documented example). */
class MetricsTest {

    static final float[] S = {0.1f, 0.4f, 0.35f, 0.8f};
    static final boolean[] Y = {false, false, true, true};

    @Test
    void rocAucOfTheTextbookExample() {
        // positive/negative pairs: (0.35 vs 0.1) win, (0.35 vs 0.4) lose, (0.8 vs both) win: 3/4
        assertEquals(0.75, RocAuc.of(S, Y), 1e-12);
    }

    @Test
    void prAucIsTheTrapezoidOverRecall() {
        // points (recall, precision): (0,1) start, (0.5,1) at 0.8, (0.5,0.5) at 0.4, (1,2/3) at 0.35, (1,0.5) at 0.1
        double expected = 0.5 * 1 + 0 + 0.5 * (0.5 + 2.0 / 3) / 2 + 0;
        assertEquals(expected, PrAuc.of(S, Y), 1e-12);
    }

    @Test
    void tiesCountHalf() {
        float[] s = {0.9f, 0.5f, 0.5f, 0.1f};
        boolean[] y = {true, true, false, false};
        // pairs: 0.9>0.5, 0.9>0.1, 0.5=0.5 (half), 0.5>0.1: 3.5/4
        assertEquals(0.875, RocAuc.of(s, y), 1e-12);
        // all tied: chance level; PR: one point (1, 0.5) from (0, 1): 0.75
        float[] flat = {0.5f, 0.5f, 0.5f, 0.5f};
        boolean[] half = {true, false, true, false};
        assertEquals(0.5, RocAuc.of(flat, half), 1e-12);
        assertEquals(0.75, PrAuc.of(flat, half), 1e-12);
    }

    @Test
    void perfectAndReversedRankings() {
        float[] s = {-3f, -1f, 2f, 5f};
        boolean[] y = {false, false, true, true};
        assertEquals(1.0, RocAuc.of(s, y), 1e-12);
        assertEquals(1.0, PrAuc.of(s, y), 1e-12);
        boolean[] reversed = {true, true, false, false};
        assertEquals(0.0, RocAuc.of(s, reversed), 1e-12);
        // reversed: (0,1) -> (0,0) at 5 and 2 -> (0.5,1/3) at -1 -> (1,0.5) at -3
        assertEquals(0.5 * (0 + 1.0 / 3) / 2 + 0.5 * (1.0 / 3 + 0.5) / 2, PrAuc.of(s, reversed), 1e-12);
    }

    @Test
    void badInputIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RocAuc.of(new float[] {0.1f, 0.2f}, new boolean[] {true, true}));
        assertTrue(e.getMessage().contains("both classes"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PrAuc.of(new float[] {0.1f}, new boolean[] {true, false}));
        assertTrue(e.getMessage().contains("1 scores but 2 labels"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RocAuc.of(new float[] {Float.NaN, 0.2f}, new boolean[] {true, false}));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    }

    @Test
    void countsAtOneHalf() {
        float[] s = {0.9f, 0.6f, 0.5f, 0.2f, 0.7f};
        boolean[] y = {true, false, true, false, true};
        BinaryCounts c = BinaryCounts.at(s, y, 0.5);
        // 0.5 is not above the threshold: predicted background
        assertEquals(new BinaryCounts(2, 1, 1, 1), c);
        assertEquals(3 / 5.0, c.accuracy(), 1e-12);
        assertEquals(2 / 3.0, c.precision(), 1e-12);
        assertEquals(2 / 3.0, c.recall(), 1e-12);
        assertEquals(4 / 6.0, c.f1(), 1e-12);
        assertEquals(0.5, c.specificity(), 1e-12);
    }

    @Test
    void segmentationScoresInsideTheFieldOfView() {
        // 2x3 image; the last column is outside the FOV and would spoil every figure
        var p = Nd4j.createFromArray(new float[][] {{0.1f, 0.4f, 0.99f}, {0.35f, 0.8f, 0.99f}});
        var t = Nd4j.createFromArray(new float[][] {{0, 0, 0}, {1, 1, 0}});
        var m = Nd4j.createFromArray(new float[][] {{1, 1, 0}, {1, 1, 0}});
        SegmentationScores in = SegmentationScores.insideMask(p, t, m);
        assertEquals(0.75, in.rocAuc(), 1e-12);
        assertEquals(0.5 + 0.5 * (0.5 + 2.0 / 3) / 2, in.prAuc(), 1e-12);
        assertEquals(4, in.counts().total());
        assertEquals(0.75, in.accuracy(), 1e-12); // 0.8 vessel right, 0.1 and 0.4 background right, 0.35 missed
        SegmentationScores all = SegmentationScores.onPixels(p, t);
        assertEquals(6, all.counts().total());
        assertEquals(2, all.counts().falsePositives());
        assertThrows(IllegalArgumentException.class, () -> SegmentationScores.insideMask(p, t, Nd4j.ones(3, 2)));
    }

    @Test
    void confusionMatrix() {
        ConfusionMatrix m = ConfusionMatrix.of(new int[] {0, 0, 1, 2, 2, 2}, new int[] {0, 1, 1, 2, 0, 2}, 3);
        assertEquals(1, m.count(0, 1));
        assertEquals(2, m.count(2, 2));
        assertEquals(4 / 6.0, m.accuracy(), 1e-12);
        assertArrayEquals(new double[] {0.5, 1, 2 / 3.0}, m.recallPerClass(), 1e-12);
        assertArrayEquals(new int[] {1, 0}, ConfusionMatrix.argmax(new float[][] {{0, 2, 1}, {3, 3, 1}}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(new int[] {3}, new int[] {0}, 3));
        assertTrue(e.getMessage().contains("actual 3"), e.getMessage());
    }
}
