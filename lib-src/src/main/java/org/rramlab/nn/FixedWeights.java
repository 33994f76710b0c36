package org.rramlab.nn;

import java.util.List;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Weights that training does not change, e.g. trained weights after programming onto an array: every evaluation
 * forward asks {@code read} for a fresh (noisy) read; training forwards reuse the first read.
 */
public final class FixedWeights implements LayerWeights {
    private final long[] shape;
    private final Supplier<INDArray> read;
    private INDArray trainingRead;

    public FixedWeights(long[] shape, Supplier<INDArray> read) {
        this.shape = shape.clone();
        this.read = read;
    }

    @Override public long[] shape() { return shape.clone(); }

    @Override public INDArray weights(boolean training) {
        if (!training) return read.get();
        if (trainingRead == null) trainingRead = read.get();
        return trainingRead;
    }

    @Override public void backward(INDArray gradWeights) {}
    @Override public List<Param> params() { return List.of(); }
}
