package org.rramlab.crossbar;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Uniform quantisers shared by the DAC and ADC stages; they overwrite their argument. */
final class Quantise {
    private Quantise() {
    }

    /** 2^bits levels spanning [min(x), max(x)] of the whole tensor; a constant tensor is left as it is. */
    static INDArray minMax(INDArray x, int bits) {
        double min = x.minNumber().doubleValue(), max = x.maxNumber().doubleValue();
        return levels(x, min, max, bits);
    }

    /** 2^bits levels spanning [-fullScale, fullScale]; values outside are clipped (the converter saturates). */
    static INDArray fixed(INDArray x, double fullScale, int bits) {
        Transforms.min(x, fullScale, false);
        Transforms.max(x, -fullScale, false);
        return levels(x, -fullScale, fullScale, bits);
    }

    private static INDArray levels(INDArray x, double min, double max, int bits) {
        if (!(max > min)) {
            return x;
        }
        double step = (max - min) / ((1L << bits) - 1);
        x.subi(min).divi(step);
        Transforms.round(x, false);
        return x.muli(step).addi(min);
    }
}
