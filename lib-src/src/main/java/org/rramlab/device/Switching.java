package org.rramlab.device;

/**
 * Binary switching of a formed cell: a SET pulse takes it to a high state, a RESET pulse to a low state, each with
 * its own cycle-to-cycle spread (a new draw on every switch). One pulse each, no verify: what pruning pays to flip an
 * edge.
 *
 * @param setState   conductance after SET, uS
 * @param resetState conductance after RESET (the low / off state), uS
 */
public record Switching(ConductanceDistribution setState, ConductanceDistribution resetState) {
    public Switching {
        Check.notNull("setState", setState);
        Check.notNull("resetState", resetState);
    }
}
