package org.rramlab.device;

import org.rramlab.util.Check;

/**
 * The residual error that write-verify programming leaves on a cell (drawn once, when the cell is programmed):
 * Gaussian with standard deviation {@code sigma} times a reference conductance that {@link Kind} names.
 *
 * @param kind  what sigma is relative to
 * @param sigma relative standard deviation (>= 0)
 */
public record WriteNoise(Kind kind, double sigma) {

    /** What the residual error's sigma is a fraction of. */
    public enum Kind {
        /** sigma x the device's programmable conductance range (gMax - gMin): the same error for every cell. */
        RANGE,
        /** sigma x each target conductance: large conductances get large errors, small ones small. */
        PROPORTIONAL
    }

    /** Exact programming. */
    public static final WriteNoise NONE = new WriteNoise(Kind.RANGE, 0);

    public WriteNoise {
        Check.notNull("kind", kind);
        Check.nonNegative("sigma", sigma);
    }

    public static WriteNoise range(double sigma) {
        return new WriteNoise(Kind.RANGE, sigma);
    }

    public static WriteNoise proportional(double sigma) {
        return new WriteNoise(Kind.PROPORTIONAL, sigma);
    }

    /** Standard deviation of the residual error, in uS, for a cell programmed to {@code targetUs}. */
    public double sigmaUs(double targetUs, double rangeUs) {
        return kind == Kind.RANGE ? sigma * rangeUs : sigma * targetUs;
    }

    /** As people write it: "write noise 0.1 × range" or "write noise 0.05 × target". */
    public String describe() {
        return "write noise " + new java.math.BigDecimal(sigma).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString()
                + (kind == Kind.RANGE ? " × range" : " × target");
    }
}
