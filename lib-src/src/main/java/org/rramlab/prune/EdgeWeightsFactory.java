package org.rramlab.prune;

/**
 * Makes the fixed weights of one layer. Model builders take a factory so the caller chooses software weights
 * ({@link SoftwareEdgeWeights}) or the conductances of a formed array, e.g.
 * {@code DeviceEdgeWeights.factory(DeviceModel.taox40nm())}.
 */
@FunctionalInterface
public interface EdgeWeightsFactory {
    EdgeWeights create(long[] shape, int fanIn, long seed);
}
