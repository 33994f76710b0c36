package org.rramlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.rramlab.layers.Param;

/**
 * The optimisers' one-pass float32 updates against their ND4J paths. A view with an offset is not bulk-copyable, so a
 * parameter on one takes the ND4J path: both see the same values and gradients, and must agree exactly.
 */
class OptimizerFastPathTest {
    private static final int N = 1_000;

    /** A FLOAT parameter [N] on a plain array (fast path) or on an offset view of a longer one (ND4J path). */
    private static Param param(boolean view, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray values = Nd4j.randn(DataType.FLOAT, N);
        if (!view) return new Param("w", Param.Kind.SCORE, values);
        INDArray longer = Nd4j.zeros(DataType.FLOAT, N + 1);
        INDArray v = longer.get(NDArrayIndex.interval(1, N + 1));
        v.assign(values);
        return new Param("w", Param.Kind.SCORE, v);
    }

    private static void setGradient(Param p, int step) {
        Nd4j.getRandom().setSeed(100 + step);
        p.grad().assign(Nd4j.randn(DataType.FLOAT, N));
    }

    @Test
    void adamFloatPassEqualsNd4jPath() {
        Param fast = param(false, 7), slow = param(true, 7);
        assertEquals(0, fast.value().offset());
        assertEquals(1, slow.value().offset(), "the reference parameter must take the ND4J path");
        Adam a = new Adam(0.9, 0.999, 1e-8, 5e-4), b = new Adam(0.9, 0.999, 1e-8, 5e-4);
        for (int step = 0; step < 5; step++) {
            setGradient(fast, step);
            setGradient(slow, step);
            a.step(List.of(fast), 0.01);
            b.step(List.of(slow), 0.01);
        }
        assertArrayEquals(slow.value().dup().toFloatVector(), fast.value().toFloatVector(), 0f, "weights after 5 steps");
        List<INDArray> sa = a.state(List.of(fast)), sb = b.state(List.of(slow));
        assertArrayEquals(sb.get(0).toFloatVector(), sa.get(0).toFloatVector(), 0f, "first moments");
        assertArrayEquals(sb.get(1).toFloatVector(), sa.get(1).toFloatVector(), 0f, "second moments");
        // and the update moved the weights: not a no-op on both sides
        assertNotEqualTo(param(false, 7).value().toFloatVector(), fast.value().toFloatVector());
    }

    private static void assertNotEqualTo(float[] before, float[] after) {
        double moved = 0;
        for (int i = 0; i < before.length; i++) moved = Math.max(moved, Math.abs(before[i] - after[i]));
        org.junit.jupiter.api.Assertions.assertTrue(moved > 1e-3, "the weights moved: max change " + moved);
    }
}
