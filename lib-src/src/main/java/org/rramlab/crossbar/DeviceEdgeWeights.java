package org.rramlab.crossbar;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.rramlab.device.DeviceModel;
import org.rramlab.device.GaussianNoise;
import org.rramlab.prune.EdgeWeights;
import org.rramlab.prune.EdgeWeightsFactory;
import org.rramlab.prune.SoftwareEdgeWeights;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The edges of one layer as differential pairs on a freshly formed array: the weights edge pruning trains on.
 *
 * <p>Each weight is a pair of cells. A fixed random sign (seeded) picks which cell of the pair is the formed, high
 * one; the other is in the RESET (low) state. A kept edge reads {@code sign * (G_formed - G_low)}; a pruned edge has
 * its formed cell RESET and reads {@code sign * (G_reset - G_low)}, a small residual, not zero. Conductances (uS)
 * become weights through one per-layer {@link #scale()} chosen so that the kept weights' standard deviation is
 * {@code 2 / sqrt(fanIn)} (the authors' signed-constant scale).
 *
 * <p>Stored: the three conductances per edge, drawn once by {@link #form}. Each {@link #read} draws fresh read noise
 * for every cell when the device has it; the low cell's noise is shared by the kept and pruned value of the same
 * read (it is the same physical cell).
 */
public final class DeviceEdgeWeights implements EdgeWeights {
    private final DeviceModel device;
    private final long[] shape;
    private final double scale;
    private final INDArray sign;
    private final INDArray gFormed;
    private final INDArray gLow;
    private final INDArray gReset;
    private final INDArray signScale;
    private final INDArray keptStored;
    private final INDArray prunedStored;
    private final GaussianNoise noise;
    private INDArray sigmaFormed, sigmaLow, sigmaReset, zLow;
    private long reads;

    private DeviceEdgeWeights(DeviceModel device, long[] shape, double scale, INDArray sign, INDArray gFormed,
                              INDArray gLow, INDArray gReset, long seed) {
        this.device = device;
        this.shape = shape;
        this.scale = scale;
        this.sign = sign;
        this.gFormed = gFormed;
        this.gLow = gLow;
        this.gReset = gReset;
        this.signScale = sign.mul(scale);
        this.keptStored = gFormed.sub(gLow).muli(signScale);
        this.prunedStored = gReset.sub(gLow).muli(signScale);
        this.noise = new GaussianNoise(seed ^ 0x5DEECE66DL);
    }

    /** Factory for model builders: every layer's cells formed on {@code device} (as {@link SoftwareEdgeWeights#factory}). */
    public static EdgeWeightsFactory factory(DeviceModel device) {
        if (device == null) {
            throw new IllegalArgumentException("device is null: expected a DeviceModel, e.g. DeviceModel.taox40nm()");
        }
        return (shape, fanIn, seed) -> form(device, shape, fanIn, seed);
    }

    /**
     * Forms the cells of a layer whose weight tensor has {@code shape}.
     *
     * @param device the cell model (forming, RESET state, read noise)
     * @param shape  the weight tensor's shape, e.g. {@code [out, in]} or {@code [out, in, kh, kw]}
     * @param fanIn  inputs per output (in * kh * kw), > 0: sets the scale 2 / sqrt(fanIn)
     * @param seed   same seed, same conductances, signs and read noise sequence
     */
    public static DeviceEdgeWeights form(DeviceModel device, long[] shape, int fanIn, long seed) {
        if (device == null) {
            throw new IllegalArgumentException("device is null: expected a DeviceModel, e.g. DeviceModel.taox40nm()");
        }
        int n = (int) Shapes.elements("shape", shape);
        if (fanIn <= 0) {
            throw new IllegalArgumentException("fanIn = " + fanIn + ": expected > 0 (inputs per output)");
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[] s = new float[n], f = new float[n], l = new float[n], r = new float[n];
        double sum = 0, sumSq = 0;
        for (int i = 0; i < n; i++) {
            s[i] = random.nextBoolean() ? 1f : -1f;
            f[i] = (float) device.formCell(random);
            l[i] = (float) device.switching().resetState().sample(random);
            r[i] = (float) device.switching().resetState().sample(random);
            double kept = s[i] * ((double) f[i] - l[i]);
            sum += kept;
            sumSq += kept * kept;
        }
        double mean = sum / n;
        double std = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
        if (!(std > 0)) {
            throw new IllegalStateException("device " + device.name() + ": kept weights of shape " + Arrays.toString(shape)
                    + " have no spread (std 0 uS); cannot scale them to 2/sqrt(fanIn)");
        }
        double scale = 2 / Math.sqrt(fanIn) / std;
        long[] sh = shape.clone();
        return new DeviceEdgeWeights(device, sh, scale, Nd4j.create(s, sh, 'c'), Nd4j.create(f, sh, 'c'),
                Nd4j.create(l, sh, 'c'), Nd4j.create(r, sh, 'c'), seed);
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public boolean isNoisy() {
        return device.hasReadNoise();
    }

    @Override
    public void read(INDArray whenKept, INDArray whenPruned) {
        Shapes.same("whenKept", whenKept, shape);
        Shapes.same("whenPruned", whenPruned, shape);
        reads++;
        if (!isNoisy()) {
            whenKept.assign(keptStored);
            whenPruned.assign(prunedStored);
            return;
        }
        if (sigmaFormed == null) {
            sigmaFormed = sigma(gFormed);
            sigmaLow = sigma(gLow);
            sigmaReset = sigma(gReset);
            zLow = Nd4j.createUninitialized(DataType.FLOAT, shape);
        }
        noise.fill(zLow);
        zLow.muli(sigmaLow).addi(gLow);
        fillRead(whenKept, sigmaFormed, gFormed);
        whenKept.subi(zLow).muli(signScale);
        fillRead(whenPruned, sigmaReset, gReset);
        whenPruned.subi(zLow).muli(signScale);
    }

    /** target = g + sigma * z with fresh z; through a float buffer when target is not FLOAT. */
    private void fillRead(INDArray target, INDArray sigma, INDArray g) {
        if (target.dataType() == DataType.FLOAT) {
            noise.fill(target);
            target.muli(sigma).addi(g);
        } else {
            INDArray z = Nd4j.createUninitialized(DataType.FLOAT, shape);
            noise.fill(z);
            target.assign(z.muli(sigma).addi(g));
        }
    }

    /** Read-noise standard deviation of each cell, uS: sqrt((relative G)^2 + additive^2). */
    private INDArray sigma(INDArray g) {
        double rel = device.readNoise().relative(), add = device.readNoise().additiveUs();
        return Transforms.sqrt(g.mul(g).muli(rel * rel).addi(add * add), false);
    }

    /** Fills drawn so far by the read-noise generator (see {@link GaussianNoise#draws()}). */
    @Override
    public long readNoiseState() {
        return noise.draws();
    }

    @Override
    public void restoreReadNoiseState(long state) {
        noise.seek(state);
    }

    /** Weight units per uS: weight = scale x (G+ - G-). */
    public double scale() {
        return scale;
    }

    public DeviceModel device() {
        return device;
    }

    /** Reads done so far (each {@link #read} reads every cell once). */
    public long reads() {
        return reads;
    }

    /** Conductance of each pair's G+ cell with the edge kept, uS (a copy, shape {@link #shape()}). */
    public INDArray gPlus() {
        INDArray pos = sign.add(1).muli(0.5);
        return gFormed.mul(pos).addi(gLow.mul(pos.rsub(1)));
    }

    /** Conductance of each pair's G- cell with the edge kept, uS (a copy). */
    public INDArray gMinus() {
        INDArray pos = sign.add(1).muli(0.5);
        return gLow.mul(pos).addi(gFormed.mul(pos.rsub(1)));
    }

    /** The formed (high) cell of each pair, uS (a copy). */
    public INDArray gFormed() {
        return gFormed.dup();
    }

    /** The low cell of each pair, uS (a copy). */
    public INDArray gLow() {
        return gLow.dup();
    }

    /** The formed cell after RESET (a pruned edge), uS (a copy). */
    public INDArray gReset() {
        return gReset.dup();
    }

    /** The fixed sign of each pair, +1 (formed cell is G+) or -1 (a copy). */
    public INDArray sign() {
        return sign.dup();
    }

    /** The stored (noise-free) kept weights, weight units (a copy). */
    public INDArray keptWeights() {
        return keptStored.dup();
    }

    /** The stored (noise-free) pruned residuals, weight units (a copy). */
    public INDArray prunedWeights() {
        return prunedStored.dup();
    }
}
