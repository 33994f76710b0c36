package org.rramlab.crossbar;

import org.rramlab.util.Check;
import org.rramlab.util.Configs;

/**
 * The analogue multiply of one layer as a chain of explicit stages: input DAC -> a read of the array's G+ and G-
 * (read noise, IR drop, drift) -> ADC of each block's column currents -> digital rescale to weight units and the sum
 * of the blocks' partial sums. {@link #ideal()} turns every stage off: a layer then computes exactly what the software
 * product of its weights computes.
 *
 * <p>The DAC here is the converter's own limit. A network's activation quantisers (the 4-bit inputs of the paper's
 * Fashion-MNIST CNN) are layers of the network, the precision its training sees, so a network's tiles leave the DAC
 * off by default; set it to study a coarser or fixed-range converter on top.
 *
 * @param dac          input quantisation
 * @param readNoise    whether reads draw the device's read noise (off: every read returns the stored conductances)
 * @param trainingRead which read the training forward passes use, see {@link TrainingRead}
 * @param sampling     how an evaluation multiply draws its read noise, see {@link Sampling}
 * @param irDrop       wire-resistance approximation
 * @param adc          output conversion (per block)
 */
public record MvmConfig(InputDac dac, boolean readNoise, TrainingRead trainingRead, Sampling sampling, IrDrop irDrop,
                        Adc adc) {

    /** Which read of the array the training forward passes multiply with. */
    public enum TrainingRead {
        /**
         * One read of the formed array, kept for the whole run (each cell's read noise frozen per state): what the
         * authors' scripts do, and the cheapest.
         */
        FROZEN,
        /** A fresh read for every training step, as hardware in the loop would see it. */
        FRESH_PER_STEP
    }

    /** How an evaluation multiply draws its read noise. */
    public enum Sampling {
        /** One fresh read of the array per multiply (per test batch), shared by the batch, as the authors' scripts. */
        FRESH,
        /**
         * One read per multiply, its noise taken from a pre-drawn pool at a random offset: cheaper; see
         * {@link org.rramlab.device.NoisePool} for what it gives up.
         */
        POOLED,
        /**
         * A separate read for every input vector, as the hardware does: the output noise of vector b, column j is
         * exactly N(0, sum_i x_bi^2 var_ij), drawn directly on the outputs (one extra product).
         */
        PER_VECTOR
    }

    public MvmConfig {
        Check.notNull("dac", dac);
        Check.notNull("trainingRead", trainingRead);
        Check.notNull("sampling", sampling);
        Check.notNull("irDrop", irDrop);
        Check.notNull("adc", adc);
    }

    /** Every stage off. */
    public static MvmConfig ideal() {
        return new MvmConfig(InputDac.OFF, false, TrainingRead.FROZEN, Sampling.FRESH, IrDrop.OFF, Adc.OFF);
    }

    /**
     * The paper's chip for a network's layers: read noise (training on one frozen read, a fresh read per test batch),
     * 14-bit ADCs with a per-multiply min-max range (assumed ideally calibrated), no IR drop; the DAC is left to the
     * network's own activation quantisers.
     */
    public static MvmConfig paper() {
        return new MvmConfig(InputDac.OFF, true, TrainingRead.FROZEN, Sampling.FRESH, IrDrop.OFF, Adc.minMax(14));
    }

    /** {@link #paper()} with a {@code dacBits}-bit min-max DAC, for a bare array (notebook 02) that has no quantiser. */
    public static MvmConfig paper(int dacBits) {
        return paper().withDac(InputDac.bits(dacBits));
    }

    /** Read noise on, every other stage off: what the networks of earlier versions ran (software product + noise). */
    public static MvmConfig readNoiseOnly() {
        return ideal().withReadNoise(true);
    }

    public MvmConfig withDac(InputDac d) {
        return new MvmConfig(d, readNoise, trainingRead, sampling, irDrop, adc);
    }

    public MvmConfig withReadNoise(boolean on) {
        return new MvmConfig(dac, on, trainingRead, sampling, irDrop, adc);
    }

    public MvmConfig withTrainingRead(TrainingRead r) {
        return new MvmConfig(dac, readNoise, r, sampling, irDrop, adc);
    }

    public MvmConfig withSampling(Sampling how) {
        return new MvmConfig(dac, readNoise, trainingRead, how, irDrop, adc);
    }

    public MvmConfig withIrDrop(IrDrop ir) {
        return new MvmConfig(dac, readNoise, trainingRead, sampling, ir, adc);
    }

    public MvmConfig withAdc(Adc a) {
        return new MvmConfig(dac, readNoise, trainingRead, sampling, irDrop, a);
    }

    /** Whether a multiply with this chain equals the exact product (no stage on). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isIdeal() {
        return !dac.enabled() && !readNoise && !irDrop.enabled() && !adc.enabled();
    }

    public String toJson() {
        return Configs.toJson(this);
    }

    public static MvmConfig fromJson(String json) {
        return Configs.fromJson(json, MvmConfig.class);
    }

    /** The stages that are on, with their settings; "ideal" when none is. */
    @Override
    public String toString() {
        java.util.List<String> on = new java.util.ArrayList<>();
        if (dac.enabled()) {
            on.add("DAC " + dac.bits() + " bits (" + (dac.range() == InputDac.Range.MIN_MAX ? "min-max" : "fixed +-" + dac.fullScale()) + ")");
        }
        if (readNoise) {
            on.add("read noise (training " + trainingRead.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                    + ", evaluation " + sampling.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")");
        }
        if (irDrop.enabled()) {
            on.add("IR drop " + irDrop.segmentOhm() + " Ohm/segment");
        }
        if (adc.enabled()) {
            on.add("ADC " + adc.bits() + " bits (" + switch (adc.range()) {
                case MIN_MAX -> "min-max";
                case FIXED -> "fixed +-" + adc.fullScale() + " uS";
                case CALIBRATED -> "calibrated";
            } + ")");
        }
        return "MvmConfig[" + (on.isEmpty() ? "ideal" : String.join(", ", on)) + "]";
    }
}
