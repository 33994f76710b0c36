package org.rramlab.crossbar;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.rramlab.util.Check;

/**
 * Input quantisation, the first stage of the multiply: the DACs drive the rows with {@code 2^bits} uniform levels,
 * either between the input tensor's own minimum and maximum (per-tensor min-max: an ideally ranged converter, as the
 * authors' scripts emulate) or over a fixed range {@code [-fullScale, fullScale]} (inputs beyond it clip).
 *
 * @param enabled   false: inputs pass unchanged
 * @param bits      resolution, 1..24 (checked even when disabled, so a typo fails early)
 * @param range     how the levels are placed
 * @param fullScale the fixed range's half-width, in input units (> 0), used when {@code range == FIXED}
 */
public record InputDac(boolean enabled, int bits, Range range, double fullScale) {

    /** How the DAC's levels are placed. */
    public enum Range { MIN_MAX, FIXED }

    /** No quantisation. */
    public static final InputDac OFF = new InputDac(false, 16, Range.MIN_MAX, 1);

    public InputDac {
        Check.bits("dac.bits", bits);
        Check.notNull("dac.range", range);
        Check.positive("dac.fullScale", fullScale);
    }

    /** A {@code bits}-bit DAC over each input tensor's min-max range. */
    public static InputDac bits(int bits) {
        return new InputDac(true, bits, Range.MIN_MAX, 1);
    }

    /** A {@code bits}-bit DAC over the fixed range [-fullScale, fullScale] (input units). */
    public static InputDac fixed(int bits, double fullScale) {
        return new InputDac(true, bits, Range.FIXED, fullScale);
    }

    /** The quantised inputs (a new array; {@code x} is left unchanged). */
    public INDArray apply(INDArray x) {
        return enabled ? apply(x, Quantise.like(x), new Quantise()) : x;
    }

    /** The hot-path form: quantises into {@code into} (dense FLOAT, x's shape) with a reused quantiser. */
    INDArray apply(INDArray x, INDArray into, Quantise q) {
        if (!enabled) return x;
        return range == Range.MIN_MAX ? q.minMax(x, into, bits, "DAC inputs") : q.fixed(x, into, fullScale, bits);
    }
}
