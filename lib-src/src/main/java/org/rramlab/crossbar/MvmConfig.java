package org.rramlab.crossbar;

import org.rramlab.device.Check;
import org.rramlab.device.Configs;

/**
 * The analogue multiply as a chain of explicit stages: input DAC -> array currents through G+ and G- (with a fresh
 * read-noise draw when {@code readNoise}, and optional IR drop) -> ADC -> rescale to weight units (by the layer).
 * {@link #ideal()} turns every stage off: the result then equals a float matmul.
 *
 * @param dac       input quantisation
 * @param readNoise whether each multiply draws the device's read noise
 * @param irDrop    wire-resistance approximation
 * @param adc       output conversion
 * @param sampling  how a multiply draws its read noise, see {@link Sampling}
 */
public record MvmConfig(InputDac dac, boolean readNoise, IrDrop irDrop, Adc adc, Sampling sampling) {

    /** How a multiply draws its read noise. */
    public enum Sampling {
        /** One read of the array per multiply, shared by the batch, with new draws (exact). */
        FRESH,
        /**
         * One read per multiply, shared by the batch, its noise taken from a pre-drawn pool at a random offset: ~3x
         * cheaper; see {@link org.rramlab.device.NoisePool} for what it gives up. Applies to whole-array
         * multiplies; the blocks of a tiled layer draw fresh.
         */
        POOLED,
        /**
         * A separate read for every input vector, as the hardware does: the output noise of vector b, column j is
         * exactly N(0, sum_i x_bi^2 var_ij), drawn directly on the outputs (one extra matmul, x^2 times the
         * variances, instead of a new array read per vector).
         */
        PER_VECTOR
    }

    public MvmConfig {
        Check.notNull("sampling", sampling);
        Check.notNull("dac", dac);
        Check.notNull("irDrop", irDrop);
        Check.notNull("adc", adc);
    }

    /** Every stage off. */
    public static MvmConfig ideal() {
        return new MvmConfig(InputDac.OFF, false, IrDrop.OFF, Adc.OFF, Sampling.FRESH);
    }

    /**
     * The paper's setting: inputs quantised to {@code inputBits} (4 for Fashion-MNIST, 3 for spoken digits, 6 for
     * DRIVE), a fresh read per multiply (new draws), 14-bit ADCs (min-max range, assumed calibrated), no IR drop.
     */
    public static MvmConfig paper(int inputBits) {
        return new MvmConfig(InputDac.bits(inputBits), true, IrDrop.OFF, Adc.minMax(14), Sampling.FRESH);
    }

    public MvmConfig withDac(InputDac d) {
        return new MvmConfig(d, readNoise, irDrop, adc, sampling);
    }

    public MvmConfig withReadNoise(boolean on) {
        return new MvmConfig(dac, on, irDrop, adc, sampling);
    }

    public MvmConfig withIrDrop(IrDrop ir) {
        return new MvmConfig(dac, readNoise, ir, adc, sampling);
    }

    public MvmConfig withAdc(Adc a) {
        return new MvmConfig(dac, readNoise, irDrop, a, sampling);
    }

    public MvmConfig withSampling(Sampling how) {
        return new MvmConfig(dac, readNoise, irDrop, adc, how);
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
            on.add("DAC " + dac.bits() + " bits (min-max)");
        }
        if (readNoise) {
            on.add("read noise (" + sampling.name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
        if (irDrop.enabled()) {
            on.add("IR drop " + irDrop.segmentOhm() + " Ohm/segment");
        }
        if (adc.enabled()) {
            on.add("ADC " + adc.bits() + " bits (" + (adc.range() == Adc.Range.MIN_MAX ? "min-max"
                    : "fixed +-" + adc.fullScale()) + ")");
        }
        return "MvmConfig[" + (on.isEmpty() ? "ideal" : String.join(", ", on)) + "]";
    }
}
