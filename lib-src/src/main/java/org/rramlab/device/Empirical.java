package org.rramlab.device;

import org.rramlab.util.Check;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Measured conductances (uS): a draw picks one of them uniformly (bootstrap). Built from a {@link ConductanceTable}
 * or from any list of measured values.
 *
 * @param valuesUs the measured conductances in uS, each finite and >= 0; at least one
 */
public record Empirical(double[] valuesUs) implements ConductanceDistribution {

    public Empirical {
        if (valuesUs == null || valuesUs.length == 0) {
            throw new IllegalArgumentException("valuesUs: expected at least one measured conductance, got none");
        }
        valuesUs = valuesUs.clone();
        for (int i = 0; i < valuesUs.length; i++) {
            Check.conductance("valuesUs[" + i + "]", valuesUs[i]);
        }
    }

    @Override
    public double[] valuesUs() {
        return valuesUs.clone();
    }

    @Override
    public double sample(RandomGenerator random) {
        return valuesUs[random.nextInt(valuesUs.length)];
    }

    @Override
    public double drawMeanUs() {
        return Arrays.stream(valuesUs).average().orElseThrow();
    }

    @Override
    public double drawStdUs() {
        double mean = drawMeanUs();
        double sum = 0;
        for (double v : valuesUs) {
            sum += (v - mean) * (v - mean);
        }
        return Math.sqrt(sum / valuesUs.length);
    }

    @Override
    public Empirical scaled(double factor) {
        Check.positive("factor", factor);
        return new Empirical(Arrays.stream(valuesUs).map(v -> v * factor).toArray());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Empirical e && Arrays.equals(valuesUs, e.valuesUs);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(valuesUs);
    }

    @Override
    public String toString() {
        return "Empirical[" + valuesUs.length + " values, mean " + drawMeanUs() + " uS, std " + drawStdUs() + " uS]";
    }
}
