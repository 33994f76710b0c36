package org.rramlab.layers;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Where a dense or convolution layer gets its weight tensor from, so one layer class serves both training styles:
 * edge pruning ({@code org.rramlab.prune.PrunedWeights}: fixed random weights, learned scores choose the kept edges)
 * and conventional training ({@link TrainableWeights}: the weights are the parameters), plus the weights of a
 * programmed tile ({@link TileWeights}).
 */
public interface LayerWeights {

    /** Shape of the weight tensor: [out, in] or [out, in, kh, kw]. */
    long[] shape();

    /**
     * The effective weights for the next forward pass. In training the source may update its mask from the current
     * scores; in evaluation a noisy source returns a fresh read on every call (one per test batch).
     */
    INDArray weights(boolean training);

    /** Receives dLoss/dW_eff of the last forward and turns it into the parameters' gradients (the array is freed after the call: copy it to keep it). */
    void backward(INDArray gradWeights);

    List<Param> params();

    /** The analogue tile the weights are read from, or null for software weights (the layer then multiplies digitally). */
    default org.rramlab.crossbar.AnalogTile tile() {
        return null;
    }
}
