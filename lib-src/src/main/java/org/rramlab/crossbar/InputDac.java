package org.rramlab.crossbar;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.rramlab.device.Check;

/**
 * Input quantisation, the first stage of the multiply: the DACs drive the rows with {@code 2^bits} uniform levels
 * between the input tensor's minimum and maximum (per-tensor min-max, as the authors' scripts emulate).
 *
 * @param enabled false: inputs pass unchanged
 * @param bits    resolution, 1..24 (checked even when disabled, so a typo fails early)
 */
public record InputDac(boolean enabled, int bits) {

    /** No quantisation. */
    public static final InputDac OFF = new InputDac(false, 16);

    public InputDac {
        Check.bits("dac bits", bits);
    }

    public static InputDac bits(int bits) {
        return new InputDac(true, bits);
    }

    /** The quantised inputs (a new array; {@code x} is left unchanged). */
    public INDArray apply(INDArray x) {
        return enabled ? new Quantise().minMax(x, Quantise.like(x), bits, "DAC inputs") : x;
    }

    /** The hot-path form: quantises into {@code into} (dense FLOAT, x's shape) with a reused quantiser. */
    INDArray apply(INDArray x, INDArray into, Quantise q) {
        return enabled ? q.minMax(x, into, bits, "DAC inputs") : x;
    }
}
