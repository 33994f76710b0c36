package org.rramlab.device;

import org.rramlab.util.Check;

/**
 * Cycle-to-cycle read noise: every read of a cell of stored conductance G returns
 * {@code G + sqrt((relative * G)^2 + additiveUs^2) * z}, z ~ N(0, 1) drawn afresh on each read.
 * Relative noise models the conductance fluctuation of the filament (random telegraph and 1/f noise), additive
 * noise the read circuit.
 *
 * @param relative   standard deviation relative to G (>= 0)
 * @param additiveUs standard deviation independent of G, in uS (>= 0)
 */
public record ReadNoise(double relative, double additiveUs) {

    /** No read noise: every read returns the stored conductance. */
    public static final ReadNoise NONE = new ReadNoise(0, 0);

    public ReadNoise {
        Check.nonNegative("relative", relative);
        Check.nonNegative("additiveUs", additiveUs);
    }

    /** Standard deviation of one read of a cell storing {@code gUs}, in uS. */
    public double sigmaUs(double gUs) {
        return Math.sqrt(relative * relative * gUs * gUs + additiveUs * additiveUs);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isNone() {
        return relative == 0 && additiveUs == 0;
    }
}
