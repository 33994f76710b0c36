package org.rramlab.energy;

/**
 * Time for one inference, split into the analogue array (read pulses), the ADCs, and the digital part.
 * For a digital processor the whole time is in {@code digitalSeconds}.
 *
 * @param label          what was timed
 * @param arraySeconds   read pulses, tiles run one after another on the available arrays
 * @param adcSeconds     ADC conversions (shared ADCs convert their columns in turn)
 * @param digitalSeconds digital periphery or the whole digital processor
 */
public record Latency(String label, double arraySeconds, double adcSeconds, double digitalSeconds) {

    public Latency {
        if (!(arraySeconds >= 0 && adcSeconds >= 0 && digitalSeconds >= 0)) {
            throw new IllegalArgumentException(label + ": times " + arraySeconds + ", " + adcSeconds + ", "
                    + digitalSeconds + " s, expected finite >= 0");
        }
    }

    public double totalSeconds() {
        return arraySeconds + adcSeconds + digitalSeconds;
    }
}
