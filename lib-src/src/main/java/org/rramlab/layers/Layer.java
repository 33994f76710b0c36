package org.rramlab.layers;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A network layer with an explicit backward pass. A layer keeps what its backward needs from the last
 * {@link #forward} call, so forward and backward alternate (one batch at a time).
 */
public interface Layer {

    /** Output for input {@code x}; {@code training} selects batch statistics, one array read, mask updates. */
    INDArray forward(INDArray x, boolean training);

    /** Given dLoss/dOutput of the last forward, fills the parameters' gradients and returns dLoss/dInput. */
    INDArray backward(INDArray gradOut);

    /** Trainable parameters (empty for parameter-free layers). */
    default List<Param> params() { return List.of(); }

    /** One line for model summaries, e.g. {@code "conv 1->64 3x3"}. */
    default String describe() { return getClass().getSimpleName(); }

    /** Layers this one contains (for walking a model: ledgers, summaries); empty for leaves. */
    default List<Layer> children() { return List.of(); }
}
