package org.rramlab.prune;

/**
 * Makes the fixed weights of one layer. Model builders take a factory so the caller chooses software weights
 * ({@link SoftwareEdgeWeights#factory}) or the cells of a formed array ({@link TileEdges#factory}).
 */
@FunctionalInterface
public interface EdgeWeightsFactory {
    /**
     * @param layer the layer's name (its tile's name on a macro)
     * @param shape the weight tensor's shape
     * @param fanIn inputs per output
     * @param seed  the layer's weight seed
     */
    EdgeWeights create(String layer, long[] shape, int fanIn, long seed);
}
