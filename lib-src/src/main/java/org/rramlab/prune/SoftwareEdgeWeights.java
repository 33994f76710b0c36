package org.rramlab.prune;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Pure-software fixed weights (no device, no read noise, no cells): the comparison mode. Pruned edges are exact zeros.
 * Signed constant: ±2/√fanIn with a random sign; Gaussian: N(0, (2/√fanIn)²). Seeded.
 */
public final class SoftwareEdgeWeights implements EdgeWeights {

    /** The distribution of the kept values. */
    public enum Kind { SIGNED_CONSTANT, GAUSSIAN }

    private final long[] shape;
    private final float[] kept;

    private SoftwareEdgeWeights(long[] shape, float[] kept) {
        this.shape = shape;
        this.kept = kept;
    }

    public static SoftwareEdgeWeights create(Kind kind, long[] shape, int fanIn, long seed) {
        if (fanIn < 1) throw new IllegalArgumentException("fanIn: expected >= 1, got " + fanIn);
        long n = 1;
        for (long d : shape) {
            if (d < 1) throw new IllegalArgumentException("shape: expected positive sizes, got " + Arrays.toString(shape));
            n *= d;
        }
        double scale = 2.0 / Math.sqrt(fanIn);
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[Math.toIntExact(n)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (kind == Kind.SIGNED_CONSTANT ? (random.nextBoolean() ? scale : -scale) : gaussian(random) * scale);
        }
        return new SoftwareEdgeWeights(shape.clone(), values);
    }

    /** Factory for model builders. */
    public static EdgeWeightsFactory factory(Kind kind) {
        if (kind == null) throw new IllegalArgumentException("kind: expected SIGNED_CONSTANT or GAUSSIAN, got null");
        return (layer, shape, fanIn, seed) -> create(kind, shape, fanIn, seed);
    }

    private static double gaussian(SplittableRandom random) {
        // Box–Muller: deterministic given the seed
        double u = 1.0 - random.nextDouble(), v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    @Override public long[] shape() { return shape.clone(); }

    @Override public void trainingRead(long read, float[] whenKept, float[] whenPruned) {
        System.arraycopy(kept, 0, whenKept, 0, kept.length);
        Arrays.fill(whenPruned, 0f);
    }

    @Override public void evaluationRead(INDArray into, boolean[] mask) {
        float[] w = new float[kept.length];
        for (int i = 0; i < w.length; i++) w[i] = mask[i] ? kept[i] : 0f;
        into.assign(Nd4j.create(w, shape, 'c'));
    }

    @Override public boolean isNoisy() { return false; }

    /** The kept values (a copy). */
    public float[] keptValues() { return kept.clone(); }
}
