package org.rramlab.nn.experiments;

import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Programs trained weights onto an array with write noise and returns a reader (one fresh noisy read per call). The
 * device version is {@code org.rramlab.crossbar.ProgrammedWeights}:
 * {@code (w, kind, sigma, seed) -> ProgrammedWeights.program(w, device, kind == RANGE ? WriteNoise.range(sigma)
 * : WriteNoise.proportional(sigma), seed)::read}. {@link #software()} is a device-free stand-in.
 */
@FunctionalInterface
public interface WeightProgrammer {

    /** The two write-noise definitions: relative to the layer's weight range, or to each weight. */
    enum NoiseKind { RANGE, PROPORTIONAL }

    Supplier<INDArray> program(INDArray trainedWeights, NoiseKind kind, double sigma, long seed);

    /**
     * Gaussian write noise without a device: RANGE adds N(0, (σ·max|w|)²) (max|w| maps to the conductance range),
     * PROPORTIONAL multiplies by 1 + N(0, σ²). Drawn once when programmed; reads are noise-free.
     */
    static WeightProgrammer software() {
        return (w, kind, sigma, seed) -> {
            Nd4j.getRandom().setSeed(seed);
            INDArray noise = Nd4j.randn(w.dataType(), w.shape()).muli(sigma);
            INDArray stored = kind == NoiseKind.RANGE ? w.add(noise.muli(w.amaxNumber().doubleValue())) : w.mul(noise.addi(1));
            return () -> stored;
        };
    }
}
