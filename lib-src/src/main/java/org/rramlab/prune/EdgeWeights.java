package org.rramlab.prune;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The fixed values a layer's edges take when kept and when pruned, in the layer's own weight units.
 *
 * <p>Edge pruning never changes a weight's value, only whether the edge is kept. On a resistive-memory array a kept
 * edge reads (formed cell − low cell) and a pruned one (low cell − low cell): a small residual, not zero. A
 * pure-software source returns exact zeros for pruned edges. The effective weight of edge i is
 * {@code mask[i] ? whenKept[i] : whenPruned[i]}.
 *
 * <p>Implementations: {@link SoftwareEdgeWeights} (signed-constant or Gaussian, no device) and
 * {@code org.rramlab.crossbar.DeviceEdgeWeights} (conductances of a formed array, read through the device model).
 */
public interface EdgeWeights {

    /** Shape of the weight tensor these edges form, e.g. {@code [out, in]} or {@code [out, in, kh, kw]}. */
    long[] shape();

    /**
     * One read of the array: fills both arrays (of {@link #shape()}) with the weight each edge has when kept and when
     * pruned. A source with read noise draws fresh noise on every call; training reads once, testing once per batch.
     */
    void read(INDArray whenKept, INDArray whenPruned);

    /** True when {@link #read} returns different numbers on successive calls (cycle-to-cycle read noise). */
    boolean isNoisy();

    /**
     * The state of the read-noise generator (e.g. how many draws it has made), saved in checkpoints so that a
     * resumed run reads the same noise as an uninterrupted one; 0 for a source without read noise.
     */
    default long readNoiseState() {
        return 0;
    }

    /** Puts the read-noise generator back to a state from {@link #readNoiseState()}. */
    default void restoreReadNoiseState(long state) {
    }
}
