package org.rramlab.crossbar;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.rramlab.util.Check;

/**
 * The ADC stage: the column currents of each block are converted with {@code 2^bits} uniform levels over a range that
 * is the block's own min-max in every multiply (an ideally auto-ranged converter), a fixed full scale
 * {@code [-fullScale, fullScale]} (input units x uS; currents beyond it saturate), or one calibrated per block from
 * data ({@link MvmChain#calibrate}: the largest current seen in calibration multiplies, then fixed).
 *
 * @param enabled   false: currents pass unchanged
 * @param bits      resolution, 1..24 (the paper's chip has 14-bit ADCs)
 * @param range     how the conversion range is set
 * @param fullScale the fixed range's half-width (> 0), input units x uS, used when {@code range == FIXED}
 */
public record Adc(boolean enabled, int bits, Range range, double fullScale) {

    /** How the ADC's conversion range is set. */
    public enum Range { MIN_MAX, FIXED, CALIBRATED }

    /** No conversion error. */
    public static final Adc OFF = new Adc(false, 14, Range.MIN_MAX, 1);

    public Adc {
        Check.bits("adc.bits", bits);
        Check.notNull("adc.range", range);
        Check.positive("adc.fullScale", fullScale);
    }

    /** Per-multiply min-max range. */
    public static Adc minMax(int bits) {
        return new Adc(true, bits, Range.MIN_MAX, 1);
    }

    /** Fixed range [-fullScale, fullScale] (input units x uS). */
    public static Adc fixed(int bits, double fullScale) {
        return new Adc(true, bits, Range.FIXED, fullScale);
    }

    /** A range set per block by calibration on data ({@link MvmChain#calibrate}). */
    public static Adc calibrated(int bits) {
        return new Adc(true, bits, Range.CALIBRATED, 1);
    }

    public Adc withBits(int b) {
        return new Adc(enabled, b, range, fullScale);
    }

    /** Converts {@code currents} with a min-max or fixed range (in place when they are a dense FLOAT array, else into a copy). */
    public INDArray apply(INDArray currents) {
        if (range == Range.CALIBRATED) {
            throw new IllegalStateException("adc.range = CALIBRATED: a calibrated ADC converts inside a layer's MvmChain, "
                    + "which holds the calibrated ranges; use MIN_MAX or FIXED for a bare conversion");
        }
        return apply(currents, new Quantise(), fullScale);
    }

    /** The hot-path form, with a reused quantiser and the full scale to use in the currents' units. */
    INDArray apply(INDArray currents, Quantise q, double scaleInUnits) {
        if (!enabled) {
            return currents;
        }
        INDArray dst = Quantise.dense(currents) ? currents : Quantise.like(currents);
        return range == Range.MIN_MAX ? q.minMax(currents, dst, bits, "ADC currents") : q.fixed(currents, dst, scaleInUnits, bits);
    }
}
