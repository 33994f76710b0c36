package org.rramlab.energy;

import static org.rramlab.energy.Parameter.known;
import static org.rramlab.energy.Parameter.uncertain;
import static org.rramlab.energy.Source.assumed;
import static org.rramlab.energy.Source.cited;

/**
 * A digital processor that runs the same network with dense fp32 arithmetic: the reference the paper's energy
 * reductions are measured against (the authors trained on an RTX 4090).
 *
 * <p>Two estimates use these numbers (see {@link DigitalEnergyModel}): the <em>board</em> estimate, board power x
 * run time (time from a roofline of peak throughput x utilisation and DRAM bandwidth), which is what a power meter on
 * the card would show, plus a fixed overhead per layer and batch (kernel launches: small networks on a big GPU are
 * bound by it); and the <em>component</em> estimate, FLOPs x energy per FLOP + DRAM bytes x energy per byte,
 * a lower bound for an ideal digital design.
 *
 * @param name a label for tables and charts
 */
public record DigitalProcessor(
        String name,
        Parameter peakThroughput,
        Parameter boardPower,
        Parameter utilisation,
        Parameter energyPerFlop,
        Parameter dramEnergyPerByte,
        Parameter dramBandwidth,
        Parameter activationDramFraction,
        Parameter bytesPerValue,
        Parameter batchSize,
        Parameter layerOverhead) implements ParameterSet<DigitalProcessor> {

    public DigitalProcessor {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name: is '" + name + "', expected a label");
        }
        ParameterSet.checkNames(DigitalProcessor.class, peakThroughput, boardPower, utilisation, energyPerFlop,
                dramEnergyPerByte, dramBandwidth, activationDramFraction, bytesPerValue, batchSize, layerOverhead);
        if (peakThroughput.value() <= 0 || dramBandwidth.value() <= 0 || batchSize.value() < 1) {
            throw new IllegalArgumentException(name + ": peakThroughput " + peakThroughput.value() + ", dramBandwidth "
                    + dramBandwidth.value() + ", batchSize " + batchSize.value() + ": expected > 0, > 0, >= 1");
        }
        if (activationDramFraction.value() > 1) {
            throw new IllegalArgumentException(name + ": activationDramFraction " + activationDramFraction.value()
                    + ", expected a fraction in [0, 1]");
        }
        if (utilisation.value() <= 0 || utilisation.value() > 1) {
            throw new IllegalArgumentException(name + ": utilisation " + utilisation.value()
                    + ", expected a fraction of peak throughput in (0, 1]");
        }
    }

    /** NVIDIA GeForce RTX 4090, the GPU the authors trained on. */
    public static DigitalProcessor rtx4090() {
        return new DigitalProcessor("RTX 4090",
                known("peakThroughput", 82.6, "TFLOP/s", cited("NVIDIA RTX 4090 datasheet: 82.6 TFLOP/s fp32")),
                known("boardPower", 450, "W", cited("NVIDIA RTX 4090 datasheet: total board power 450 W")),
                uncertain("utilisation", 0.3, "fraction", assumed("fraction of peak reached by small CNN layers at "
                        + "moderate batch; board power taken as full while running"), 0.02, 1),
                uncertain("energyPerFlop", 0.4, "pJ/FLOP", assumed("Horowitz ISSCC 2014 45 nm fp32 FMA 4.6 pJ "
                        + "= 2.3 pJ/FLOP, scaled ~6x to a 4 nm-class process"), 0.1, 2.3),
                uncertain("dramEnergyPerByte", 58, "pJ/B", cited("GDDR6X ~7.25 pJ/bit (Micron product brief, "
                        + "as quoted; check)"), 20, 160),
                known("dramBandwidth", 1008, "GB/s", cited("NVIDIA RTX 4090 datasheet: 1008 GB/s")),
                uncertain("activationDramFraction", 0.25, "fraction", assumed("share of activation traffic that "
                        + "reaches DRAM; the 72 MB L2 cache holds most activations of these small networks"), 0, 1),
                known("bytesPerValue", 4, "B", assumed("fp32 weights and activations, as in the authors' scripts")),
                uncertain("batchSize", 64, "samples", assumed("inference batch; weights are read once per batch"),
                        1, 1024),
                uncertain("layerOverhead", 10, "us", assumed("per layer and batch: launch and synchronisation of its "
                        + "kernels (multiply, norm, activation, quantise; a few us each)"), 0, 50));
    }

    /** A 2-core x86 CPU like the lab machine (fp32 GEMM measured at ~190 GFLOP/s, reproduction.md). */
    public static DigitalProcessor cpu2Core() {
        return new DigitalProcessor("2-core CPU",
                known("peakThroughput", 0.19, "TFLOP/s", cited("rramlab measurement: fp32 GEMM ~190 GFLOP/s on 2 cores "
                        + "(reproduction.md)")),
                uncertain("boardPower", 30, "W", assumed("two server cores with their share of uncore and DRAM"),
                        10, 60),
                uncertain("utilisation", 0.3, "fraction", assumed("small layers reach a fraction of GEMM peak"),
                        0.02, 1),
                uncertain("energyPerFlop", 2.3, "pJ/FLOP", cited("Horowitz ISSCC 2014 45 nm: fp32 FMA 4.6 pJ"),
                        0.5, 5),
                uncertain("dramEnergyPerByte", 160, "pJ/B", cited("Horowitz ISSCC 2014: DRAM 1.3-2.6 nJ per 64-bit "
                        + "access"), 40, 320),
                uncertain("dramBandwidth", 20, "GB/s", assumed("DDR4 share of two cores"), 10, 50),
                uncertain("activationDramFraction", 1, "fraction", assumed("a few MB of cache: activations of a "
                        + "batch mostly spill to DRAM"), 0.25, 1),
                known("bytesPerValue", 4, "B", assumed("fp32 weights and activations")),
                uncertain("batchSize", 64, "samples", assumed("inference batch"), 1, 1024),
                uncertain("layerOverhead", 2, "us", assumed("per layer and batch: framework dispatch"), 0, 20));
    }

    /** FLOP/s actually reached: peak x utilisation. */
    public double sustainedFlopsPerSecond() {
        return peakThroughput.value() * 1e12 * utilisation.value();
    }
}
