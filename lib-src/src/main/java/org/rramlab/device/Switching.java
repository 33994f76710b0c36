package org.rramlab.device;

import org.rramlab.util.Check;

/**
 * Binary switching of a formed cell: a SET pulse takes it to a high state, a RESET pulse to a low state. One pulse
 * each, no verify: what pruning pays to flip an edge.
 *
 * <p>What a SET after a RESET gives back is decided here, for every array of this device ({@link Reinstate}).
 *
 * @param setState   conductance after SET, uS (the high state a {@link Reinstate#REDRAW} SET draws from)
 * @param resetState conductance after RESET (the low / off state), uS
 * @param reinstate  what a SET that reinstates a pruned edge, and a RESET that prunes it, leave in the cell
 */
public record Switching(ConductanceDistribution setState, ConductanceDistribution resetState, Reinstate reinstate) {

    /**
     * What the cell conducts after it is switched back and forth.
     *
     * <p>Physics: RESET ruptures the conductive filament near one electrode; SET regrows it. The filament's shape, and
     * so the conductance, differs from cycle to cycle (cycle-to-cycle variability), on top of the cell-to-cell spread
     * that forming leaves. Published TaOx/HfOx cells show a cycle-to-cycle spread smaller than the cell-to-cell one.
     */
    public enum Reinstate {
        /**
         * A SET returns the cell to the conductance it had when formed, a RESET to its own RESET level: every edge
         * keeps one fixed weight, kept or pruned. This is what the authors' scripts compute (fixed random weights,
         * a mask), so it is the default of the paper's presets. It is the limit of no cycle-to-cycle variability.
         */
        RESTORE,
        /**
         * Every SET draws the cell's conductance afresh from {@link #setState()}, every RESET from
         * {@link #resetState()}: cycle-to-cycle variability as large as the cell-to-cell spread, an upper bound on
         * what reinstating can change.
         */
        REDRAW
    }

    public Switching {
        Check.notNull("setState", setState);
        Check.notNull("resetState", resetState);
        Check.notNull("reinstate", reinstate);
    }

    /** Switching that restores each cell's own states ({@link Reinstate#RESTORE}), as the authors' scripts. */
    public Switching(ConductanceDistribution setState, ConductanceDistribution resetState) {
        this(setState, resetState, Reinstate.RESTORE);
    }

    public Switching withReinstate(Reinstate r) {
        return new Switching(setState, resetState, r);
    }
}
