package org.rramlab.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Finite-difference checks of a layer's backward pass, in double precision. Loss = sum(output ⊙ R), R fixed. */
final class GradientCheck {
    private GradientCheck() {}

    static INDArray random(long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(org.nd4j.linalg.api.buffer.DataType.DOUBLE, shape);
    }

    private static double loss(Layer layer, INDArray x, INDArray r, boolean training) {
        return layer.forward(x, training).mul(r).sumNumber().doubleValue();
    }

    /** Checks dLoss/dInput and dLoss/dParam for every parameter; returns the worst relative error. */
    static double check(Layer layer, INDArray x, boolean training, long seed) {
        INDArray out = layer.forward(x, training);
        INDArray r = random(seed, out.shape());
        INDArray gradIn = layer.backward(r);
        double worst = compare("input", layer, x, x, gradIn, r, training);
        for (Param p : layer.params()) {
            INDArray analytic = p.grad().dup();
            worst = Math.max(worst, compare(p.name(), layer, x, p.value(), analytic, r, training));
        }
        return worst;
    }

    private static double compare(String what, Layer layer, INDArray x, INDArray target, INDArray analytic, INDArray r, boolean training) {
        double eps = 1e-6;
        double worst = 0;
        long n = target.length();
        long step = Math.max(1, n / 40);   // a sample of entries keeps the test fast
        for (long i = 0; i < n; i += step) {
            double orig = target.getDouble(i);
            target.putScalar(i, orig + eps);
            double plus = loss(layer, x, r, training);
            target.putScalar(i, orig - eps);
            double minus = loss(layer, x, r, training);
            target.putScalar(i, orig);
            double numeric = (plus - minus) / (2 * eps);
            double a = analytic.getDouble(i);
            double err = Math.abs(numeric - a) / Math.max(1e-3, Math.abs(numeric) + Math.abs(a));
            assertTrue(err < 1e-4, what + "[" + i + "]: numeric " + numeric + " vs analytic " + a);
            worst = Math.max(worst, err);
        }
        return worst;
    }
}
