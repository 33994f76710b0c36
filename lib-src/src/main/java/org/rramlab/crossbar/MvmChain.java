package org.rramlab.crossbar;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.rramlab.simd.BlockGemm;
import org.rramlab.simd.BlockGemm.Rect;
import org.rramlab.simd.Gemm;
import org.rramlab.util.Check;

import java.util.ArrayList;
import java.util.List;

/**
 * The multiply of one layer, stage by stage ({@link MvmConfig}): DAC on the inputs, the product with a read of the
 * weights, read noise per input vector when asked, the ADC of every block's partial sums, and the sum of the blocks.
 * The layers of every network take their products from here; the weights they pass are a read of their
 * {@link AnalogTile} (in weight units, so the rescale {@code scale x current} is folded into the read) or, for
 * software weights, the weights themselves (one block, no array).
 *
 * <p>Exactness: with no stage on, {@link #dense} and {@link #columns} are the single GEMM the software product is,
 * bit for bit. With the ADC on, each block's partial sums are converted on their own (min-max per multiply, fixed, or
 * a range calibrated per block), then added digitally, as a tiled chip does.
 *
 * <p>Gradients: training passes straight through the DAC, the read noise and the ADC (the straight-through estimator
 * of hardware-in-the-loop training): a layer's backward uses the read it multiplied with and the inputs after the DAC,
 * as if the conversions were the identity. Counting: every call adds its input vectors and examples to the tile's
 * counters (training or evaluation). One chain per layer; not thread-safe.
 */
public final class MvmChain {
    private final String layer;
    private MvmConfig config;
    private final AnalogTile tile;
    private final List<int[]> blocks = new ArrayList<>();   // {inOffset, rows, outOffset, cols}
    private double[] calibrated;                              // CALIBRATED ADC: full scale per block, weight units
    private double[] calibrating;                             // max |partial sum| per block while calibrating
    private final Quantise dacQuantiser = new Quantise(), adcQuantiser = new Quantise();

    /**
     * @param layer  the layer's name (in messages)
     * @param config the stages
     * @param tile   the tile the weights are read from, or null for software weights (then read noise, IR drop and
     *               PER_VECTOR sampling do not apply)
     */
    public MvmChain(String layer, MvmConfig config, AnalogTile tile) {
        this.layer = Check.notNull("layer", layer);
        this.tile = tile;
        if (tile != null) {
            for (Block b : tile.blocks()) blocks.add(new int[]{b.inOffset(), b.rows(), b.outOffset(), b.cols()});
        }
        reconfigure(config);
    }

    /** A chain for software weights of {@code outputs x inputs} (one block). */
    public static MvmChain digital(String layer, MvmConfig config, long outputs, long inputs) {
        MvmChain c = new MvmChain(layer, config, null);
        c.blocks.add(new int[]{0, (int) inputs, 0, (int) outputs});
        return c;
    }

    /** The software product: every stage off. */
    public static MvmChain exact(String layer, long outputs, long inputs) {
        return digital(layer, MvmConfig.ideal(), outputs, inputs);
    }

    public MvmConfig config() { return config; }

    public AnalogTile tile() { return tile; }

    public String layer() { return layer; }

    /** Changes the stages (e.g. to evaluate a trained network with another ADC); calibrated ranges are dropped. */
    public void reconfigure(MvmConfig c) {
        try {
            this.config = Check.notNull("config", c);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("layer " + layer + ": " + e.getMessage(), e);
        }
        calibrated = null;
        if (tile != null) tile.configure(c);
    }

    /** Starts recording the largest partial sum of every block ({@link Adc.Range#CALIBRATED}): multiplies pass unconverted. */
    public void startCalibration() {
        calibrating = new double[blocks.size()];
    }

    /** Fixes each block's ADC range to the largest partial sum seen since {@link #startCalibration()}. */
    public void finishCalibration() {
        if (calibrating == null) {
            throw new IllegalStateException("layer " + layer + ": finishCalibration without startCalibration");
        }
        calibrated = calibrating.clone();
        for (int b = 0; b < calibrated.length; b++) {
            if (!(calibrated[b] > 0)) calibrated[b] = Double.MIN_NORMAL;   // a block that saw only zeros
        }
        calibrating = null;
    }

    /** The calibrated full scale of each block, weight units (null before calibration). */
    public double[] calibratedRanges() {
        return calibrated == null ? null : calibrated.clone();
    }

    /** The DAC stage on a layer's input (the input itself when the DAC is off). */
    public INDArray input(INDArray x) {
        if (!config.dac().enabled()) return x;
        return config.dac().apply(x, Quantise.like(x), dacQuantiser);
    }

    /**
     * y [n, out] = x [n, in] W^T through the chain, W [out, in] in weight units (a read of the tile). {@code samples}:
     * the examples the n vectors come from (for the per-inference counts).
     */
    public INDArray dense(INDArray x, INDArray w, boolean training, long samples) {
        if (x.rank() != 2 || w.rank() != 2 || x.columns() != w.columns()) {
            throw new IllegalArgumentException("layer " + layer + ": input " + java.util.Arrays.toString(x.shape()) + " for weights "
                    + java.util.Arrays.toString(w.shape()) + ", expected [batch, " + (w.rank() == 2 ? w.columns() : "in") + "]");
        }
        count(training, x.rows(), samples);
        if (exactProduct(training)) {
            INDArray y = Nd4j.create(x.dataType(), x.rows(), w.rows());
            Gemm.product(x, w, y, false, true);   // split over the cores by rows
            return y;
        }
        // each block's product on the arrays where they lie (no copies), its own ADC, then the digital sum
        INDArray xs = contiguous(x), ws = contiguous(w);
        int n = (int) x.rows(), in = (int) x.columns(), out = (int) w.rows();
        boolean single = blocks.size() == 1;
        INDArray y = single ? null : Nd4j.zeros(x.dataType(), n, out);
        try {
            for (int b = 0; b < blocks.size(); b++) {
                int[] k = blocks.get(b);
                INDArray yb = Nd4j.createUninitialized(x.dataType(), new long[]{n, k[3]}, 'c');
                BlockGemm.product(new Rect(xs, k[0], in), false, new Rect(ws, (long) k[2] * in + k[0], in), true, new Rect(yb, 0, k[3]), n, k[3], k[1]);
                if (perVectorNoise(training)) {
                    INDArray xb = single ? xs : xs.get(NDArrayIndex.all(), NDArrayIndex.interval(k[0], k[0] + k[1])).dup('c');
                    INDArray squares = xb.mul(xb);
                    addOutputNoise(yb, squares, variance(b), false);
                    squares.close();
                    if (xb != xs) xb.close();
                }
                convert(b, yb);
                if (single) return yb;
                BlockGemm.addInto(new Rect(yb, 0, k[3]), new Rect(y, k[2], out), n, k[3]);
                yb.close();   // a partial sum nobody else holds: freed now, not at the next collection
            }
            return y;
        } finally {   // copies made here
            if (xs != x) xs.close();
            if (ws != w) ws.close();
        }
    }

    /**
     * y [out, N] = W [out, K] cols [K, N] through the chain (a convolution after im2col: N = n x oh x ow vectors).
     * {@code samples}: the n examples.
     */
    public INDArray columns(INDArray w, INDArray cols, boolean training, long samples) {
        if (cols.rank() != 2 || w.rank() != 2 || cols.rows() != w.columns()) {
            throw new IllegalArgumentException("layer " + layer + ": columns " + java.util.Arrays.toString(cols.shape()) + " for weights "
                    + java.util.Arrays.toString(w.shape()) + ", expected [" + (w.rank() == 2 ? w.columns() : "in") + ", vectors]");
        }
        count(training, cols.columns(), samples);
        if (exactProduct(training)) {
            INDArray y = Nd4j.create(cols.dataType(), w.rows(), cols.columns());
            Gemm.product(w, cols, y, false, false);
            return y;
        }
        // position-major columns come as the transpose of a c-order [vectors, K] matrix: their blocks are read in
        // place as transposed rectangles (a c-order copy was 14 MB per call at the paper CNN's conv2, left to the
        // garbage collector: ~2 GB of resident size in a 10-epoch run)
        boolean transposed = !perVectorNoise(training) && !isContiguous(cols) && isContiguous(cols.transpose());
        INDArray ws = contiguous(w), cs = transposed ? cols.transpose() : contiguous(cols);
        int kAll = (int) cols.rows(), vectors = (int) cols.columns();
        boolean single = blocks.size() == 1;
        INDArray y = single ? null : Nd4j.zeros(cols.dataType(), w.rows(), vectors);
        try {
            for (int b = 0; b < blocks.size(); b++) {
                int[] k = blocks.get(b);
                INDArray yb = Nd4j.createUninitialized(cols.dataType(), new long[]{k[3], vectors}, 'c');
                Rect block = transposed ? new Rect(cs, k[0], kAll) : new Rect(cs, (long) k[0] * vectors, vectors);
                BlockGemm.product(new Rect(ws, (long) k[2] * kAll + k[0], kAll), false, block, transposed, new Rect(yb, 0, vectors), k[3], vectors, k[1]);
                if (perVectorNoise(training)) {
                    INDArray cb = single ? cs : cs.get(NDArrayIndex.interval(k[0], k[0] + k[1]), NDArrayIndex.all()).dup('c');
                    INDArray squares = cb.mul(cb);
                    addOutputNoise(yb, squares, variance(b), true);
                    squares.close();
                    if (cb != cs) cb.close();
                }
                convert(b, yb);
                if (single) return yb;
                BlockGemm.addInto(new Rect(yb, 0, vectors), new Rect(y, (long) k[2] * vectors, vectors), k[3], vectors);
                yb.close();
            }
            return y;
        } finally {   // copies made here: freed now, not at the next collection
            if (ws != w) ws.close();
            if (!transposed && cs != cols) cs.close();
        }
    }

    private static boolean isContiguous(INDArray x) {
        return x.ordering() == 'c' && x.elementWiseStride() == 1;
    }

    /** x itself when it is a contiguous c-order array (the layers pass such), else a copy. */
    private static INDArray contiguous(INDArray x) {
        return isContiguous(x) ? x : x.dup('c');
    }

    /**
     * Whether {@link #columns} is a plain product this time (no converter, no per-vector noise, no calibration): then
     * a caller may multiply the columns in parts of its own (a convolution, by blocks of examples) and count the
     * whole product once with {@link #countColumns}; the numbers are those of {@link #columns} up to float rounding.
     */
    public boolean plainProduct(boolean training) { return exactProduct(training); }

    /** One block's partial product, computed by the caller: [cols, vectors], c order, a fresh array the chain may free. */
    @FunctionalInterface
    public interface BlockProduct {
        INDArray partial(int inOffset, int rows, int outOffset, int cols);
    }

    /**
     * Whether a caller may compute each block's product itself ({@link #columnsByBlocks}): always, except with read
     * noise per input vector, whose variance needs every vector's squared inputs per block.
     */
    public boolean callerBlockProducts(boolean training) { return !perVectorNoise(training); }

    /**
     * y [outputs, vectors] as {@link #columns} computes it, with each block's partial sums [cols, vectors] (block
     * {inOffset, rows} of the inputs times {outOffset, cols} of the outputs, in the weights' [out, in·kh·kw] order)
     * computed by {@code product} (a convolution as shifted products, without columns): each block converted by its
     * ADC (or recorded while calibrating), then the blocks summed. Counts as {@link #columns}.
     */
    public INDArray columnsByBlocks(long vectors, long outputs, DataType type, boolean training, long samples, BlockProduct product) {
        if (!callerBlockProducts(training)) {
            throw new IllegalStateException("layer " + layer + ": read noise per input vector needs the columns (use columns)");
        }
        count(training, vectors, samples);
        boolean single = blocks.size() == 1;
        int width = Math.toIntExact(vectors);
        INDArray y = single ? null : Nd4j.zeros(type, outputs, vectors);
        for (int b = 0; b < blocks.size(); b++) {
            int[] k = blocks.get(b);
            INDArray yb = product.partial(k[0], k[1], k[2], k[3]);
            if (yb.rank() != 2 || yb.rows() != k[3] || yb.columns() != vectors || !isContiguous(yb)) {
                throw new IllegalArgumentException("layer " + layer + ": block " + b + "'s partial product: expected a contiguous ["
                        + k[3] + ", " + vectors + "] matrix, got " + java.util.Arrays.toString(yb.shape()));
            }
            convert(b, yb);
            if (single) return yb;
            BlockGemm.addInto(new Rect(yb, 0, width), new Rect(y, (long) k[2] * vectors, width), k[3], width);
            yb.close();   // a partial sum nobody else holds
        }
        return y;
    }

    /** Counts one product of {@code vectors} input vectors from {@code samples} examples, as {@link #columns} does. */
    public void countColumns(boolean training, long vectors, long samples) { count(training, vectors, samples); }

    private boolean exactProduct(boolean training) {
        return !config.adc().enabled() && !perVectorNoise(training) && calibrating == null;
    }

    private boolean perVectorNoise(boolean training) {
        return !training && tile != null && tile.noisy() && config.sampling() == MvmConfig.Sampling.PER_VECTOR;
    }

    /** The read-noise variance of block b's weights as [cols, rows] (weight units squared). */
    private INDArray variance(int b) {
        int[] k = blocks.get(b);
        float[] all = tile.variance();
        INDArray v = Nd4j.create(all, new long[]{tile.outputs(), tile.inputs()}, 'c');
        return blocks.size() == 1 ? v : v.get(NDArrayIndex.interval(k[2], k[2] + k[3]), NDArrayIndex.interval(k[0], k[0] + k[1])).dup('c');
    }

    /** y += z * sqrt(x^2 . var): a separate read per input vector, drawn on the outputs. */
    private void addOutputNoise(INDArray y, INDArray x2, INDArray var, boolean columnsForm) {
        INDArray sd = Nd4j.create(y.dataType(), y.shape());
        if (columnsForm) {
            Nd4j.gemm(var.castTo(y.dataType()), x2, sd, false, false, 1.0, 0.0);
        } else {
            Nd4j.gemm(x2, var.castTo(y.dataType()), sd, false, true, 1.0, 0.0);
        }
        Transforms.sqrt(sd, false);
        INDArray z = Nd4j.createUninitialized(DataType.FLOAT, y.shape());
        tile.noise().fill(z);   // the tile's generator: its state is checkpointed with the tile
        INDArray zt = z.castTo(y.dataType());
        y.addi(zt.muli(sd));
        if (zt != z) zt.close();
        z.close();
        sd.close();
    }

    /** The ADC of block b on its partial sums (in place), or the calibration record. */
    private void convert(int b, INDArray partial) {
        if (calibrating != null) {
            calibrating[b] = Math.max(calibrating[b], partial.amaxNumber().doubleValue());
            return;
        }
        Adc adc = config.adc();
        if (!adc.enabled()) return;
        double fullScale = switch (adc.range()) {
            case MIN_MAX -> 0;
            case FIXED -> adc.fullScale() * (tile == null ? 1 : tile.scale());
            case CALIBRATED -> {
                if (calibrated == null) {
                    throw new IllegalStateException("layer " + layer + ": adc.range = CALIBRATED but the ADC is not calibrated "
                            + "yet; run AnalogLayers.calibrateAdc(model, data) first (or use MIN_MAX or FIXED)");
                }
                yield calibrated[b];
            }
        };
        Adc conversion = adc.range() == Adc.Range.CALIBRATED ? Adc.fixed(adc.bits(), 1) : adc;
        INDArray q = conversion.apply(partial, adcQuantiser, fullScale);
        if (q != partial) partial.assign(q);
    }

    private void count(boolean training, long vectors, long samples) {
        if (tile == null) return;
        Counters c = tile.counters();
        c.multiplies++;
        if (training) {
            c.trainingVectors += vectors;
            c.trainingSamples += samples;
        } else {
            c.evaluationVectors += vectors;
            c.evaluationSamples += samples;
        }
    }

    @Override
    public String toString() {
        return "MvmChain[" + layer + ", " + config + (tile == null ? ", software weights" : ", " + blocks.size() + " block(s)") + "]";
    }
}
