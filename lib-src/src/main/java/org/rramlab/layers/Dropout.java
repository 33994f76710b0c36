package org.rramlab.layers;

import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inverted dropout: in training each activation is zeroed with probability {@code rate} and the others scaled by
 * 1/(1 − rate); in evaluation the layer passes its input through. Used only to regularise the weight-trained float
 * reference network; the paper's pruned networks have none.
 *
 * <p>The k-th training pass draws its mask from the seed and k alone; {@link #seek} sets k, so a run resumed from a
 * checkpoint (the trainer seeks to the optimiser's step count) drops the same units as an uninterrupted one.
 */
public final class Dropout implements Layer {
    private static final long GAMMA = 0x9e3779b97f4a7c15L;
    private final double rate;
    private final long seed;
    private long passes;
    private INDArray mask;

    public Dropout(double rate, long seed) {
        if (!(rate >= 0 && rate < 1)) throw new IllegalArgumentException("dropout rate: expected [0, 1), got " + rate);
        this.rate = rate;
        this.seed = seed;
    }

    @Override public INDArray forward(INDArray x, boolean training) {
        if (!training || rate == 0) {
            mask = null;
            return x;
        }
        SplittableRandom random = new SplittableRandom(seed + GAMMA * ++passes);
        float keep = (float) (1 / (1 - rate));
        float[] m = new float[Math.toIntExact(x.length())];
        for (int i = 0; i < m.length; i++) m[i] = random.nextDouble() < rate ? 0f : keep;
        mask = Nd4j.createFromArray(m).reshape('c', x.shape()).castTo(x.dataType());
        return x.mul(mask);
    }

    @Override public INDArray backward(INDArray gradOut) {
        return mask == null ? gradOut : gradOut.mul(mask);
    }

    /** Training passes so far: the mask generator's state. */
    public long passes() { return passes; }

    /** Continues as if {@code passes} training passes had run (for resumed runs). */
    public void seek(long passes) {
        if (passes < 0) throw new IllegalArgumentException("passes: expected >= 0, got " + passes);
        this.passes = passes;
    }

    @Override public List<Param> params() { return List.of(); }

    @Override public String describe() { return "dropout " + rate; }
}
