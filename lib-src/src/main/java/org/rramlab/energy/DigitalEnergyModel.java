package org.rramlab.energy;

import static org.rramlab.energy.EnergyBreakdown.BOARD;
import static org.rramlab.energy.EnergyBreakdown.COMPUTE;
import static org.rramlab.energy.EnergyBreakdown.MEMORY;

/**
 * Energy and latency of the same {@link Workload} on a {@link DigitalProcessor} with dense fp32 arithmetic (pruned
 * weights are multiplied like any other: frameworks do not exploit 50 % unstructured sparsity).
 *
 * <p>Per sample: FLOPs = 2 x MACs + digital element operations; DRAM bytes = ((input + output feature maps) x
 * activationDramFraction + weights / batchSize) x bytesPerValue (activations that stay in cache cost no DRAM).
 * Time = max(FLOPs / (peak x utilisation), bytes / bandwidth) (a roofline) + layers x layerOverhead / batchSize
 * (kernel launches, once per layer and batch; a training step pays 3 per layer and one for the update). Two energies:
 * <ul>
 *   <li>{@link #inference}: board power x time, what a power meter on the card shows; the reference for the paper's
 *       "less energy than a GPU" claims;</li>
 *   <li>{@link #inferenceLowerBound}: FLOPs x energyPerFlop + bytes x dramEnergyPerByte, an ideal digital design
 *       without idle or static power.</li>
 * </ul>
 * A training step counts 3x the forward FLOPs and activation traffic per sample (forward, input gradient, weight
 * gradient) and, per step, {@value AnalogEnergyModel#OPS_PER_SCORE_UPDATE} operations and
 * {@value #WEIGHT_TENSORS_TOUCHED} tensor reads or writes per weight (weights, scores, gradients, momentum).
 */
public record DigitalEnergyModel(DigitalProcessor processor) {

    /** Weight-sized tensors read or written per training step: weights, scores, score gradient, momentum (r+w). */
    public static final int WEIGHT_TENSORS_TOUCHED = 6;

    public DigitalEnergyModel {
        if (processor == null) {
            throw new IllegalArgumentException("processor: is null, expected a DigitalProcessor (e.g. rtx4090())");
        }
    }

    /** FLOPs of one inference. */
    public static double inferenceFlops(Workload w) {
        return 2.0 * w.macs() + w.digitalOperations();
    }

    /** DRAM bytes of one inference, weights shared over the batch. */
    public double inferenceBytes(Workload w) {
        return (activationElements(w) * processor.activationDramFraction().value() + w.weights() / batch())
                * processor.bytesPerValue().value();
    }

    /** Board energy (power x time) of one inference. */
    public EnergyBreakdown inference(Workload w) {
        double seconds = inferenceSeconds(w);
        return new EnergyBreakdown.Builder(w.name() + ", " + processor.name())
                .add(BOARD, processor.boardPower().value() * seconds).build();
    }

    /** Component energy (FLOPs and DRAM bytes at their energies) of one inference: a lower bound. */
    public EnergyBreakdown inferenceLowerBound(Workload w) {
        return new EnergyBreakdown.Builder(w.name() + ", " + processor.name() + " (components)")
                .add(COMPUTE, inferenceFlops(w) * processor.energyPerFlop().value() * 1e-12)
                .add(MEMORY, inferenceBytes(w) * processor.dramEnergyPerByte().value() * 1e-12).build();
    }

    /** Board energy of one training step of {@code batchSize} samples. */
    public EnergyBreakdown trainingStep(Workload w, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize: " + batchSize + ", expected >= 1");
        }
        double flops = batchSize * 3 * inferenceFlops(w)
                + (double) w.weights() * AnalogEnergyModel.OPS_PER_SCORE_UPDATE;
        double activations = activationElements(w) * processor.activationDramFraction().value();
        double bytes = (batchSize * 3 * activations + (double) WEIGHT_TENSORS_TOUCHED * w.weights())
                * processor.bytesPerValue().value();
        // forward, input gradient and weight gradient each launch their kernels; one more for the update
        double overhead = (3.0 * w.layers().size() + 1) * processor.layerOverhead().value() * 1e-6;
        double seconds = Math.max(flops / processor.sustainedFlopsPerSecond(), bytes / bandwidth()) + overhead;
        return new EnergyBreakdown.Builder(w.name() + ", " + processor.name() + " training step (batch " + batchSize
                + ")").add(BOARD, processor.boardPower().value() * seconds).build();
    }

    /** Time of one inference (its share of a batch). */
    public Latency latency(Workload w) {
        return new Latency(w.name() + ", " + processor.name(), 0, 0, inferenceSeconds(w));
    }

    private double inferenceSeconds(Workload w) {
        return Math.max(inferenceFlops(w) / processor.sustainedFlopsPerSecond(), inferenceBytes(w) / bandwidth())
                + w.layers().size() * processor.layerOverhead().value() * 1e-6 / batch();
    }

    private static double activationElements(Workload w) {
        return w.layers().stream().mapToDouble(l -> l.inputElements() + l.outputElements()).sum();
    }

    private double bandwidth() {
        return processor.dramBandwidth().value() * 1e9;
    }

    private double batch() {
        return processor.batchSize().value();
    }
}
