package org.rramlab.prune;

import java.util.ArrayList;
import java.util.List;
import org.rramlab.layers.Layer;
import org.rramlab.layers.MaskedConv2d;
import org.rramlab.layers.MaskedDense;
import org.rramlab.layers.Sequential;

/** Model-wide pruning helpers: find the pruned layers, set the flip limit. */
public final class Pruning {
    private Pruning() {}

    /** The edge-pruned weight sources of a model, in forward order (empty for a weight-trained model). */
    public static List<PrunedWeights> prunedLayers(Layer model) {
        List<PrunedWeights> found = new ArrayList<>();
        Sequential.visitLeaves(model, l -> {
            Object w = l instanceof MaskedDense d ? d.layerWeights() : l instanceof MaskedConv2d c ? c.layerWeights() : null;
            if (w instanceof PrunedWeights p) found.add(p);
        });
        return found;
    }

    public static void setFlipLimit(Layer model, double limit) {
        for (PrunedWeights p : prunedLayers(model)) p.setFlipLimit(limit);
    }
}
