package org.rramlab.network;

import java.util.Map;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rramlab.crossbar.Macro;
import org.rramlab.crossbar.MvmConfig;
import org.rramlab.device.WriteNoise;
import org.rramlab.layers.LayerWeights;
import org.rramlab.layers.TileWeights;
import org.rramlab.layers.TrainableWeights;
import org.rramlab.prune.EdgeWeightsFactory;
import org.rramlab.prune.ProgrammingLedger;
import org.rramlab.prune.PruneConfig;
import org.rramlab.prune.PrunedWeights;

/**
 * How a model builder makes each layer's weights, and the stages of each layer's multiply: edge pruning of fixed
 * (software or device) weights, plain trained weights, or trained weights programmed onto a macro. The same builder
 * then gives the pruned network, the weight-trained one and the conventional baseline.
 */
@FunctionalInterface
public interface WeightsProvider {

    LayerWeights create(String layer, long[] shape, int fanIn, long seed);

    /** The stages of {@code layer}'s multiply (on its tile when its weights have one); default: all off. */
    default MvmConfig mvm(String layer) {
        return MvmConfig.ideal();
    }

    /** This provider with {@code config} for every layer's multiply. */
    default WeightsProvider withMvm(MvmConfig config) {
        if (config == null) throw new IllegalArgumentException("config: expected an MvmConfig, e.g. MvmConfig.paper(), got null");
        return withMvm(layer -> config);
    }

    /** This provider with a multiply configuration chosen per layer name. */
    default WeightsProvider withMvm(Function<String, MvmConfig> perLayer) {
        WeightsProvider base = this;
        return new WeightsProvider() {
            @Override public LayerWeights create(String layer, long[] shape, int fanIn, long seed) {
                return base.create(layer, shape, fanIn, seed);
            }

            @Override public MvmConfig mvm(String layer) {
                MvmConfig c;
                try {
                    c = perLayer.apply(layer);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("layer " + layer + ": mvm config: " + e.getMessage(), e);
                }
                if (c == null) throw new IllegalArgumentException("layer " + layer + ": no MvmConfig given for it");
                return c;
            }
        };
    }

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
            PrunedWeights w = new PrunedWeights(layer, source.create(layer, shape, fanIn, seed * 2 + 1), config.keepFraction(), ledger, seed * 2);
            w.setFlipLimit(config.flipLimit().at(0));
            return w;
        };
    }

    /**
     * The conventional baseline: each layer's trained weights (by layer name) programmed onto {@code macro} by
     * write-verify with residual {@code noise}; every evaluation reads the cells afresh.
     */
    static WeightsProvider programmed(Map<String, INDArray> trainedWeights, Macro macro, WriteNoise noise, long seed) {
        if (trainedWeights == null || macro == null || noise == null) {
            throw new IllegalArgumentException("programmed: trained weights " + (trainedWeights == null ? "null" : "given") + ", macro " + macro
                    + ", noise " + noise + ": expected all three");
        }
        return (layer, shape, fanIn, s) -> {
            INDArray w = trainedWeights.get(layer);
            if (w == null) {
                throw new IllegalArgumentException("programmed: layer " + layer + " has no trained weights; the trained model has "
                        + trainedWeights.keySet());
            }
            return new TileWeights(macro.program(layer, w, noise, seed * 31 + s));
        };
    }
}
