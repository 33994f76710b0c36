package org.rramlab.crossbar;

/**
 * What a cell of the store is: the states the operations of {@link Crossbar} move it between.
 * <pre>
 *   UNFORMED --form--> FORMED --RESET--> RESET --SET--> SET --RESET--> RESET ...
 *   FORMED / SET / RESET --write-verify--> PROGRAMMED
 * </pre>
 * A cell that did not form (forming is stochastic) stays UNFORMED, at its pristine conductance; SET and RESET pulses
 * on it are spent (and counted) but change nothing, since it has no filament to grow or rupture.
 */
public enum CellState {
    /** Pristine: never formed (~10 MOhm). */
    UNFORMED,
    /** Electroformed: a filament, at a random high conductance. */
    FORMED,
    /** RESET: the filament ruptured, low conductance (a pruned edge's formed cell, the low cell of every pair). */
    RESET,
    /** SET after a RESET: high conductance again (a reinstated edge). */
    SET,
    /** Written to a target conductance by write-verify (the conventional baseline). */
    PROGRAMMED;

    /** Whether the cell conducts in its high state (formed, set or programmed). */
    public boolean high() {
        return this == FORMED || this == SET || this == PROGRAMMED;
    }

    private static final CellState[] VALUES = values();

    static CellState of(byte code) {
        return VALUES[code];
    }
}
