package org.rramlab.device;

import org.rramlab.util.Check;

import java.util.random.RandomGenerator;

/**
 * A normal distribution N(meanUs, stdUs) truncated at 0 uS: conductances cannot be negative. Draws below 0 are
 * redrawn (rejection), so {@link #drawMeanUs()} and {@link #drawStdUs()} are those of the truncated distribution.
 *
 * @param meanUs mean of the underlying normal, in uS (finite)
 * @param stdUs  standard deviation of the underlying normal, in uS (>= 0; 0 is a fixed value)
 */
public record TruncatedNormal(double meanUs, double stdUs) implements ConductanceDistribution {

    public TruncatedNormal {
        Check.finite("meanUs", meanUs);
        Check.nonNegative("stdUs", stdUs);
        if (stdUs == 0 && meanUs < 0) {
            throw new IllegalArgumentException("meanUs = " + meanUs + " with stdUs = 0: a fixed conductance must be >= 0 uS");
        }
        if (stdUs > 0 && meanUs / stdUs < -5) {
            throw new IllegalArgumentException("meanUs = " + meanUs + ", stdUs = " + stdUs
                    + ": almost all mass below 0 uS; expected meanUs >= -5 stdUs");
        }
    }

    /** A fixed conductance (no spread). */
    public static TruncatedNormal fixed(double us) {
        return new TruncatedNormal(us, 0);
    }

    @Override
    public double sample(RandomGenerator random) {
        if (stdUs == 0) {
            return meanUs;
        }
        while (true) {
            double g = meanUs + stdUs * random.nextGaussian();
            if (g >= 0) {
                return g;
            }
        }
    }

    @Override
    public double drawMeanUs() {
        if (stdUs == 0) {
            return meanUs;
        }
        double alpha = -meanUs / stdUs;
        return meanUs + stdUs * hazard(alpha);
    }

    @Override
    public double drawStdUs() {
        if (stdUs == 0) {
            return 0;
        }
        double alpha = -meanUs / stdUs;
        double lambda = hazard(alpha);
        return stdUs * Math.sqrt(Math.max(0, 1 + alpha * lambda - lambda * lambda));
    }

    @Override
    public TruncatedNormal scaled(double factor) {
        Check.positive("factor", factor);
        return new TruncatedNormal(meanUs * factor, stdUs * factor);
    }

    /** phi(a) / (1 - Phi(a)): the inverse Mills ratio of the lower truncation point. */
    private static double hazard(double a) {
        double pdf = Math.exp(-0.5 * a * a) / Math.sqrt(2 * Math.PI);
        double tail = 0.5 * erfc(a / Math.sqrt(2));
        return pdf / tail;
    }

    /** Complementary error function (Numerical Recipes' erfcc, relative error < 1.2e-7). */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
