package org.rramlab.crossbar;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rramlab.util.Check;
import org.rramlab.device.DeviceModel;
import org.rramlab.device.Switching;
import org.rramlab.device.WriteNoise;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One array of {@code rows x cols} differential pairs: the one store of cell conductances. Every crosspoint holds a G+
 * and a G- cell (two planes); the paper's 512 x 512-cell array holds 512 x 256 pairs ({@link #paperArray}). Every
 * layer of every network, every mapping report and every energy figure reads its cells from here.
 *
 * <p>Each cell has a {@link CellState} and two stored conductances in uS, that of its high state (formed, SET or
 * programmed) and that of its low state (RESET, or pristine before forming); it conducts the one its state names. What
 * SET and RESET leave in those slots is the device's {@link Switching.Reinstate} choice: RESTORE keeps both (a
 * reinstated edge gets its formed conductance back, the authors' scripts' fixed weights), REDRAW draws the slot afresh
 * on every switch (cycle-to-cycle variability). Forming, SET, RESET and write-verify are counted in {@link #counters()}.
 *
 * <p>Randomness: every draw is keyed by the array's seed, the cell and the event ({@link KeyedRandom}), so a cell's
 * conductances do not depend on the order in which cells are formed or switched, and the same seed gives the same
 * cells. Reads (read noise, IR drop, drift, the multiply) are done by the {@link AnalogTile}s placed on the array;
 * {@link #mvm} multiplies the whole array as one tile.
 *
 * <p>Not thread-safe.
 */
public final class Crossbar {
    /** Rows of the paper's macro array. */
    public static final int PAPER_ROWS = 512;
    /** Differential pairs per row of the paper's 512 x 512-cell array: two cells per pair. */
    public static final int PAPER_PAIR_COLUMNS = 256;
    /** Bytes of cell state this class holds per pair: two cells, each a high and a low conductance (float), a state (byte), a switch count (int). */
    public static final int BYTES_PER_PAIR = 2 * (4 + 4 + 1 + 4);

    static final int PLUS = 0, MINUS = 1;
    private static final long PRISTINE = 1, FORM = 2, FORM_OK = 3, RESET_LEVEL = 4, REDRAW = 5, VERIFY = 6, SIGN = 7;

    private final int rows, cols;
    private final DeviceModel device;
    private final long seed;
    private final float[][] high = new float[2][], low = new float[2][];
    private final byte[][] state = new byte[2][];
    private final int[][] switches = new int[2][];   // SET/RESET/write-verify events of each cell: keys its next draw
    private final Counters counters = new Counters();
    private final KeyedRandom random = new KeyedRandom();
    private long externalWrites;   // writes through the public cell methods: tiles on the array rebuild what they cache
    private AnalogTile whole;      // the whole array as one tile, for mvm
    private double secondsSinceProgramming;

    /** A fresh array: every cell pristine (unformed). */
    public Crossbar(int rows, int cols, DeviceModel device, long seed) {
        Check.arraySize(rows, cols);
        this.rows = rows;
        this.cols = cols;
        this.device = Check.notNull("device", device);
        this.seed = seed;
        int n = Math.multiplyExact(rows, cols);
        for (int p = 0; p < 2; p++) {
            high[p] = new float[n];
            low[p] = new float[n];
            state[p] = new byte[n];
            switches[p] = new int[n];
            for (int i = 0; i < n; i++) {
                float g = (float) device.forming().pristine().sample(random.at(KeyedRandom.key(seed, p, i, PRISTINE)));
                high[p][i] = g;
                low[p][i] = g;
            }
        }
    }

    /** An array of the paper's size, 512 rows x 256 pairs (512 x 512 cells), unformed. */
    public static Crossbar paperArray(DeviceModel device, long seed) {
        return new Crossbar(PAPER_ROWS, PAPER_PAIR_COLUMNS, device, seed);
    }

    public int rows() { return rows; }

    /** Pairs per row (the array is twice as many cells wide). */
    public int cols() { return cols; }

    public DeviceModel device() { return device; }

    public long seed() { return seed; }

    /** Every operation on this array's cells, whichever tile did it. */
    public Counters counters() { return counters; }

    // --- the public cell operations (notebooks, tests): counted here, and tiles on the array refresh their caches --

    /** Electroforms one cell: formed with the device's probability, at a random conductance (counted). */
    public void form(Plane plane, int row, int col) {
        formCell(plane(plane), index(row, col), null);
        externalWrites++;
    }

    /** Electroforms every cell of both planes. */
    public void formAll() {
        for (int p = 0; p < 2; p++) {
            for (int i = 0; i < high[p].length; i++) {
                formCell(p, i, null);
            }
        }
        externalWrites++;
    }

    /**
     * Forms every cell, then RESETs one cell of each pair, picked at random (seeded): each pair becomes formed - low
     * or low - formed, a random signed weight, as the pruning method starts from. The RESETs are preparation.
     */
    public void formDifferential() {
        formAll();
        SplittableRandom signs = new SplittableRandom(KeyedRandom.key(seed, 0, 0, SIGN));
        for (int i = 0; i < high[0].length; i++) {
            resetCell(signs.nextBoolean() ? MINUS : PLUS, i, null, true);
        }
        externalWrites++;
    }

    /**
     * Prunes a random {@code 1 - keepFraction} of the pairs (seeded): the higher cell of each pruned pair is RESET
     * (counted), so it reads low - low. Returns the keep mask [rows, cols]: 1 kept, 0 pruned.
     *
     * @param keepFraction fraction of pairs kept, in (0, 1]
     */
    public INDArray pruneAtRandom(double keepFraction) {
        if (!(keepFraction > 0 && keepFraction <= 1)) {
            throw new IllegalArgumentException("keepFraction = " + keepFraction + ": expected a fraction in (0, 1]");
        }
        SplittableRandom pick = new SplittableRandom(KeyedRandom.key(seed, 1, 0, SIGN));
        float[] keep = new float[high[0].length];
        for (int i = 0; i < keep.length; i++) {
            if (pick.nextDouble() < keepFraction) {
                keep[i] = 1;
            } else {
                resetCell(conductance(PLUS, i) >= conductance(MINUS, i) ? PLUS : MINUS, i, null, false);
            }
        }
        externalWrites++;
        return Nd4j.create(keep, new long[]{rows, cols}, 'c');
    }

    /** Binary SET of one cell (one pulse, counted). */
    public void set(Plane plane, int row, int col) {
        setCell(plane(plane), index(row, col), null);
        externalWrites++;
    }

    /** Binary RESET of one cell (one pulse, counted). */
    public void reset(Plane plane, int row, int col) {
        resetCell(plane(plane), index(row, col), null, false);
        externalWrites++;
    }

    /**
     * Write-verify programming of one cell to {@code targetUs}; the cell keeps the target plus the residual error of
     * {@code noise} (clipped at 0 uS). Returns the pulses spent (also counted).
     */
    public int program(Plane plane, int row, int col, double targetUs, WriteNoise noise) {
        int pulses = programCell(plane(plane), index(row, col), targetUs, noise, null);
        externalWrites++;
        return pulses;
    }

    /** Stored conductance of one cell now, uS (no read noise, no IR drop). */
    public double conductance(Plane plane, int row, int col) {
        return conductance(plane(plane), index(row, col));
    }

    /** State of one cell. */
    public CellState state(Plane plane, int row, int col) {
        return CellState.of(state[plane(plane)][index(row, col)]);
    }

    /** Stored G+ conductances now, uS, [rows, cols] (a copy). */
    public INDArray gPlus() {
        return plane(PLUS);
    }

    /** Stored G- conductances now, uS, [rows, cols] (a copy). */
    public INDArray gMinus() {
        return plane(MINUS);
    }

    /** Stored G+ - G- of every pair now, uS, [rows, cols] (a copy; no IR drop or drift: see {@link AnalogTile}). */
    public INDArray difference() {
        return gPlus().subi(gMinus());
    }

    /** Cells in each state, both planes together. */
    public long count(CellState s) {
        long n = 0;
        for (int p = 0; p < 2; p++) {
            for (byte b : state[p]) {
                if (b == s.ordinal()) n++;
            }
        }
        return n;
    }

    /** Time since programming of the whole-array multiply ({@link #mvm}), for drift. */
    public void setSecondsSinceProgramming(double seconds) {
        Check.nonNegative("seconds", seconds);
        secondsSinceProgramming = seconds;
        if (whole != null) whole.setSecondsSinceProgramming(seconds);
    }

    /**
     * The whole array as one layer: x [batch, rows] -> {@code config}'s chain (DAC, a read, IR drop, ADC) -> currents
     * [batch, cols] in input units x uS. One call is one multiply: an evaluation read of every pair.
     */
    public INDArray mvm(INDArray x, MvmConfig config) {
        if (whole == null) {
            whole = AnalogTile.wholeArray(this);
            whole.setSecondsSinceProgramming(secondsSinceProgramming);
        }
        return whole.multiply(x, config);
    }

    /** What {@link #mvm} has done: multiplies, reads, vectors (the array's own {@link #counters()} count its cells' pulses). */
    public Counters mvmCounters() {
        return whole == null ? new Counters() : whole.counters();
    }

    // --- the operations tiles use: counted here and in the tile's own counters ------------------------------------

    /** Forms cell {@code i} of plane {@code p}. */
    void formCell(int p, int i, Counters tile) {
        if (state[p][i] == CellState.UNFORMED.ordinal()) {
            var f = device.forming();
            if (random.at(KeyedRandom.key(seed, p, i, FORM)).nextDouble() < f.formedFraction()) {
                high[p][i] = (float) f.formed().sample(random.at(KeyedRandom.key(seed, p, i, FORM_OK)));
                low[p][i] = (float) device.switching().resetState().sample(random.at(KeyedRandom.key(seed, p, i, RESET_LEVEL)));
                state[p][i] = (byte) CellState.FORMED.ordinal();
            }
        }
        counters.formed++;
        if (tile != null) tile.formed++;
    }

    /** SET pulse: a formed cell goes to its high state (REDRAW: a new draw of the SET state). */
    void setCell(int p, int i, Counters tile) {
        if (state[p][i] != CellState.UNFORMED.ordinal()) {
            if (device.switching().reinstate() == Switching.Reinstate.REDRAW) {
                high[p][i] = (float) device.switching().setState().sample(random.at(KeyedRandom.key(seed, p, i, REDRAW + 8L * switches[p][i]++)));
            }
            state[p][i] = (byte) CellState.SET.ordinal();
        }
        counters.sets++;
        if (tile != null) tile.sets++;
    }

    /** RESET pulse: a formed cell goes to its low state; {@code preparation} counts it as set-up, not a flip. */
    void resetCell(int p, int i, Counters tile, boolean preparation) {
        if (state[p][i] != CellState.UNFORMED.ordinal()) {
            if (device.switching().reinstate() == Switching.Reinstate.REDRAW && state[p][i] != CellState.FORMED.ordinal()) {
                low[p][i] = (float) device.switching().resetState().sample(random.at(KeyedRandom.key(seed, p, i, REDRAW + 8L * switches[p][i]++)));
            }
            state[p][i] = (byte) CellState.RESET.ordinal();
        }
        counters.resets++;
        if (preparation) counters.preparationResets++;
        if (tile != null) {
            tile.resets++;
            if (preparation) tile.preparationResets++;
        }
    }

    /** Write-verify to {@code targetUs} with residual error {@code noise}; returns the pulses spent. */
    int programCell(int p, int i, double targetUs, WriteNoise noise, Counters tile) {
        Check.conductance("targetUs", targetUs);
        Check.notNull("noise", noise);
        var wv = device.writeVerify();
        KeyedRandom r = random.at(KeyedRandom.key(seed, p, i, VERIFY + 8L * switches[p][i]++));
        int pulses = wv.pulses(conductance(p, i), targetUs, r);
        double sigma = noise.sigmaUs(targetUs, wv.rangeUs());
        high[p][i] = (float) Math.max(0, targetUs + sigma * r.nextGaussian());
        state[p][i] = (byte) CellState.PROGRAMMED.ordinal();
        counters.verifyPulses += pulses;
        if (tile != null) tile.verifyPulses += pulses;
        return pulses;
    }

    /** Conductance of cell {@code i} of plane {@code p} in its present state, uS. */
    float conductance(int p, int i) {
        return CellState.of(state[p][i]).high() ? high[p][i] : low[p][i];
    }

    /** The cell's high-state and low-state slots (what SET and RESET return to under RESTORE). */
    float highSlot(int p, int i) { return high[p][i]; }

    float lowSlot(int p, int i) { return low[p][i]; }

    byte stateCode(int p, int i) { return state[p][i]; }

    int switches(int p, int i) { return switches[p][i]; }

    /** Puts a cell back as a checkpoint saved it (not counted: it replays what was counted then). */
    void restoreCell(int p, int i, byte s, float hi, float lo, int switchCount) {
        state[p][i] = s;
        high[p][i] = hi;
        low[p][i] = lo;
        switches[p][i] = switchCount;
    }

    /** Sets a cell's state without a pulse (checkpoint replay). */
    void restoreState(int p, int i, CellState s) {
        state[p][i] = (byte) s.ordinal();
    }

    long externalWrites() { return externalWrites; }

    private INDArray plane(int p) {
        float[] g = new float[high[p].length];
        for (int i = 0; i < g.length; i++) g[i] = conductance(p, i);
        return Nd4j.create(g, new long[]{rows, cols}, 'c');
    }

    private static int plane(Plane plane) {
        return Check.notNull("plane", plane) == Plane.PLUS ? PLUS : MINUS;
    }

    int index(int row, int col) {
        if (row < 0 || row >= rows || col < 0 || col >= cols) {
            throw new IllegalArgumentException("cell (" + row + ", " + col + "): outside the " + rows + " x " + cols
                    + " array");
        }
        return row * cols + col;
    }

    @Override
    public String toString() {
        return "Crossbar[" + rows + " x " + cols + " pairs, " + device.name() + ", formed " + (count(CellState.FORMED)
                + count(CellState.SET) + count(CellState.RESET)) + " of " + 2L * rows * cols + " cells]";
    }

    /** Mix of a cell's slots, for tests: [plane][cell] high and low slots. */
    float[][] slots(int p) {
        return new float[][]{Arrays.copyOf(high[p], high[p].length), Arrays.copyOf(low[p], low[p].length)};
    }
}
