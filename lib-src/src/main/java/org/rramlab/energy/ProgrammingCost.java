package org.rramlab.energy;

/**
 * Cost of programming an array: how many pulses, how much energy, how long (pulses one after another).
 *
 * @param label   e.g. {@code pruning, flip limit}
 * @param pulses  programming pulses (forming, SET, RESET or write-verify iterations)
 * @param joules  energy
 * @param seconds time with pulses applied one cell at a time
 */
public record ProgrammingCost(String label, double pulses, double joules, double seconds) {

    public ProgrammingCost {
        if (!(pulses >= 0 && joules >= 0 && seconds >= 0) || Double.isInfinite(joules)) {
            throw new IllegalArgumentException(label + ": pulses " + pulses + ", energy " + joules + " J, time "
                    + seconds + " s, expected finite values >= 0");
        }
    }

    /** Sum of two costs, e.g. forming plus the flips of training. */
    public ProgrammingCost plus(ProgrammingCost other, String newLabel) {
        return new ProgrammingCost(newLabel, pulses + other.pulses, joules + other.joules, seconds + other.seconds);
    }
}
