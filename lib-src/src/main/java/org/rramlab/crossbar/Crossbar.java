package org.rramlab.crossbar;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.rramlab.device.Check;
import org.rramlab.device.DeviceModel;
import org.rramlab.device.GaussianNoise;
import org.rramlab.device.NoisePool;
import org.rramlab.device.WriteNoise;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One array of {@code rows x cols} differential pairs: every crosspoint holds a G+ and a G- cell (two planes), so a
 * 512x512 array holds 512x512 weights in 2x262,144 cells. (The paper's macro has 512x512 = 262,144 cells; with both
 * cells of a pair in one row it holds 512x256 pairs: {@code new Crossbar(512, 256, ...)}.) Inputs drive the rows;
 * the output of column j is the current {@code sum_i x_i (G+_ij - G-_ij)}, in input units x uS.
 *
 * <p>Stored state (drawn once): the conductance of every cell, changed only by {@link #formAll}, {@link #set},
 * {@link #reset} and {@link #program}, each counted in {@link #counters()}. Per multiply: the chain of
 * {@link MvmConfig} (DAC, a fresh read, IR drop, ADC). One seeded generator per array: the same seed and the same
 * calls give identical numbers.
 *
 * <p>Read noise in the multiply: by default one call of {@link #mvm} is one read of the array, shared by the batch
 * (as the authors' scripts read once per test batch); {@link MvmConfig.Sampling#PER_VECTOR} reads once per input
 * vector. Only G+ - G- reaches the output, so one N(0, 1) draw per pair scaled by sqrt(sigma+^2 + sigma-^2)
 * replaces the two cell draws: exact in distribution, half the random numbers.
 *
 * <p>Not thread-safe: it reuses its buffers between multiplies; use one array per thread.
 */
public final class Crossbar {
    /** The paper's macro: 512 x 512. */
    public static final int PAPER_SIZE = 512;

    private final int rows, cols;
    private final DeviceModel device;
    private final MvmConfig mvm;
    private final SplittableRandom random;
    private final GaussianNoise noise;
    private final long poolSeed;
    private NoisePool pool;   // made on the first pooled read: 16 MiB
    private final float[] gPlus, gMinus;
    private final Counters counters = new Counters();
    private double secondsSinceProgramming;
    private boolean dirty = true;
    private INDArray difference;   // effective G+ - G- (IR drop, drift), uS
    private INDArray pairSigma;    // read-noise sigma of each pair's difference, uS
    private INDArray pairVariance; // its square, for reads per input vector
    private float[] differenceArray, pairSigmaArray; // the same, on the heap, for the fused read of the whole array
    private final Map<Long, INDArray> readBuffers = new HashMap<>();
    private final Map<Long, INDArray> dacBuffers = new HashMap<>();   // per input shape: the quantised inputs
    private final Quantise dacQuantiser = new Quantise(), adcQuantiser = new Quantise();

    /** A fresh, unformed array (every cell pristine). */
    public Crossbar(int rows, int cols, DeviceModel device, MvmConfig mvm, long seed) {
        Check.arraySize(rows, cols);
        this.rows = rows;
        this.cols = cols;
        this.device = Check.notNull("device", device);
        this.mvm = Check.notNull("mvm", mvm);
        this.random = new SplittableRandom(seed);
        this.noise = new GaussianNoise(random.nextLong());
        this.poolSeed = random.nextLong();
        int n = Math.multiplyExact(rows, cols);
        gPlus = new float[n];
        gMinus = new float[n];
        for (int i = 0; i < n; i++) {
            gPlus[i] = (float) device.forming().pristine().sample(random);
            gMinus[i] = (float) device.forming().pristine().sample(random);
        }
    }

    /** The paper's 512 x 512 array, formed as random differential pairs ({@link #formDifferential()}). */
    public static Crossbar paperMacro(DeviceModel device, MvmConfig mvm, long seed) {
        Crossbar c = new Crossbar(PAPER_SIZE, PAPER_SIZE, device, mvm, seed);
        c.formDifferential();
        return c;
    }

    public int rows() { return rows; }

    public int cols() { return cols; }

    public DeviceModel device() { return device; }

    public MvmConfig mvmConfig() { return mvm; }

    public Counters counters() { return counters; }

    /** Electroforms every cell: each forms with the device's probability and takes a random conductance. */
    public void formAll() {
        for (int i = 0; i < gPlus.length; i++) {
            gPlus[i] = (float) device.formCell(random);
            gMinus[i] = (float) device.formCell(random);
        }
        counters.formed += 2L * gPlus.length;
        dirty = true;
    }

    /**
     * Forms every cell, then RESETs one cell of each pair, picked at random (seeded): each pair becomes
     * formed - low or low - formed, a random signed weight, as the pruning method starts from.
     */
    public void formDifferential() {
        formAll();
        for (int i = 0; i < gPlus.length; i++) {
            resetCell(random.nextBoolean() ? gMinus : gPlus, i);
        }
        dirty = true;
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
        float[] keep = new float[gPlus.length];
        for (int i = 0; i < keep.length; i++) {
            if (random.nextDouble() < keepFraction) {
                keep[i] = 1;
            } else {
                resetCell(gPlus[i] >= gMinus[i] ? gPlus : gMinus, i);
            }
        }
        dirty = true;
        return Nd4j.create(keep, new long[]{rows, cols}, 'c');
    }

    /** Electroforms one cell: formed with the device's probability, at a random conductance (counted). */
    public void form(Plane plane, int row, int col) {
        cells(plane)[index(row, col)] = (float) device.formCell(random);
        counters.formed++;
        dirty = true;
    }

    /** Binary SET of one cell: a new draw from the SET state (one pulse). */
    public void set(Plane plane, int row, int col) {
        int i = index(row, col);
        cells(plane)[i] = (float) device.switching().setState().sample(random);
        counters.sets++;
        dirty = true;
    }

    /** Binary RESET of one cell: a new draw from the RESET (low) state (one pulse). */
    public void reset(Plane plane, int row, int col) {
        resetCell(cells(plane), index(row, col));
        dirty = true;
    }

    private void resetCell(float[] plane, int i) {
        plane[i] = (float) device.switching().resetState().sample(random);
        counters.resets++;
    }

    /**
     * Write-verify programming of one cell to {@code targetUs}; the cell keeps the target plus the residual error of
     * {@code noise} (clipped at 0 uS). Returns the pulses spent (also counted).
     */
    public int program(Plane plane, int row, int col, double targetUs, WriteNoise noise) {
        Check.conductance("targetUs", targetUs);
        Check.notNull("noise", noise);
        float[] cells = cells(plane);
        int i = index(row, col);
        int pulses = device.writeVerify().pulses(cells[i], targetUs, random);
        double sigma = noise.sigmaUs(targetUs, device.writeVerify().rangeUs());
        cells[i] = (float) Math.max(0, targetUs + sigma * random.nextGaussian());
        counters.verifyPulses += pulses;
        dirty = true;
        return pulses;
    }

    /** Stored conductance of one cell, uS (no read noise). */
    public double conductance(Plane plane, int row, int col) {
        return cells(plane)[index(row, col)];
    }

    /** Stored G+ conductances, uS, [rows, cols] (a copy). */
    public INDArray gPlus() {
        return Nd4j.create(gPlus.clone(), new long[]{rows, cols}, 'c');
    }

    /** Stored G- conductances, uS, [rows, cols] (a copy). */
    public INDArray gMinus() {
        return Nd4j.create(gMinus.clone(), new long[]{rows, cols}, 'c');
    }

    /** Conductances as seen by the multiply now (IR drop and drift applied), G+ - G-, uS (a copy). */
    public INDArray effectiveDifference() {
        refresh();
        return difference.dup();
    }

    /** Time since programming, for drift ({@link DeviceModel#drift()}). */
    public void setSecondsSinceProgramming(double seconds) {
        Check.nonNegative("seconds", seconds);
        this.secondsSinceProgramming = seconds;
        dirty = true;
    }

    /**
     * The full chain on the whole array: x [batch, rows] -> DAC -> currents with one fresh read -> ADC.
     * Returns the currents [batch, cols] in input units x uS.
     */
    public INDArray mvm(INDArray x) {
        INDArray xq = mvm.dac().enabled() && x.rank() == 2 ? quantiseInputs(x) : x;
        return mvm.adc().apply(currents(xq, 0, 0, rows, cols), adcQuantiser);
    }

    /** One noisy read of the whole array into the reused read buffer, fresh or pooled. */
    private INDArray wholeRead() {
        refresh();
        INDArray read = readBuffer(rows, cols);
        if (mvm.sampling() == MvmConfig.Sampling.POOLED && differenceArray.length <= NoisePool.DEFAULT_SIZE) {
            if (pool == null) {
                pool = new NoisePool(poolSeed, NoisePool.DEFAULT_SIZE);
            }
            pool.fillRead(read, differenceArray, pairSigmaArray);
        } else {
            noise.fillRead(read, differenceArray, pairSigmaArray);
        }
        return read;
    }

    /**
     * x·w as one GEMM into a new array: {@code Nd4j.gemm} into a fresh output is ~0.2 ms faster than {@code mmul}'s
     * own allocating path at 128×512×512 (a quarter of the chain). Views go through {@code mmul}.
     */
    private static INDArray product(INDArray x, INDArray w) {
        if (x.isView() || w.isView() || x.ordering() != 'c' || w.ordering() != 'c') {
            return x.mmul(w);
        }
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, x.rows(), w.columns());
        Nd4j.gemm(x, w, out, false, false, 1.0, 0.0);
        return out;
    }

    private INDArray quantiseInputs(INDArray x) {
        INDArray into = dacBuffers.computeIfAbsent(((long) x.rows() << 32) | x.columns(),
                k -> Nd4j.createUninitialized(DataType.FLOAT, x.rows(), x.columns()));
        return mvm.dac().apply(x, into, dacQuantiser);
    }

    /**
     * The array stage alone on a block of cells (what tiling uses): currents of columns
     * [colOffset, colOffset + blockCols) for inputs x [batch, blockRows] on rows [rowOffset, rowOffset + blockRows),
     * the other rows held at 0 V. One fresh read of the block when the chain has read noise.
     */
    public INDArray currents(INDArray x, int rowOffset, int colOffset, int blockRows, int blockCols) {
        checkBlock(x, rowOffset, colOffset, blockRows, blockCols);
        refresh();
        boolean whole = rowOffset == 0 && colOffset == 0 && blockRows == rows && blockCols == cols;
        INDArray diff = whole ? difference : difference.get(NDArrayIndex.interval(rowOffset, rowOffset + blockRows),
                NDArrayIndex.interval(colOffset, colOffset + blockCols));
        count(x, blockRows, blockCols);
        INDArray xf = asFloat(x);
        if (!(mvm.readNoise() && device.hasReadNoise())) {
            return product(xf, diff);
        }
        if (mvm.sampling() == MvmConfig.Sampling.PER_VECTOR) {
            INDArray variance = whole ? pairVariance : pairVariance.get(
                    NDArrayIndex.interval(rowOffset, rowOffset + blockRows),
                    NDArrayIndex.interval(colOffset, colOffset + blockCols));
            INDArray sd = Transforms.sqrt(xf.mul(xf).mmul(variance), false);
            INDArray z = Nd4j.createUninitialized(DataType.FLOAT, sd.shape());
            noise.fill(z);
            return xf.mmul(diff).addi(z.muli(sd));
        }
        if (whole) {
            return product(xf, wholeRead());
        }
        INDArray sigma = whole ? pairSigma : pairSigma.get(NDArrayIndex.interval(rowOffset, rowOffset + blockRows),
                NDArrayIndex.interval(colOffset, colOffset + blockCols));
        INDArray read = readBuffer(blockRows, blockCols);
        noise.fill(read);
        read.muli(sigma).addi(diff);
        return xf.mmul(read);
    }

    private void checkBlock(INDArray x, int rowOffset, int colOffset, int blockRows, int blockCols) {
        if (x.rank() != 2 || x.columns() != blockRows) {
            throw new IllegalArgumentException("x: shape " + java.util.Arrays.toString(x.shape()) + ", expected [batch, "
                    + blockRows + "]");
        }
        if (rowOffset < 0 || colOffset < 0 || blockRows <= 0 || blockCols <= 0 || rowOffset + blockRows > rows
                || colOffset + blockCols > cols) {
            throw new IllegalArgumentException("block rows " + rowOffset + "+" + blockRows + ", cols " + colOffset + "+"
                    + blockCols + ": outside the " + rows + " x " + cols + " array");
        }
    }

    private void count(INDArray x, int blockRows, int blockCols) {
        counters.mvms++;
        counters.inputVectors += x.rows();
        counters.cellReads += 2L * blockRows * blockCols;
    }

    private static INDArray asFloat(INDArray x) {
        return x.dataType() == DataType.FLOAT ? x : x.castTo(DataType.FLOAT);
    }

    /** The reused buffer one read of a block is drawn into (its product is a new array, so reuse is safe). */
    private INDArray readBuffer(int blockRows, int blockCols) {
        return readBuffers.computeIfAbsent(((long) blockRows << 32) | blockCols,
                k -> Nd4j.createUninitialized(DataType.FLOAT, blockRows, blockCols));
    }

    /** Rebuilds the effective difference and the pair read-noise sigma after any cell changed. */
    private void refresh() {
        if (!dirty) {
            return;
        }
        double drift = device.drift().factor(secondsSinceProgramming);
        double rel = device.readNoise().relative(), add = device.readNoise().additiveUs();
        float[] diff = new float[gPlus.length], sig = new float[gPlus.length];
        IrDrop ir = mvm.irDrop();
        for (int r = 0, i = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++, i++) {
                double p = gPlus[i] * drift, m = gMinus[i] * drift;
                p *= ir.attenuation(p, r, c, rows);
                m *= ir.attenuation(m, r, c, rows);
                diff[i] = (float) (p - m);
                sig[i] = (float) Math.sqrt(rel * rel * (p * p + m * m) + 2 * add * add);
            }
        }
        differenceArray = diff;
        pairSigmaArray = sig;
        difference = Nd4j.create(diff, new long[]{rows, cols}, 'c');
        pairSigma = Nd4j.create(sig, new long[]{rows, cols}, 'c');
        pairVariance = pairSigma.mul(pairSigma);
        dirty = false;
    }

    private float[] cells(Plane plane) {
        return Check.notNull("plane", plane) == Plane.PLUS ? gPlus : gMinus;
    }

    private int index(int row, int col) {
        if (row < 0 || row >= rows || col < 0 || col >= cols) {
            throw new IllegalArgumentException("cell (" + row + ", " + col + "): outside the " + rows + " x " + cols
                    + " array");
        }
        return row * cols + col;
    }
}
