package org.rramlab.crossbar;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rramlab.util.Check;
import org.rramlab.device.DeviceModel;
import org.rramlab.device.GaussianNoise;
import org.rramlab.device.NoisePool;
import org.rramlab.device.Switching;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * One layer's weight matrix on the arrays of a {@link Macro}: the analogue tile a masked layer takes its products
 * from (IBM aihwkit's tile, with pruning on its own cells). The layer's weights {@code W [out, in]} (a convolution's
 * {@code [out, in*kh*kw]}, the matrix it multiplies after im2col) sit on one or more {@link Block}s; edge
 * {@code e = o * in + i} (the weight tensor's C order) is the pair at one row and column of one array.
 *
 * <p>The tile owns no conductances: the cells are those of the {@link Crossbar}s, the one store. What the tile keeps is
 * derived from them and rebuilt whenever they change: each pair's stored weight and read-noise standard deviation in
 * layer order ({@code scale x (G+ - G-)} with IR drop and drift applied), so that a read of the whole layer is one
 * fused pass ({@link GaussianNoise#fillRead}).
 *
 * <p>Reads, in weight units:
 * <ul>
 *   <li>{@link #trainingRead}: the read training multiplies with, each cell's read noise frozen per state (a keyed draw of
 *       the cell, its state and the read's index): one read of the formed array kept for the whole run (the authors'
 *       scripts), or a new one per step ({@link MvmConfig.TrainingRead#FRESH_PER_STEP});</li>
 *   <li>{@link #freshRead}: an evaluation read, new noise every call (one per test batch).</li>
 * </ul>
 * The layer's {@link MvmChain} sets the tile's {@link MvmConfig} ({@link #configure}) and does the DAC and ADC stages.
 *
 * <p>Three uses: {@link Use#PRUNING} (formed cells, random signs; {@link #setKept} prunes and reinstates edges by RESET
 * and SET of the formed cell), {@link Use#PROGRAMMED} (write-verified trained weights) and {@link Use#ARRAY} (a whole
 * array as one matrix, scale 1: {@link Crossbar#mvm}). Not thread-safe.
 */
public final class AnalogTile {

    /** What the tile's cells hold. */
    public enum Use { PRUNING, PROGRAMMED, ARRAY }

    private static final long FROZEN = 0x46524F5A454EL;   // key space of the frozen training reads
    private static final long DRIFT = 0x445249465453L;    // key space of each cell's drift draws

    private final String name;
    private final Use use;
    private final long[] shape;
    private final int out, in;
    private final List<Block> blocks;
    private final List<Crossbar> arrays;
    private final DeviceModel device;
    private final Macro macro;
    private double scale;
    private final int[] arrayOf, cellOf;
    private final boolean[] formedPlus;
    private final boolean[] kept;          // PRUNING: which edges the controller has set kept (a cell that did not form ignores its pulses)
    private final Counters counters = new Counters();
    private final GaussianNoise noise;
    private final long poolSeed;
    private NoisePool pool;
    private MvmConfig config = MvmConfig.ideal();
    private double seconds;
    private boolean driftCompensation;
    private double compensation = 1;   // the global output scale of the last refresh (1: none)
    private float[] mean, sigma;
    private boolean valid;
    private final long[] seen;
    private MvmChain arrayChain;
    private INDArray arrayRead;   // the whole-array multiply's reused read buffer
    private long configVersion;

    AnalogTile(Macro macro, String name, Use use, long[] shape, List<Block> blocks, List<Crossbar> arrays, double scale,
               boolean[] formedPlus, long seed) {
        this.macro = macro;
        this.name = name;
        this.use = use;
        this.shape = shape.clone();
        this.out = (int) shape[0];
        long n = 1;
        for (long d : shape) n *= d;
        this.in = (int) (n / out);
        this.blocks = List.copyOf(blocks);
        this.arrays = arrays;
        this.device = arrays.get(blocks.get(0).array()).device();
        this.scale = scale;
        this.formedPlus = formedPlus;
        this.kept = formedPlus == null ? null : new boolean[formedPlus.length];
        if (kept != null) java.util.Arrays.fill(kept, true);
        this.arrayOf = new int[(int) n];
        this.cellOf = new int[(int) n];
        for (Block b : blocks) {
            int cols = arrays.get(b.array()).cols();
            for (int r = 0; r < b.rows(); r++) {
                for (int c = 0; c < b.cols(); c++) {
                    int e = (b.outOffset() + c) * in + b.inOffset() + r;
                    arrayOf[e] = b.array();
                    cellOf[e] = (b.rowOffset() + r) * cols + b.colOffset() + c;
                }
            }
        }
        this.noise = new GaussianNoise(seed ^ 0x5DEECE66DL);
        this.poolSeed = seed ^ 0x2545F4914F6CDD1DL;
        this.seen = new long[arrays.size()];
    }

    /** Sets the scale of a pruning tile once its cells are formed (the scale depends on them). */
    void initialiseScale(double s) {
        if (!Double.isNaN(scale)) throw new IllegalStateException("tile " + name + ": scale already set");
        scale = s;
        valid = false;
    }

    /** The whole of {@code array} as one matrix [cols, rows] (outputs on columns), scale 1: currents in uS. */
    static AnalogTile wholeArray(Crossbar array) {
        Block all = new Block(0, 0, 0, array.rows(), array.cols(), 0, 0);
        return new AnalogTile(null, "array", Use.ARRAY, new long[]{array.cols(), array.rows()}, List.of(all), List.of(array), 1,
                null, array.seed());
    }

    public String name() { return name; }

    public Use use() { return use; }

    /** The weight tensor's shape, e.g. [out, in] or [out, in, kh, kw]. */
    public long[] shape() { return shape.clone(); }

    public int outputs() { return out; }

    /** Inputs per output (array rows used): in x kh x kw for a convolution. */
    public int inputs() { return in; }

    public long edges() { return (long) out * in; }

    /** Weight units per uS: weight = scale x (G+ - G-). */
    public double scale() { return scale; }

    public List<Block> blocks() { return blocks; }

    public DeviceModel device() { return device; }

    /** The macro the tile is placed on (null for a bare array's whole-array view). */
    public Macro macro() { return macro; }

    /** This layer's operations: forming, SET, RESET, write-verify, reads and the vectors multiplied. */
    public Counters counters() { return counters; }

    public MvmConfig config() { return config; }

    /** Sets the chain whose reads this tile serves (read noise, sampling, IR drop); done by the layer's {@link MvmChain}. */
    public void configure(MvmConfig c) {
        Check.notNull("config", c);
        if (!c.irDrop().equals(config.irDrop()) || c.readNoise() != config.readNoise()
                || c.trainingRead() != config.trainingRead()) {
            valid = false;
            configVersion++;
        }
        config = c;
    }

    /** Counts the changes of the settings reads depend on (read noise, IR drop, drift, training read). */
    public long configVersion() { return configVersion; }

    /** Time since the cells were programmed (drift, {@link DeviceModel#drift()}), seconds. */
    public void setSecondsSinceProgramming(double s) {
        Check.nonNegative("seconds", s);
        if (s != seconds) {
            valid = false;
            configVersion++;
        }
        seconds = s;
    }

    public double secondsSinceProgramming() { return seconds; }

    /**
     * Global drift compensation (aihwkit's GlobalDriftCompensation): the tile's outputs are scaled digitally by
     * {@code sum_o |sum_i W(t0)[o, i]| / sum_o |sum_i W(t)[o, i]|}, the ratio of a reference read with all inputs at 1
     * taken right after programming and now. The reference is the stored weights (noise-free), so the scale is
     * deterministic. Evaluation reads only; training reads are not compensated.
     */
    public void setDriftCompensation(boolean on) {
        if (on != driftCompensation) {
            valid = false;
            configVersion++;
        }
        driftCompensation = on;
    }

    public boolean driftCompensation() { return driftCompensation; }

    /** The output scale drift compensation applies now (1 when off or before t0). */
    public double compensationScale() {
        refresh();
        return compensation;
    }

    // --- pruning ------------------------------------------------------------------------------------------------

    /**
     * Whether edge {@code e} is kept: its formed cell was last SET (or never RESET). This is the controller's record:
     * a cell that did not form takes the pulses (they are counted) without changing, so its state alone cannot say.
     */
    public boolean isKept(int e) {
        requirePruning("isKept");
        return kept[e];
    }

    /** The plane of edge {@code e}'s formed cell: the sign of its weight. */
    public Plane formedPlane(int e) {
        requirePruning("formedPlane");
        return formedPlus[e] ? Plane.PLUS : Plane.MINUS;
    }

    /**
     * Keeps (SET) or prunes (RESET) edge {@code e}: one pulse on its formed cell, counted in this tile's and the array's
     * counters; nothing when it already is so.
     */
    public void setKept(int e, boolean kept) {
        if (isKept(e) == kept) return;
        int p = formedPlus[e] ? Crossbar.PLUS : Crossbar.MINUS;
        Crossbar a = arrays.get(arrayOf[e]);
        if (kept) a.setCell(p, cellOf[e], counters); else a.resetCell(p, cellOf[e], counters, false);
        this.kept[e] = kept;
        refreshEdge(e);
    }

    /** Prunes edge {@code e} while preparing the array (the initial prune from an all-kept array): not a flip. */
    public void prepareRemoved(int e) {
        if (!isKept(e)) return;
        int p = formedPlus[e] ? Crossbar.PLUS : Crossbar.MINUS;
        arrays.get(arrayOf[e]).resetCell(p, cellOf[e], counters, true);
        kept[e] = false;
        refreshEdge(e);
    }

    private void requirePruning(String what) {
        if (use != Use.PRUNING) {
            throw new IllegalStateException("tile " + name + " (" + use + "): " + what + " needs a tile formed for pruning "
                    + "(Macro.formForPruning)");
        }
    }

    // --- reads --------------------------------------------------------------------------------------------------

    /**
     * The training read of a pruning tile: each edge's weight kept ({@code sign (G_formed - G_low)}) and pruned
     * ({@code sign (G_reset - G_low)}), each cell read with its noise frozen for read number {@code read} (0 for the
     * one read of the whole run). Not counted: the caller counts a new read with {@link #countRead()} (a re-read of the
     * same read after a checkpoint or a switch is not a new read).
     */
    public void trainingRead(long read, float[] whenKept, float[] whenPruned) {
        requirePruning("trainingRead");
        checkLength("whenKept", whenKept);
        checkLength("whenPruned", whenPruned);
        for (int e = 0; e < whenKept.length; e++) {
            readEdge(read, e, whenKept, whenPruned);
        }
    }

    /** {@link #trainingRead(long, float[], float[])} of the first {@code count} edges listed (after a REDRAW switch). */
    public void trainingRead(long read, int[] edgeList, int count, float[] whenKept, float[] whenPruned) {
        requirePruning("trainingRead");
        for (int k = 0; k < count; k++) {
            readEdge(read, edgeList[k], whenKept, whenPruned);
        }
    }

    /** Counts one read of the whole tile (a new training read; evaluation reads count themselves). */
    public void countRead() {
        counters.reads++;
    }

    /** Whether a SET or RESET changes a cell's slot (REDRAW): then re-read the switched edges' training values. */
    public boolean switchingRedraws() {
        return device.switching().reinstate() == Switching.Reinstate.REDRAW;
    }

    private void readEdge(long read, int e, float[] whenKept, float[] whenPruned) {
        Crossbar a = arrays.get(arrayOf[e]);
        int hp = formedPlus[e] ? Crossbar.PLUS : Crossbar.MINUS, lp = 1 - hp, cell = cellOf[e];
        double hi = frozenCell(a, e, hp, cell, a.highSlot(hp, cell), true, read);
        double lo = frozenCell(a, e, hp, cell, a.lowSlot(hp, cell), false, read);
        double other = frozenCell(a, e, lp, cell, a.conductance(lp, cell), CellState.of(a.stateCode(lp, cell)).high(), read);
        double sign = formedPlus[e] ? scale : -scale;
        whenKept[e] = (float) (sign * (hi - other));
        whenPruned[e] = (float) (sign * (lo - other));
    }

    /**
     * The training read of the tile's cells as they are now (a programmed or whole-array tile, or a pruning tile's
     * current states), noise frozen for read number {@code read}; weight units, layer order. Not counted
     * ({@link #countRead()}).
     */
    public void trainingRead(long read, float[] weights) {
        checkLength("weights", weights);
        for (int e = 0; e < weights.length; e++) {
            Crossbar a = arrays.get(arrayOf[e]);
            int cell = cellOf[e];
            double p = frozenCell(a, e, Crossbar.PLUS, cell, a.conductance(Crossbar.PLUS, cell),
                    CellState.of(a.stateCode(Crossbar.PLUS, cell)).high(), read);
            double m = frozenCell(a, e, Crossbar.MINUS, cell, a.conductance(Crossbar.MINUS, cell),
                    CellState.of(a.stateCode(Crossbar.MINUS, cell)).high(), read);
            weights[e] = (float) (scale * (p - m));
        }
    }

    /** One cell as a frozen read sees it: drift, IR drop, then its read noise frozen for (cell, state, read). */
    private double frozenCell(Crossbar a, int e, int plane, int cell, double g, boolean highState, long read) {
        double eff = effective(e, drifted(a, plane, cell, g, highState));
        if (!config.readNoise() || !device.hasReadNoise()) return eff;
        double z = KeyedRandom.gaussian(KeyedRandom.key(a.seed() ^ FROZEN, plane, cell, 2 * read + (highState ? 1 : 0)));
        return eff + device.readNoise().sigmaUs(eff) * readNoiseGrowth() * z;
    }

    /**
     * An evaluation read: every pair in its present state with fresh read noise (or none when the chain has read
     * noise off), written into {@code into} [out, in] (dense C-ordered FLOAT), weight units. Counted as one read.
     */
    public void freshRead(INDArray into) {
        refresh();
        if (into.dataType() != DataType.FLOAT || into.isView() || into.ordering() != 'c' || into.length() != mean.length) {
            throw new IllegalArgumentException("tile " + name + ": read target " + Arrays.toString(into.shape()) + " "
                    + into.dataType() + ", expected a dense C-ordered FLOAT array of " + mean.length + " weights");
        }
        counters.reads++;
        if (!noisy() || config.sampling() == MvmConfig.Sampling.PER_VECTOR) {
            FloatBuffer buffer = into.data().asNioFloat();
            buffer.put(0, mean, 0, mean.length);   // PER_VECTOR: the chain draws the noise on the outputs
            return;
        }
        if (config.sampling() == MvmConfig.Sampling.POOLED && mean.length <= NoisePool.DEFAULT_SIZE) {
            if (pool == null) pool = new NoisePool(poolSeed, NoisePool.DEFAULT_SIZE);
            pool.fillRead(into, mean, sigma);
        } else {
            noise.fillRead(into, mean, sigma);
        }
    }

    /** Whether reads draw noise (the chain has read noise on and the device has some). */
    public boolean noisy() {
        return config.readNoise() && device.hasReadNoise();
    }

    /** The stored weights of the present states, no read noise (IR drop and drift applied), of {@link #shape()} (a copy). */
    public INDArray storedWeights() {
        refresh();
        return Nd4j.create(mean.clone(), shape, 'c');
    }

    /** The read-noise variance of each pair in weight units squared, layer order (PER_VECTOR sampling). */
    float[] variance() {
        refresh();
        float[] v = new float[sigma.length];
        for (int e = 0; e < v.length; e++) v[e] = sigma[e] * sigma[e];
        return v;
    }

    /** The generator of fresh reads (and of a chain's per-vector output noise): one state to checkpoint. */
    GaussianNoise noise() { return noise; }

    /** Fresh-read generator state (checkpoints). */
    public long readNoiseState() { return noise.draws(); }

    public void restoreReadNoiseState(long draws) { noise.seek(draws); }

    /** Fraction of the pruning tile's edges kept now (1 for other uses). */
    public double keptFraction() {
        if (use != Use.PRUNING) return 1;
        long k = 0;
        for (boolean b : kept) if (b) k++;
        return k / (double) arrayOf.length;
    }

    /**
     * Mean conductance of a pair's two cells now, uS (the array-read energy of the energy model: both cells of every
     * pair conduct during a read).
     */
    public double meanPairConductanceUs() {
        double sum = 0;
        for (int e = 0; e < arrayOf.length; e++) {
            Crossbar a = arrays.get(arrayOf[e]);
            sum += a.conductance(Crossbar.PLUS, cellOf[e]) + a.conductance(Crossbar.MINUS, cellOf[e]);
        }
        return sum / arrayOf.length;
    }

    /** The array each edge sits on, and its cell index there (layer order): the placement as used. */
    public int arrayOf(int e) { return arrayOf[e]; }

    public int cellOf(int e) { return cellOf[e]; }

    /** The layer's multiply through its own chain when used as a bare matrix (a whole array: {@link Crossbar#mvm}). */
    INDArray multiply(INDArray x, MvmConfig c) {
        if (arrayChain == null || !arrayChain.config().equals(c)) {
            arrayChain = new MvmChain(name, c, this);
        }
        if (arrayRead == null) arrayRead = Nd4j.createUninitialized(DataType.FLOAT, out, in);
        freshRead(arrayRead);
        return arrayChain.dense(arrayChain.input(x.castTo(DataType.FLOAT)), arrayRead, false, x.rank() == 2 ? x.rows() : 0);
    }

    // --- checkpoints ----------------------------------------------------------------------------------------------

    /** The cells of this tile as they are, with the counters: enough to put them back exactly ({@link #restore}). */
    public long[] snapshotCounters() { return counters.toArray(); }

    /** The state of both cells of every pair (and their slots when switching redraws them), for checkpoints. */
    public byte[] snapshot() {
        boolean slots = switchingRedraws() || use == Use.PROGRAMMED;
        int n = arrayOf.length, per = slots ? 2 * (1 + 4 + 4 + 4) : 2;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1 + n * (per + 1));
        b.put((byte) (slots ? 1 : 0));
        for (int e = 0; e < n; e++) {
            Crossbar a = arrays.get(arrayOf[e]);
            b.put((byte) (kept != null && kept[e] ? 1 : 0));
            for (int p = 0; p < 2; p++) {
                b.put(a.stateCode(p, cellOf[e]));
                if (slots) {
                    b.putFloat(a.highSlot(p, cellOf[e]));
                    b.putFloat(a.lowSlot(p, cellOf[e]));
                    b.putInt(a.switches(p, cellOf[e]));
                }
            }
        }
        return b.array();
    }

    /** Puts back what {@link #snapshot} and {@link #snapshotCounters} saved (not counted again). */
    public void restore(byte[] cells, long[] counts) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(cells);
        boolean slots = b.get() == 1;
        int per = slots ? 2 * (1 + 4 + 4 + 4) : 2;
        if (cells.length != 1 + arrayOf.length * (per + 1)) {
            throw new IllegalArgumentException("tile " + name + ": saved cells of " + cells.length + " bytes do not fit its "
                    + arrayOf.length + " pairs");
        }
        for (int e = 0; e < arrayOf.length; e++) {
            Crossbar a = arrays.get(arrayOf[e]);
            boolean k = b.get() == 1;
            if (kept != null) kept[e] = k;
            for (int p = 0; p < 2; p++) {
                byte s = b.get();
                if (slots) {
                    a.restoreCell(p, cellOf[e], s, b.getFloat(), b.getFloat(), b.getInt());
                } else {
                    a.restoreState(p, cellOf[e], CellState.of(s));
                }
            }
        }
        counters.restore(counts);
        valid = false;
    }

    // --- the derived caches ---------------------------------------------------------------------------------------

    /**
     * Cell (plane, cell) of array {@code a}, stored {@code g} uS at t0, as it conducts now: its own drift exponent and
     * relaxation are keyed draws of the array's seed, the cell, its programming events and its state, so a reprogrammed
     * or switched cell drifts afresh and the same seed gives the same drift. Exactly {@code g} up to t0.
     */
    private double drifted(Crossbar a, int plane, int cell, double g, boolean highState) {
        var d = device.drift();
        if (seconds <= d.t0Seconds() || d.isNone()) return g;
        long k = KeyedRandom.key(a.seed() ^ DRIFT, plane, cell, 2L * a.switches(plane, cell) + (highState ? 1 : 0));
        return d.conductance(g, seconds, KeyedRandom.gaussian(k), KeyedRandom.gaussian(KeyedRandom.mix(k ^ DRIFT)));
    }

    private double readNoiseGrowth() {
        return device.drift().readNoiseGrowth(seconds);
    }

    private boolean compensating() {
        return driftCompensation && seconds > device.drift().t0Seconds() && !device.drift().isNone();
    }

    /** Conductance g (uS, drifted) as the multiply sees it at edge e's position: IR drop of its wires. */
    private double effective(int e, double g) {
        if (!config.irDrop().enabled()) return g;
        Crossbar a = arrays.get(arrayOf[e]);
        int row = cellOf[e] / a.cols(), col = cellOf[e] % a.cols();
        return g * config.irDrop().attenuation(g, row, col, a.rows());
    }

    private void refresh() {
        if (valid) {
            for (int k = 0; k < seen.length && k < arrays.size(); k++) {
                if (arrays.get(k).externalWrites() != seen[k]) {
                    valid = false;
                    break;
                }
            }
        }
        if (valid) return;
        if (mean == null) {
            mean = new float[arrayOf.length];
            sigma = new float[arrayOf.length];
        }
        for (int e = 0; e < arrayOf.length; e++) computeEdge(e);
        compensation = compensating() ? referenceRatio() : 1;
        if (compensation != 1) {
            for (int e = 0; e < mean.length; e++) {
                mean[e] = (float) (mean[e] * compensation);
                sigma[e] = (float) (sigma[e] * compensation);
            }
        }
        for (int k = 0; k < seen.length && k < arrays.size(); k++) seen[k] = arrays.get(k).externalWrites();
        valid = true;
    }

    private void refreshEdge(int e) {
        if (valid && compensation != 1) {
            valid = false;   // the global scale depends on every edge
        } else if (valid) {
            computeEdge(e);
        }
    }

    /** The compensation scale: |reference read| right after programming over |reference read| now (inputs all 1). */
    private double referenceRatio() {
        double then = 0, now = 0;
        for (int o = 0; o < out; o++) {
            double sumThen = 0, sumNow = 0;
            for (int i = 0; i < in; i++) {
                int e = o * in + i;
                Crossbar a = arrays.get(arrayOf[e]);
                sumThen += effective(e, a.conductance(Crossbar.PLUS, cellOf[e])) - effective(e, a.conductance(Crossbar.MINUS, cellOf[e]));
                sumNow += mean[e];
            }
            then += Math.abs(scale * sumThen);
            now += Math.abs(sumNow);
        }
        return now > 0 && then > 0 ? then / now : 1;
    }

    private void computeEdge(int e) {
        Crossbar a = arrays.get(arrayOf[e]);
        int cell = cellOf[e];
        double p = effective(e, drifted(a, Crossbar.PLUS, cell, a.conductance(Crossbar.PLUS, cell),
                CellState.of(a.stateCode(Crossbar.PLUS, cell)).high()));
        double m = effective(e, drifted(a, Crossbar.MINUS, cell, a.conductance(Crossbar.MINUS, cell),
                CellState.of(a.stateCode(Crossbar.MINUS, cell)).high()));
        mean[e] = (float) (scale * (p - m));
        if (noisy()) {
            double growth = readNoiseGrowth();
            double sp = device.readNoise().sigmaUs(p) * growth, sm = device.readNoise().sigmaUs(m) * growth;
            sigma[e] = (float) (scale * Math.sqrt(sp * sp + sm * sm));
        } else {
            sigma[e] = 0;
        }
    }

    private void checkLength(String what, float[] v) {
        if (v == null || v.length != arrayOf.length) {
            throw new IllegalArgumentException("tile " + name + ": " + what + " has " + (v == null ? "null" : v.length)
                    + " values, expected " + arrayOf.length);
        }
    }

    @Override
    public String toString() {
        return "AnalogTile[" + name + " " + use.name().toLowerCase(java.util.Locale.ROOT) + " " + Arrays.toString(shape)
                + " on " + blocks.size() + " block(s), " + config + "]";
    }
}
