package org.rramlab.device;

import org.rramlab.util.Check;

/**
 * Conductance drift after programming, G(t) = G(t0) * (t / t0)^-nu for t > t0: the power law of amorphous
 * phase-change memory (structural relaxation). Filamentary RRAM is taken as drift-free.
 *
 * @param nu        drift exponent (>= 0; 0 is no drift)
 * @param t0Seconds time after programming at which the stored conductance is defined (> 0)
 */
public record Drift(double nu, double t0Seconds) {

    public static final Drift NONE = new Drift(0, 1);

    public Drift {
        Check.nonNegative("nu", nu);
        Check.positive("t0Seconds", t0Seconds);
    }

    /** Factor by which conductances have shrunk {@code seconds} after programming (1 before t0). */
    public double factor(double seconds) {
        Check.nonNegative("seconds", seconds);
        return nu == 0 || seconds <= t0Seconds ? 1 : Math.pow(seconds / t0Seconds, -nu);
    }
}
