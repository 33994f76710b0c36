package org.rramlab.energy;

import java.util.List;

/**
 * One network's work per inference, layer by layer: what the energy and latency models need to know about a model,
 * and nothing else. Build one by hand, from {@link PaperWorkloads}, or from a model through {@link WorkloadSource}.
 *
 * @param name   e.g. {@code Fashion-MNIST CNN}
 * @param layers layers in execution order
 */
public record Workload(String name, List<LayerWork> layers) {

    public Workload {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("workload name: is '" + name + "', expected a label");
        }
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("workload " + name + ": layers " + layers + ", expected at least one");
        }
        layers = List.copyOf(layers);
    }

    /** Weights (edges) over all layers. */
    public long weights() {
        return layers.stream().mapToLong(LayerWork::weights).sum();
    }

    /** Multiply-accumulates per inference. */
    public long macs() {
        return layers.stream().mapToLong(LayerWork::macs).sum();
    }

    /** Digital element operations per inference (activation, pooling, batch norm, quantisation, ...). */
    public long digitalOperations() {
        return layers.stream().mapToLong(l -> l.digital().operations()).sum();
    }

    /** The same workload with every layer keeping {@code keep} of its edges. */
    public Workload withKeepFraction(double keep) {
        return new Workload(name, layers.stream().map(l -> l.withKeepFraction(keep)).toList());
    }

    /** Arrays needed to hold all weights at once (weight-stationary), {@code arraySize x arraySize} each. */
    public int arraysNeeded(int arraySize) {
        return layers.stream().mapToInt(l -> l.rowTiles(arraySize) * l.colTiles(arraySize)).sum();
    }
}
