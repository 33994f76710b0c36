package org.rramlab.layers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Layers applied one after the other; backward runs them in reverse. */
public final class Sequential implements Layer {

    private final List<Layer> layers;
    // the last forward's arrays: its input, output and the outputs between layers (freed by backward or the next forward)
    private final List<INDArray> intermediates = new ArrayList<>();
    private INDArray input, output;

    public Sequential(List<Layer> layers) {
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("layers: expected at least one layer, got " + layers);
        }
        this.layers = List.copyOf(layers);
        // a ReLU right after a batch norm or a residual sum may overwrite that output: no other layer sees the array,
        // and neither of them reads its output in backward (batch norm reads its input)
        for (int i = 1; i < this.layers.size(); i++) {
            Layer before = this.layers.get(i - 1);
            if (this.layers.get(i) instanceof Relu relu && (before instanceof BatchNorm || before instanceof Residual)) relu.overwriteInput();
        }
    }

    public Sequential(Layer... layers) { this(List.of(layers)); }

    /**
     * The outputs between layers are kept until the backward pass has used them and then freed; when no backward
     * follows (evaluation, or a forward whose gradient is not wanted), they are freed at the start of the next
     * forward. So a backward is valid after any forward, evaluation included (gradients with frozen batch-norm
     * statistics), and at most one forward's activations stay alive. (ND4J frees a buffer only when the garbage
     * collector finds its handle: without this a step's activations piled up until the next collection, and the
     * resident size with them.) An array is never freed while the input, the output or another live array uses its
     * buffer (layers that pass their input through or reshape it).
     */
    @Override public INDArray forward(INDArray x, boolean training) {
        releaseIntermediates(x, null);   // the previous forward's, if no backward used them
        input = x;
        INDArray h = x;
        for (int i = 0; i < layers.size(); i++) {
            INDArray next = layers.get(i).forward(h, training);
            if (i > 0) intermediates.add(h);
            h = next;
        }
        output = h;
        return h;
    }

    /** Returns null when a layer skips its input gradient (the first layer of a network). */
    @Override public INDArray backward(INDArray gradOut) {
        INDArray g = gradOut;
        for (int i = layers.size() - 1; i >= 0; i--) {
            Layer layer = layers.get(i);
            // a gradient made by the layer after this one is held by nobody else, so it may be overwritten (not the
            // caller's gradOut, which a residual block or the loss may still read)
            boolean own = g != null && !Buffers.sameBuffer(g, gradOut);
            INDArray next = own && layer instanceof OverwritesGradient o ? o.backwardOverwriting(g) : layer.backward(g);
            if (g != gradOut && g != null && (next == null || !Buffers.sameBuffer(g, next)) && !Buffers.sameBuffer(g, gradOut)) Buffers.freeWhole(g);
            g = next;
            if (g == null) break;   // an earlier layer said no input gradient is needed
        }
        releaseIntermediates(g, gradOut);
        return g;
    }

    /** Frees the kept outputs between layers, except those sharing a buffer with the input, the output or {@code alive}. */
    private void releaseIntermediates(INDArray alive1, INDArray alive2) {
        for (INDArray h : intermediates) {
            boolean shared = Buffers.sameBuffer(h, input) || Buffers.sameBuffer(h, output) || (alive1 != null && Buffers.sameBuffer(h, alive1))
                    || (alive2 != null && Buffers.sameBuffer(h, alive2));
            if (!shared && !h.wasClosed()) Buffers.freeWhole(h);   // reshapes too (ND4J calls them views)
        }
        intermediates.clear();
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
