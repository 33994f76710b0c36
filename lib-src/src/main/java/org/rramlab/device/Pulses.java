package org.rramlab.device;

import org.rramlab.util.Check;

/**
 * The electrical side of a cell: the read pulse every multiply applies, and the forming, SET, RESET and verify pulses
 * programming applies. The energy model takes its per-read and per-pulse energies from here, so one device has one
 * set of numbers (the forming voltage and width are those of {@link Forming#reference()}).
 *
 * <p>A pulse's energy is voltage x current x width: an upper estimate, since the current stays below compliance for
 * part of the pulse.
 *
 * @param readV        read voltage at full-scale input, V (> 0)
 * @param readNs       read pulse, ns (> 0)
 * @param formingUa    compliance current during forming, uA (> 0)
 * @param setV         SET voltage, V (> 0)
 * @param setUa        SET compliance current, uA (> 0)
 * @param setNs        SET pulse width, ns (> 0)
 * @param resetV       RESET voltage (magnitude), V (> 0)
 * @param resetUa      peak RESET current, uA (> 0)
 * @param resetNs      RESET pulse width, ns (> 0)
 * @param verifyNs     read-and-compare after each write-verify pulse, ns (> 0)
 */
public record Pulses(double readV, double readNs, double formingUa, double setV, double setUa, double setNs,
                     double resetV, double resetUa, double resetNs, double verifyNs) {

    public Pulses {
        Check.positive("readV", readV);
        Check.positive("readNs", readNs);
        Check.positive("formingUa", formingUa);
        Check.positive("setV", setV);
        Check.positive("setUa", setUa);
        Check.positive("setNs", setNs);
        Check.positive("resetV", resetV);
        Check.positive("resetUa", resetUa);
        Check.positive("resetNs", resetNs);
        Check.positive("verifyNs", verifyNs);
    }

    /**
     * Typical of 40 nm TaOx cells in the literature; none is published for the paper's macro, so all are assumed
     * (read 0.2 V / 10 ns; forming compliance 100 uA; SET 1.5 V, 100 uA, 100 ns; RESET 1.8 V, 100 uA, 100 ns;
     * verify 100 ns). The energy model's parameter tables show each with its plausible range.
     */
    public static Pulses taoxTypical() {
        return new Pulses(0.2, 10, 100, 1.5, 100, 100, 1.8, 100, 100, 100);
    }
}
