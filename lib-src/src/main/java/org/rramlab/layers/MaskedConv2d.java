package org.rramlab.layers;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.rramlab.simd.Gemm;
import org.rramlab.simd.Parallel;
import org.rramlab.crossbar.MvmChain;
import org.rramlab.crossbar.MvmConfig;

/**
 * 2-D convolution without bias on [n, c, h, w], weights [out, c, kh, kw] from a {@link LayerWeights}. Non-square
 * kernels, strides and zero padding are supported (the spoken-digit CRNN uses 3×2 kernels, stride 2×1).
 *
 * <p>Computed, by the first that applies: in oneDNN's kernels through ND4J's conv2d operations ({@link DnnConv}: a
 * plain product, FLOAT, ≥ 8 input channels); as shifted products ({@link ShiftedConv}: stride 1, ≥ 8 input channels,
 * also block by block through a tile's converters); else as im2col + one GEMM ({@link Im2Col}), whose backward is
 * two GEMMs and col2im. The DOUBLE im2col path is the reference the tests compare the others with.
 *
 * <p>The forward product goes through the layer's {@link MvmChain} (a convolution is the product of its im2col columns
 * with the weight matrix [out, in·kh·kw]: on a tile, one input vector per output pixel), with the DAC on the input
 * before im2col; the backward is the chain's straight-through estimate.
 *
 * <p>Every product is {@code Nd4j.gemm} into an output created here: {@code INDArray.mmul} was 2–15× slower at these
 * shapes (conv2's column gradient [6000, 16] × [16, 576]: 23 ms against 1.5 ms).
 */
public final class MaskedConv2d implements Layer {
    private final String name;
    private final LayerWeights weights;
    private final int outChannels, inChannels, kh, kw, sy, sx, py, px;

    private long[] inShape;
    private INDArray input;  // the (DAC'd) input of the last forward: backward builds its columns again
    private boolean inputIsCopy;   // whether it is the DAC's copy (ours to free) rather than the caller's array
    private INDArray w2;     // [out, c*kh*kw]
    private long oh, ow;
    private boolean inputGradient = true;
    /** Column matrices up to this many elements (16 MB of floats: the paper CNN's conv2) stay from forward to backward. */
    static final long KEPT_COLUMNS = 1L << 22;
    private INDArray keptColumns;   // the layer's own column buffer, reused step after step
    private boolean columnsKept;    // whether the last forward's columns are on it
    /**
     * Larger column matrices are built and multiplied in blocks of whole examples, each at most this many elements,
     * on the thread's column buffer: the paper U-Net's 64-channel layer at 48×48 needed a 340 MB buffer, in blocks
     * 16 MB. Only where the chain's product is plain ({@link MvmChain#plainProduct}; an ADC's range spans the whole
     * product) and FLOAT. Not final: tests lower it to exercise the blocks on small shapes.
     */
    static long blockColumns = 1L << 22;
    private int examplesPerBlock;   // of the last forward: n when not in blocks
    private final MvmChain chain;
    /**
     * Convolutions with fewer input channels than this keep im2col: a shifted tap's GEMM with k = c is too thin to pay,
     * and oneDNN's backward was slower at one channel.
     */
    static final int SHIFTED_MIN_CHANNELS = 8;
    /**
     * Off in tests that compare the shifted products with the im2col path on the same layer; {@code -Drramlab.conv=im2col}
     * turns them off for a whole run (to compare the two paths end to end).
     */
    boolean shiftedEnabled = !"im2col".equalsIgnoreCase(System.getProperty("rramlab.conv", ""));
    private boolean shifted;   // whether the last forward ran as shifted products
    /**
     * Off in tests that compare oneDNN's convolutions with the other paths; {@code -Drramlab.conv=shifted} (or
     * {@code im2col}) keeps them off for a whole run.
     */
    boolean dnnEnabled = List.of("", "onednn").contains(System.getProperty("rramlab.conv", "").toLowerCase(java.util.Locale.ROOT));
    private boolean dnn;       // whether the last forward ran in oneDNN ({@link DnnConv})
    private INDArray weights4; // that forward's weights [out, c, kh, kw]
    private INDArray taps;     // that forward's weights as ShiftedConv's taps, reused step after step

    /** A convolution with every stage of the multiply off. */
    public MaskedConv2d(String name, LayerWeights weights, int strideY, int strideX, int padY, int padX) {
        this(name, weights, strideY, strideX, padY, padX, MvmConfig.ideal());
    }

    /** A convolution whose multiply runs through {@code mvm}'s stages (on the weights' tile when they have one). */
    public MaskedConv2d(String name, LayerWeights weights, int strideY, int strideX, int padY, int padX, MvmConfig mvm) {
        long[] shape = weights.shape();
        if (shape.length != 4) throw new IllegalArgumentException(name + ": expected weights [out, in, kh, kw], got " + Arrays.toString(shape));
        if (strideY < 1 || strideX < 1) throw new IllegalArgumentException(name + ": stride must be >= 1, got " + strideY + "x" + strideX);
        if (padY < 0 || padX < 0) throw new IllegalArgumentException(name + ": padding must be >= 0, got " + padY + "x" + padX);
        this.name = name;
        this.weights = weights;
        this.outChannels = (int) shape[0];
        this.inChannels = (int) shape[1];
        this.kh = (int) shape[2];
        this.kw = (int) shape[3];
        this.sy = strideY; this.sx = strideX; this.py = padY; this.px = padX;
        this.chain = Layers.chain(name, weights, mvm);
    }

    /** Stride 1, no padding (the Fashion-MNIST network's convolutions). */
    public MaskedConv2d(String name, LayerWeights weights) { this(name, weights, 1, 1, 0, 0); }

    @Override public INDArray forward(INDArray input, boolean training) {
        if (input.rank() != 4 || input.size(1) != inChannels) {
            throw new IllegalArgumentException(name + ": expected input [n, " + inChannels + ", h, w], got " + Arrays.toString(input.shape()));
        }
        INDArray x = chain.input(input);
        // the last forward's DAC'd copy of its input is dead now (backward is done or will not come)
        if (this.input != null && inputIsCopy && !Buffers.sameBuffer(this.input, x) && !Buffers.sameBuffer(this.input, input)) Buffers.free(this.input);
        inputIsCopy = x != input;
        if (x.rank() != 4 || x.size(1) != inChannels) {
            throw new IllegalArgumentException(name + ": expected input [n, " + inChannels + ", h, w], got " + Arrays.toString(x.shape()));
        }
        inShape = x.shape();
        oh = (inShape[2] + 2L * py - kh) / sy + 1;
        ow = (inShape[3] + 2L * px - kw) / sx + 1;
        if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException(name + ": input " + inShape[2] + "x" + inShape[3] + " is smaller than the kernel " + kh + "x" + kw);
        }
        w2 = weights.weights(training).reshape('c', outChannels, (long) inChannels * kh * kw);
        this.input = x;
        dnn = dnnApplies(training, x.dataType());
        if (dnn) {
            shifted = false;
            weights4 = w2.reshape('c', outChannels, inChannels, kh, kw);
            chain.countColumns(training, inShape[0] * oh * ow, inShape[0]);
            return DnnConv.forward(x, weights4, sy, sx, py, px, oh, ow);
        }
        shifted = shiftedApplies(training, x.dataType());
        if (shifted) return forwardShifted(x, training);
        Im2Col.Geometry g = geometry();
        examplesPerBlock = examplesPerBlock(g, training, x.dataType());
        if (examplesPerBlock < g.n()) return forwardInBlocks(x, g, training);
        // the columns stay for backward on the layer's own buffer when small, else live on the thread's shared buffer
        // only until the product is done and backward builds them again from the input (keeping every layer's columns
        // was ~1.5 GB in the U-Net)
        INDArray cols = columnsBuffer(x.dataType(), g);
        build(x, g, cols);
        INDArray y = chain.columns(w2, positionMajor() ? cols.transpose() : cols, training, inShape[0]);   // [out, n*oh*ow]
        INDArray out = Im2Col.swapLeadingAxes(y, outChannels, (int) inShape[0], (int) (oh * ow)).reshape('c', inShape[0], outChannels, oh, ow);
        Buffers.free(y);   // now, not at the next garbage collection
        return out;
    }

    /**
     * Examples per block of columns (see {@link #blockColumns}); {@code g.n()} (one block) where blocks do not apply:
     * small columns, channel-major columns, a converted product, DOUBLE, or an input gradient by col2im.
     */
    private int examplesPerBlock(Im2Col.Geometry g, boolean training, org.nd4j.linalg.api.buffer.DataType type) {
        long length = (long) g.rows() * g.width();
        if (length <= blockColumns || !positionMajor() || type != org.nd4j.linalg.api.buffer.DataType.FLOAT
                || !chain.plainProduct(training) || (inputGradient && !gradientAsConvolution())) return g.n();
        // per example: its columns, and in backward the input gradient's columns (out·kh·kw per input pixel)
        long perExample = Math.max((long) g.oh() * g.ow() * g.width(), (long) g.h() * g.w() * outChannels * kh * kw);
        return (int) Math.max(1, Math.min(g.n(), blockColumns / perExample));
    }

    /** Whether the last forward ran in oneDNN's convolutions ({@link DnnConv}). */
    boolean ranDnn() { return dnn; }

    /** Whether the last forward ran as shifted products ({@link ShiftedConv}). */
    boolean ranShifted() { return shifted; }

    /** Examples per block of the last forward (the batch when it ran in one block). */
    int examplesPerBlock() { return examplesPerBlock; }

    /** Examples [first, first + count) of a [n, ...] array: the array itself when that is all of it, else a contiguous copy. */
    private static INDArray examples(INDArray a, int first, int count) {
        if (first == 0 && count == a.size(0)) return Im2Col.contiguous(a);
        return a.get(NDArrayIndex.interval(first, first + count), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all()).dup('c');
    }

    private Im2Col.Geometry geometry(int examples) {
        return new Im2Col.Geometry(examples, inChannels, (int) inShape[2], (int) inShape[3], kh, kw, sy, sx, py, px, (int) oh, (int) ow);
    }

    /** The forward product block by block of examples, each block's output written into its place in [n, out, oh, ow]. */
    private INDArray forwardInBlocks(INDArray x, Im2Col.Geometry g, boolean training) {
        int n = g.n(), plane = (int) (oh * ow);
        chain.countColumns(training, (long) g.rows(), n);
        INDArray out = Nd4j.createUninitialized(x.dataType(), n, outChannels, oh, ow);
        for (int first = 0; first < n; first += examplesPerBlock) {
            int count = Math.min(examplesPerBlock, n - first);
            Im2Col.Geometry block = geometry(count);
            INDArray xs = examples(x, first, count);
            INDArray cols = Im2Col.scratch(x.dataType(), block.rows(), block.width());
            Im2Col.im2colRows(xs, block, cols);
            if (xs != x) Buffers.free(xs);
            INDArray y = Nd4j.createUninitialized(x.dataType(), outChannels, block.rows());
            Gemm.product(w2, cols.transpose(), y, false, false);   // as the chain's plain product
            Im2Col.swapLeadingAxesInto(y, outChannels, count, plane, out, (long) first * outChannels * plane);
            Buffers.free(y);
        }
        return out;
    }

    /** Backward of {@link #forwardInBlocks}: the weight gradient summed over the blocks, the input gradient block by block. */
    private INDArray backwardInBlocks(INDArray gradOut) {
        int n = (int) inShape[0], plane = (int) (oh * ow);
        long width = (long) inChannels * kh * kw;
        org.nd4j.linalg.api.buffer.DataType type = gradOut.dataType();
        INDArray gradWT = Nd4j.createUninitialized(type, width, outChannels), part = null;
        INDArray dx = inputGradient ? Nd4j.createUninitialized(type, n, inChannels, inShape[2], inShape[3]) : null;
        INDArray kernel = inputGradient ? flippedTransposedKernel() : null;
        for (int first = 0; first < n; first += examplesPerBlock) {
            int count = Math.min(examplesPerBlock, n - first);
            Im2Col.Geometry block = geometry(count);
            INDArray xs = examples(input, first, count);
            INDArray cols = Im2Col.scratch(type, block.rows(), block.width());
            Im2Col.im2colRows(xs, block, cols);
            if (xs != input) Buffers.free(xs);
            INDArray gs = examples(gradOut, first, count);
            INDArray g = Im2Col.swapLeadingAxes(gs, count, outChannels, plane).reshape('c', outChannels, block.rows());
            if (first == 0) {
                Gemm.product(cols, g, gradWT, true, true);
            } else {
                if (part == null) part = Nd4j.createUninitialized(type, width, outChannels);
                Gemm.product(cols, g, part, true, true);
                gradWT.addi(part);
            }
            Buffers.free(g);
            if (dx != null) inputGradientByConvolution(gs, count, first, kernel, dx);   // the block's columns are dead: their buffer is reused
            if (gs != gradOut) Buffers.free(gs);
        }
        INDArray gradW = gradWT.transpose().dup('c');
        Buffers.free(gradWT, part, kernel);
        weights.backward(gradW.reshape('c', weights.shape()));
        Buffers.free(gradW);
        return dx;
    }

    /**
     * The buffer the forward's columns go to: the layer's own (kept until the next forward, {@link #columnsKept}) when
     * they have at most {@link #KEPT_COLUMNS} elements, else the thread's shared one.
     */
    private INDArray columnsBuffer(org.nd4j.linalg.api.buffer.DataType type, Im2Col.Geometry g) {
        long length = (long) g.rows() * g.width();
        columnsKept = length <= KEPT_COLUMNS;
        if (!columnsKept) return shaped(Im2Col.scratch(type, 1, length), g);
        if (keptColumns == null || keptColumns.dataType() != type || keptColumns.length() < length) {
            Buffers.free(keptColumns);
            keptColumns = Nd4j.createUninitialized(type, length);
        }
        return keptColumns(g);
    }

    private INDArray keptColumns(Im2Col.Geometry g) {
        long length = (long) g.rows() * g.width();
        return shaped(keptColumns.length() == length ? keptColumns : keptColumns.get(NDArrayIndex.interval(0, length)), g);
    }

    /**
     * Position-major columns [n·oh·ow, c·kh·kw], multiplied as their transpose (a view), when the product has fewer
     * output rows than its inner dimension (conv2 of the paper's CNN: the GEMM 1.9 against 2.6 ms, and split by
     * columns each core packs its own contiguous rows); else {@link Im2Col#im2col}'s [c·kh·kw, n·oh·ow], quicker to
     * build (conv1's 9-long windows).
     */
    private boolean positionMajor() { return outChannels < (long) inChannels * kh * kw; }

    private INDArray shaped(INDArray flat, Im2Col.Geometry g) {
        return positionMajor() ? flat.reshape('c', g.rows(), g.width()) : flat.reshape('c', g.width(), g.rows());
    }

    private void build(INDArray x, Im2Col.Geometry g, INDArray cols) {
        if (positionMajor()) Im2Col.im2colRows(x, g, cols); else Im2Col.im2col(x, g, cols);
    }

    /** The forward's columns, kept or built again from its input on the thread's shared buffer. */
    private INDArray forwardColumns(Im2Col.Geometry g) {
        if (columnsKept) return keptColumns(g);
        INDArray cols = shaped(Im2Col.scratch(input.dataType(), 1, (long) g.rows() * g.width()), g);
        build(input, g, cols);
        return cols;
    }

    private Im2Col.Geometry geometry() {
        return new Im2Col.Geometry((int) inShape[0], inChannels, (int) inShape[2], (int) inShape[3], kh, kw, sy, sx, py, px, (int) oh, (int) ow);
    }

    /**
     * Whether this forward runs in oneDNN's kernels ({@link DnnConv}): FLOAT, a plain product, oneDNN's natives loaded,
     * and at least {@link #SHIFTED_MIN_CHANNELS} input channels (one input channel keeps im2col's 9-long windows: there
     * oneDNN's backward was 3× slower, measured).
     */
    private boolean dnnApplies(boolean training, org.nd4j.linalg.api.buffer.DataType type) {
        return dnnEnabled && type == org.nd4j.linalg.api.buffer.DataType.FLOAT && inChannels >= SHIFTED_MIN_CHANNELS
                && chain.plainProduct(training) && DnnConv.available();
    }

    /**
     * Whether this forward runs as shifted products ({@link ShiftedConv}): stride 1, FLOAT, a chain that lets the
     * layer compute its block products (all but read noise per input vector), and enough input channels for each
     * tap's GEMM to be worth a call (conv1's single channel keeps im2col's 9-long windows).
     */
    private boolean shiftedApplies(boolean training, org.nd4j.linalg.api.buffer.DataType type) {
        return shiftedEnabled && sy == 1 && sx == 1 && type == org.nd4j.linalg.api.buffer.DataType.FLOAT && inChannels >= SHIFTED_MIN_CHANNELS
                && chain.callerBlockProducts(training) && py < kh && px < kw
                && ShiftedConv.fits(inShape[0], inChannels, inShape[2], inShape[3], outChannels, kh, kw, py, px);
    }

    /**
     * The forward as {@link ShiftedConv}'s shifted products: straight into [n, out, oh, ow] when the chain's product is
     * plain, else block by block of the tile through the chain's converters ({@link MvmChain#columnsByBlocks}). The
     * chain counts the product as it counts the columns'.
     */
    private INDArray forwardShifted(INDArray x, boolean training) {
        ShiftedConv conv = shiftedConv();
        taps = conv.taps(w2, taps);
        INDArray xpad = conv.padded(x);
        long n = inShape[0], plane = oh * ow;
        if (chain.plainProduct(training)) {
            chain.countColumns(training, n * plane, n);
            return conv.forward(xpad, taps);
        }
        INDArray y = chain.columnsByBlocks(n * plane, outChannels, x.dataType(), training, n,
                (inOffset, rows, outOffset, cols) -> conv.blockPartial(xpad, taps, inOffset, rows, outOffset, cols));
        INDArray out = Im2Col.swapLeadingAxes(y, outChannels, (int) n, (int) plane).reshape('c', n, outChannels, oh, ow);
        Buffers.free(y);
        return out;
    }

    private ShiftedConv shiftedConv() {
        return new ShiftedConv((int) inShape[0], inChannels, (int) inShape[2], (int) inShape[3], outChannels, kh, kw, py, px);
    }

    private INDArray backwardShifted(INDArray gradOut) {
        ShiftedConv conv = shiftedConv();
        INDArray xpad = conv.padded(input), grid = conv.gradientOnGrid(gradOut);
        INDArray gradW = conv.weightGradient(grid, xpad);
        weights.backward(gradW);
        Buffers.free(gradW);
        return inputGradient ? conv.inputGradient(grid, taps) : null;
    }

    @Override public INDArray backward(INDArray gradOut) {
        long n = inShape[0];
        if (dnn) {
            INDArray[] gradients = DnnConv.backward(input, weights4, gradOut, sy, sx, py, px, inputGradient);
            weights.backward(gradients[0]);
            Buffers.free(gradients[0]);
            return gradients[1];
        }
        if (shifted) return backwardShifted(gradOut);
        if (examplesPerBlock < n) return backwardInBlocks(gradOut);
        INDArray gradByChannel = Im2Col.swapLeadingAxes(gradOut, (int) n, outChannels, (int) (oh * ow));
        INDArray g = gradByChannel.reshape('c', outChannels, n * oh * ow);
        Im2Col.Geometry geometry = geometry();
        INDArray cols = forwardColumns(geometry);
        INDArray gradW;
        if (positionMajor()) {
            // dW^T [c*kh*kw, out] = colsT^T g^T: split by its rows, each core packs only its columns of colsT
            INDArray gradWT = Nd4j.createUninitialized(g.dataType(), cols.size(1), outChannels);
            Gemm.product(cols, g, gradWT, true, true);
            gradW = gradWT.transpose().dup('c');
            Buffers.free(gradWT);
        } else {
            gradW = Nd4j.createUninitialized(g.dataType(), outChannels, cols.size(0));
            Gemm.product(g, cols, gradW, false, true);
        }
        weights.backward(gradW.reshape('c', weights.shape()));
        Buffers.free(gradW);
        if (!inputGradient) {
            Buffers.free(gradByChannel);
            return null;
        }
        INDArray dx;
        if (gradientAsConvolution()) {
            dx = Nd4j.createUninitialized(gradOut.dataType(), n, inChannels, inShape[2], inShape[3]);
            INDArray kernel = flippedTransposedKernel();
            inputGradientByConvolution(gradOut, (int) n, 0, kernel, dx);
            Buffers.free(kernel);
        } else {
            dx = inputGradientByCol2im(g);
        }
        Buffers.free(gradByChannel);
        return dx;
    }

    /**
     * With stride 1 the input gradient is itself a convolution: the output gradient, padded by (k − 1 − pad), with the
     * kernel flipped and in/out swapped. im2col of the gradient and one GEMM beat the column gradient + col2im scatter
     * 4× at the paper's conv2 (2.2 against 9.7 ms). Used when its column matrix is at most twice col2im's (out ≤ 2·in).
     */
    private boolean gradientAsConvolution() {
        return sy == 1 && sx == 1 && py <= kh - 1 && px <= kw - 1 && outChannels <= 2 * inChannels;
    }

    /**
     * The input gradient of {@code count} examples (their output gradient {@code gradOut}, [count, out, oh, ow]) into
     * examples [first, first + count) of {@code dx}, with {@code kernel} from {@link #flippedTransposedKernel}.
     */
    private void inputGradientByConvolution(INDArray gradOut, int count, int first, INDArray kernel, INDArray dx) {
        int h = (int) inShape[2], w = (int) inShape[3];
        Im2Col.Geometry full = new Im2Col.Geometry(count, outChannels, (int) oh, (int) ow, kh, kw, 1, 1, kh - 1 - py, kw - 1 - px, h, w);
        INDArray gradCols = Im2Col.scratch(gradOut.dataType(), full.width(), full.rows());   // [out*kh*kw, count*h*w]; the columns are dead
        Im2Col.im2col(gradOut, full, gradCols);
        // one product per example straight into its [in, h*w] block of dx: no permute copy of an [in, n*h*w] product
        INDArray dxRows = dx.reshape('c', inShape[0] * inChannels, (long) h * w);
        long plane = (long) h * w;
        Parallel.forRange(count, Math.max(1, (int) ((1L << 20) / Math.max(1, plane * kernel.length()))), (from, end) -> {
            for (int b = from; b < end; b++) {
                long row = (long) (first + b) * inChannels;
                INDArray block = dxRows.get(NDArrayIndex.interval(row, row + inChannels), NDArrayIndex.all());
                INDArray columns = gradCols.get(NDArrayIndex.all(), NDArrayIndex.interval(b * plane, (b + 1) * plane));
                Nd4j.gemm(kernel, columns, block, false, false, 1.0, 0.0);
            }
        });
    }

    /** The forward kernel as [in, out·kh·kw] with each kh×kw window rotated by 180°. */
    private INDArray flippedTransposedKernel() {
        INDArray copy = w2.dup('c');
        double[] k = copy.data().asDouble();   // [out, in*kh*kw]; small (9,216 weights at conv2)
        Buffers.free(copy);
        double[] t = new double[k.length];
        int area = kh * kw;
        for (int o = 0; o < outChannels; o++) for (int c = 0; c < inChannels; c++) for (int i = 0; i < area; i++) {
            t[(c * outChannels + o) * area + (area - 1 - i)] = k[(o * inChannels + c) * area + i];
        }
        INDArray doubles = Nd4j.createFromArray(t), kernel = doubles.castTo(w2.dataType());
        if (kernel != doubles) Buffers.free(doubles);
        return kernel.reshape('c', inChannels, (long) outChannels * area);
    }

    private INDArray inputGradientByCol2im(INDArray g) {
        // [n*oh*ow, c*kh*kw], c order, on the column buffer (the columns are dead by now)
        INDArray dcolsT = Im2Col.scratch(g.dataType(), g.size(1), w2.size(1));
        Gemm.product(g, w2, dcolsT, true, false);
        return Im2Col.col2imRows(dcolsT, geometry());
    }

    /**
     * Skips dLoss/dInput in backward (returns null): the first layer of a network needs only its weight gradient,
     * which saves the col2im pass. Returns this.
     */
    public MaskedConv2d withoutInputGradient() {
        this.inputGradient = false;
        return this;
    }

    @Override public List<Param> params() { return weights.params(); }
    public LayerWeights layerWeights() { return weights; }
    /** The layer's multiply chain (its stages can be changed for evaluation: {@link MvmChain#reconfigure}). */
    public MvmChain chain() { return chain; }
    public String name() { return name; }

    @Override public String describe() {
        return name + " conv " + inChannels + "->" + outChannels + " " + kh + "x" + kw
                + (sy != 1 || sx != 1 ? " stride " + sy + "x" + sx : "") + (py != 0 || px != 0 ? " pad " + py + "x" + px : "");
    }
}
