package org.rramlab.crossbar;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.rramlab.device.DeviceModel;
import org.rramlab.device.GaussianNoise;
import org.rramlab.device.WriteNoise;
import org.rramlab.device.WriteVerify;

import java.util.SplittableRandom;

/**
 * The conventional baseline: trained float weights programmed onto differential pairs by write-verify.
 *
 * <p>Mapping: a weight's positive part goes on G+, its negative part on G-, both on top of gMin, scaled so that
 * max|W| spans the device's programmable range: {@code G+ = gMin + max(W, 0) / max|W| * (gMax - gMin)}. Every cell
 * starts freshly formed and is write-verified to its target; the verify loop counts pulses ({@link #pulses()}) and
 * the cell keeps the target plus a residual error drawn from the {@link WriteNoise} (clipped at 0 uS). Each
 * {@link #read()} adds fresh read noise; since only G+ - G- reaches the output, one draw per pair with the summed
 * variance of its two cells is used (exact in distribution, half the draws).
 */
public final class ProgrammedWeights {
    private final DeviceModel device;
    private final WriteNoise writeNoise;
    private final long[] shape;
    private final double scale;
    private final INDArray gPlus;
    private final INDArray gMinus;
    private final INDArray storedWeights;
    private final long pulses;
    private final GaussianNoise noise;
    private INDArray pairSigma;
    private long reads;

    private ProgrammedWeights(DeviceModel device, WriteNoise writeNoise, long[] shape, double scale, INDArray gPlus,
                              INDArray gMinus, long pulses, long seed) {
        this.device = device;
        this.writeNoise = writeNoise;
        this.shape = shape;
        this.scale = scale;
        this.gPlus = gPlus;
        this.gMinus = gMinus;
        this.storedWeights = gPlus.sub(gMinus).muli(scale);
        this.pulses = pulses;
        this.noise = new GaussianNoise(seed ^ 0x2545F4914F6CDD1DL);
    }

    /**
     * Programs {@code trainedWeights} (any shape, finite) onto pairs of {@code device} cells.
     *
     * @param noise residual error left by write-verify
     * @param seed  same seed, same programmed conductances, pulse counts and read noise sequence
     */
    public static ProgrammedWeights program(INDArray trainedWeights, DeviceModel device, WriteNoise noise, long seed) {
        if (trainedWeights == null) {
            throw new IllegalArgumentException("trainedWeights is null: expected an array of weights");
        }
        if (device == null) {
            throw new IllegalArgumentException("device is null: expected a DeviceModel");
        }
        if (noise == null) {
            throw new IllegalArgumentException("noise is null: expected a WriteNoise, e.g. WriteNoise.NONE");
        }
        long[] shape = trainedWeights.shape();
        int n = (int) Shapes.elements("trainedWeights.shape", shape);
        float[] w = trainedWeights.castTo(DataType.FLOAT).dup('c').data().asFloat();
        double maxAbs = 0;
        for (int i = 0; i < n; i++) {
            if (!Float.isFinite(w[i])) {
                throw new IllegalArgumentException("trainedWeights[" + i + "] = " + w[i] + ": expected finite weights");
            }
            maxAbs = Math.max(maxAbs, Math.abs(w[i]));
        }
        WriteVerify wv = device.writeVerify();
        double range = wv.rangeUs();
        double perUs = maxAbs == 0 ? 1 : range / maxAbs;
        SplittableRandom random = new SplittableRandom(seed);
        float[] plus = new float[n], minus = new float[n];
        long pulses = 0;
        for (int i = 0; i < n; i++) {
            double tPlus = wv.gMinUs() + Math.max(w[i], 0) * perUs;
            double tMinus = wv.gMinUs() + Math.max(-w[i], 0) * perUs;
            pulses += wv.pulses(device.formCell(random), tPlus, random);
            pulses += wv.pulses(device.formCell(random), tMinus, random);
            plus[i] = (float) Math.max(0, tPlus + noise.sigmaUs(tPlus, range) * random.nextGaussian());
            minus[i] = (float) Math.max(0, tMinus + noise.sigmaUs(tMinus, range) * random.nextGaussian());
        }
        return new ProgrammedWeights(device, noise, shape.clone(), 1 / perUs, Nd4j.create(plus, shape, 'c'),
                Nd4j.create(minus, shape, 'c'), pulses, seed);
    }

    /**
     * One fresh read {@code seconds} after programming: conductances have drifted by the device's
     * {@link org.rramlab.device.Drift#factor(double)} (both cells alike, so the weights shrink by it), and the read
     * noise is that of the drifted conductances.
     */
    public INDArray read(double seconds) {
        double f = device.drift().factor(seconds);
        if (f == 1) {
            return read();
        }
        reads++;
        INDArray stored = storedWeights.mul(f);
        if (!device.hasReadNoise()) {
            return stored;
        }
        INDArray sigma = Transforms.sqrt(cellVariance(gPlus.mul(f)).addi(cellVariance(gMinus.mul(f))), false).muli(scale);
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, shape);
        noise.fill(out);
        return out.muli(sigma).addi(stored);
    }

    /** One fresh read of every pair, in the original weight units (a new array of the trained weights' shape). */
    public INDArray read() {
        reads++;
        if (!device.hasReadNoise()) {
            return storedWeights.dup();
        }
        if (pairSigma == null) {
            pairSigma = Transforms.sqrt(cellVariance(gPlus).addi(cellVariance(gMinus)), false).muli(scale);
        }
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, shape);
        noise.fill(out);
        return out.muli(pairSigma).addi(storedWeights);
    }

    private INDArray cellVariance(INDArray g) {
        double rel = device.readNoise().relative(), add = device.readNoise().additiveUs();
        return g.mul(g).muli(rel * rel).addi(add * add);
    }

    /** Write-verify pulses spent programming every cell (both cells of every pair). */
    public long pulses() {
        return pulses;
    }

    /** Weight units per uS. */
    public double scale() {
        return scale;
    }

    public long[] shape() {
        return shape.clone();
    }

    public DeviceModel device() {
        return device;
    }

    public WriteNoise writeNoise() {
        return writeNoise;
    }

    public long reads() {
        return reads;
    }

    /** Programmed G+ conductances, uS (a copy). */
    public INDArray gPlus() {
        return gPlus.dup();
    }

    /** Programmed G- conductances, uS (a copy). */
    public INDArray gMinus() {
        return gMinus.dup();
    }

    /** The stored weights without read noise, original units (a copy). */
    public INDArray storedWeights() {
        return storedWeights.dup();
    }
}
