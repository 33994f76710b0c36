package org.rramlab.train;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rramlab.layers.Param;

/** Updates parameters in place from their gradients. State (momentum, moments) is exposed for checkpoints. */
public interface Optimizer {

    /** One update of every parameter with learning rate {@code lr}. */
    void step(List<Param> params, double lr);

    /** The optimiser's state arrays in a fixed order (created lazily on the first step; empty before it). */
    List<INDArray> state(List<Param> params);

    /** Number of steps taken (Adam's bias correction needs it). */
    long steps();

    /** Restores {@link #state} and {@link #steps}. */
    void restore(List<Param> params, List<INDArray> state, long steps);
}
