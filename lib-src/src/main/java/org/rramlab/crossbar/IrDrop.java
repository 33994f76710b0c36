package org.rramlab.crossbar;

import org.rramlab.util.Check;

/**
 * IR drop along the wires, as a static first-order approximation (switchable).
 *
 * <p>The input of row i enters at column 0 and the current of column j leaves at the bottom row, so cell (i, j) sees
 * {@code (j + 1) + (rows - i)} wire segments of {@code segmentOhm} in series. The cell then conducts
 * {@code G_eff = G / (1 + G * R_series)}: far cells and high conductances lose most. The approximation ignores the
 * current of the other cells sharing those wires (the real drop grows with the total current, so with the inputs);
 * it under-estimates IR drop in dense, high-conductance arrays. A full solve (as Sandia CrossSim does) is not done.
 *
 * @param enabled    false: ideal wires
 * @param segmentOhm resistance of one wire segment between neighbouring cells, Ohm (>= 0); ~1 Ohm is typical of a
 *                   40 nm node's lower metal (assumed)
 */
public record IrDrop(boolean enabled, double segmentOhm) {

    public static final IrDrop OFF = new IrDrop(false, 0);

    public IrDrop {
        Check.nonNegative("segmentOhm", segmentOhm);
    }

    public static IrDrop segments(double segmentOhm) {
        return new IrDrop(true, segmentOhm);
    }

    /** Factor G_eff / G for a cell of conductance {@code gUs} at (row, col) of a {@code rows}-row array. */
    public double attenuation(double gUs, int row, int col, int rows) {
        if (!enabled) {
            return 1;
        }
        double seriesOhm = segmentOhm * ((col + 1) + (rows - row));
        return 1 / (1 + gUs * 1e-6 * seriesOhm);
    }
}
