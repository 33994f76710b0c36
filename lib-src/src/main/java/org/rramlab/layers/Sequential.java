package org.rramlab.layers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Layers applied one after the other; backward runs them in reverse. */
public final class Sequential implements Layer {

    private final List<Layer> layers;

    public Sequential(List<Layer> layers) {
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("layers: expected at least one layer, got " + layers);
        }
        this.layers = List.copyOf(layers);
    }

    public Sequential(Layer... layers) { this(List.of(layers)); }

    @Override public INDArray forward(INDArray x, boolean training) {
        INDArray h = x;
        for (Layer layer : layers) {
            h = layer.forward(h, training);
        }
        return h;
    }

    /** Returns null when a layer skips its input gradient (the first layer of a network). */
    @Override public INDArray backward(INDArray gradOut) {
        INDArray g = gradOut;
        for (int i = layers.size() - 1; i >= 0; i--) {
            g = layers.get(i).backward(g);
            if (g == null) return null;   // an earlier layer said no input gradient is needed
        }
        return g;
    }

    @Override public List<Param> params() {
        List<Param> all = new ArrayList<>();
        for (Layer layer : layers) {
            all.addAll(layer.params());
        }
        return Collections.unmodifiableList(all);
    }

    @Override public List<Layer> children() { return layers; }

    @Override public String describe() {
        StringBuilder sb = new StringBuilder();
        for (Layer layer : layers) {
            if (sb.length() > 0) sb.append(" -> ");
            sb.append(layer.describe());
        }
        return sb.toString();
    }

    /** Visits every leaf layer, depth first (e.g. to collect the pruned layers of a model). */
    public static void visitLeaves(Layer root, Consumer<Layer> visitor) {
        if (root.children().isEmpty()) {
            visitor.accept(root);
        } else {
            for (Layer child : root.children()) visitLeaves(child, visitor);
        }
    }

    /** Every leaf layer of the given type, in forward order. */
    public static <T> List<T> leavesOf(Layer root, Class<T> type) {
        List<T> found = new ArrayList<>();
        visitLeaves(root, l -> { if (type.isInstance(l)) found.add(type.cast(l)); });
        return found;
    }
}
