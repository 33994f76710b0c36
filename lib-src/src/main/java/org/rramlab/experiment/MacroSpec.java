package org.rramlab.experiment;

import org.rramlab.crossbar.Crossbar;
import org.rramlab.crossbar.Macro;
import org.rramlab.device.DeviceModel;

/**
 * The arrays a network's layers are placed on.
 *
 * @param rows      rows of every array (the paper: 512)
 * @param cols      differential pairs per row (the paper: 256, i.e. 512 cells)
 * @param maxArrays most arrays (0: as many as the network needs; the paper's test chip: 1)
 */
public record MacroSpec(int rows, int cols, int maxArrays) {

    public MacroSpec {
        if (rows < 1 || cols < 1) throw new IllegalArgumentException("rows x cols = " + rows + " x " + cols + ": expected both >= 1");
        if (maxArrays < 0) throw new IllegalArgumentException("maxArrays = " + maxArrays + ": expected >= 0 (0: as many as needed)");
    }

    /** Arrays of the paper's size, as many as needed. */
    public static MacroSpec paper() {
        return new MacroSpec(Crossbar.PAPER_ROWS, Crossbar.PAPER_PAIR_COLUMNS, 0);
    }

    public Macro build(DeviceModel device, long seed) {
        return new Macro(rows, cols, device, seed, maxArrays == 0 ? Integer.MAX_VALUE : maxArrays);
    }
}
