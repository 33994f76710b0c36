package org.rramlab.prune;

/**
 * Makes the fixed weights of one layer. Model builders take a factory so the caller chooses software weights
 * ({@link SoftwareEdgeWeights}) or the conductances of a formed array, e.g.
 * {@code (shape, fanIn, seed) -> DeviceEdgeWeights.form(DeviceModel.taox40nm(), shape, fanIn, seed)}.
 */
@FunctionalInterface
public interface EdgeWeightsFactory {
    EdgeWeights create(long[] shape, int fanIn, long seed);
}
