package org.rramlab.nn.models;

import org.rramlab.nn.LayerWeights;
import org.rramlab.nn.TrainableWeights;
import org.rramlab.prune.EdgeWeightsFactory;
import org.rramlab.prune.ProgrammingLedger;
import org.rramlab.prune.PruneConfig;
import org.rramlab.prune.PrunedWeights;

/**
 * How a model builder makes each layer's weights: edge pruning of fixed (software or device) weights, or plain
 * trained weights. The same builder then gives the pruned network and the conventional baseline.
 */
@FunctionalInterface
public interface WeightsProvider {

    LayerWeights create(String layer, long[] shape, int fanIn, long seed);

    /** Conventionally trained weights (Kaiming-uniform init). */
    static WeightsProvider trained() {
        return (layer, shape, fanIn, seed) -> new TrainableWeights(shape, seed);
    }

    /**
     * Edge pruning: fixed weights from {@code source}, scores learned; flips are counted in {@code ledger}. The
     * weights and the scores get different seeds derived from the layer seed.
     */
    static WeightsProvider pruned(EdgeWeightsFactory source, PruneConfig config, ProgrammingLedger ledger) {
        return (layer, shape, fanIn, seed) -> {
            PrunedWeights w = new PrunedWeights(layer, source.create(shape, fanIn, seed * 2 + 1), config.keepFraction(), ledger, seed * 2);
            w.setFlipLimit(config.flipLimit().at(0));
            return w;
        };
    }
}
