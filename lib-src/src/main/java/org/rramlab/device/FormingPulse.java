package org.rramlab.device;

import org.rramlab.util.Check;

/**
 * The electroforming pulse applied once to a fresh array.
 *
 * @param amplitudeV pulse amplitude in volts (> 0)
 * @param widthNs    pulse width in nanoseconds (> 0)
 */
public record FormingPulse(double amplitudeV, double widthNs) {
    public FormingPulse {
        Check.positive("amplitudeV", amplitudeV);
        Check.positive("widthNs", widthNs);
    }
}
