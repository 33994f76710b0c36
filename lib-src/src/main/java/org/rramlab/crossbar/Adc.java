package org.rramlab.crossbar;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.rramlab.device.Check;

/**
 * The ADC stage: column currents are converted with {@code 2^bits} uniform levels over a range that is either the
 * current tensor's own min-max (an ideally calibrated, per-multiply range) or a fixed full scale
 * {@code [-fullScale, fullScale]} (in input units x uS; currents beyond it saturate).
 *
 * @param enabled   false: currents pass unchanged
 * @param bits      resolution, 1..24 (the paper's chip has 14-bit ADCs)
 * @param range     how the conversion range is chosen
 * @param fullScale the fixed range's half-width (> 0), used when {@code range == FIXED}
 */
public record Adc(boolean enabled, int bits, Range range, double fullScale) {

    /** How the ADC's conversion range is set. */
    public enum Range { MIN_MAX, FIXED }

    /** No conversion error. */
    public static final Adc OFF = new Adc(false, 14, Range.MIN_MAX, 1);

    public Adc {
        Check.bits("adc bits", bits);
        Check.notNull("range", range);
        Check.positive("fullScale", fullScale);
    }

    /** Per-multiply min-max range. */
    public static Adc minMax(int bits) {
        return new Adc(true, bits, Range.MIN_MAX, 1);
    }

    /** Fixed range [-fullScale, fullScale] (input units x uS). */
    public static Adc fixed(int bits, double fullScale) {
        return new Adc(true, bits, Range.FIXED, fullScale);
    }

    /** Converts {@code currents} (in place when they are a dense FLOAT array, else into a copy) and returns them. */
    public INDArray apply(INDArray currents) {
        return apply(currents, new Quantise());
    }

    /** The hot-path form, with a reused quantiser. */
    INDArray apply(INDArray currents, Quantise q) {
        if (!enabled) {
            return currents;
        }
        INDArray dst = Quantise.dense(currents) ? currents : Quantise.like(currents);
        return range == Range.MIN_MAX ? q.minMax(currents, dst, bits, "ADC currents") : q.fixed(currents, dst, fullScale, bits);
    }
}
