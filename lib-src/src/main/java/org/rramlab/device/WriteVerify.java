package org.rramlab.device;

import org.rramlab.util.Check;

import java.util.random.RandomGenerator;

/**
 * Write-verify programming to a target conductance, the conventional way: apply a pulse, read, repeat until the
 * read is within {@code toleranceUs} of the target (or {@code maxPulses} were spent). Each pulse covers a random
 * fraction of the remaining distance, N(stepMean, stepStd) clipped to [0.05, 2] (a fraction above 1 overshoots).
 * The loop decides how many pulses a cell costs; the error left after verify (and relaxation) is drawn separately
 * from a {@link WriteNoise}, the quantity a comparison sweeps.
 *
 * @param gMinUs      lowest programmable conductance, uS
 * @param gMaxUs      highest programmable conductance, uS (> gMinUs)
 * @param toleranceUs verify window half-width, uS (>= 0)
 * @param maxPulses   pulses after which the loop gives up (>= 1)
 * @param stepMean    mean fraction of the remaining distance one pulse covers, in (0, 2]
 * @param stepStd     spread of that fraction (>= 0)
 */
public record WriteVerify(double gMinUs, double gMaxUs, double toleranceUs, int maxPulses,
                          double stepMean, double stepStd) {

    public WriteVerify {
        Check.conductance("gMinUs", gMinUs);
        Check.conductance("gMaxUs", gMaxUs);
        if (!(gMaxUs > gMinUs)) {
            throw new IllegalArgumentException("gMaxUs = " + gMaxUs + " uS: expected > gMinUs = " + gMinUs + " uS");
        }
        Check.nonNegative("toleranceUs", toleranceUs);
        if (maxPulses < 1) {
            throw new IllegalArgumentException("maxPulses = " + maxPulses + ": expected >= 1");
        }
        if (!(stepMean > 0 && stepMean <= 2)) {
            throw new IllegalArgumentException("stepMean = " + stepMean + ": expected a fraction in (0, 2]");
        }
        Check.nonNegative("stepStd", stepStd);
    }

    /** One exact pulse per cell: what an ideal device needs. */
    public static WriteVerify exact(double gMinUs, double gMaxUs) {
        return new WriteVerify(gMinUs, gMaxUs, 0, 1, 1, 0);
    }

    /** The programmable range gMax - gMin, uS. */
    public double rangeUs() {
        return gMaxUs - gMinUs;
    }

    /** Pulses the verify loop spends to bring a cell from {@code startUs} to within tolerance of {@code targetUs}. */
    public int pulses(double startUs, double targetUs, RandomGenerator random) {
        double g = startUs;
        int pulses = 0;
        do {
            double step = Math.min(2, Math.max(0.05, stepMean + stepStd * random.nextGaussian()));
            g += (targetUs - g) * step;
            pulses++;
        } while (Math.abs(g - targetUs) > toleranceUs && pulses < maxPulses);
        return pulses;
    }
}
