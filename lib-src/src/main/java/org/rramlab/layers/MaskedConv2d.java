package org.rramlab.layers;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rramlab.simd.Gemm;
import org.rramlab.crossbar.MvmChain;
import org.rramlab.crossbar.MvmConfig;

/**
 * 2-D convolution without bias on [n, c, h, w], weights [out, c, kh, kw] from a {@link LayerWeights}. Non-square
 * kernels, strides and zero padding are supported (the spoken-digit CRNN uses 3×2 kernels, stride 2×1).
 *
 * <p>Computed as im2col + one GEMM ({@link Im2Col}: ND4J's conv2d_bp and its im2col + permute were much slower at
 * the paper's small shapes). Backward is two GEMMs and col2im.
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
    private INDArray w2;     // [out, c*kh*kw]
    private long oh, ow;
    private boolean inputGradient = true;
    /** Column matrices up to this many elements (16 MB of floats: the paper CNN's conv2) stay from forward to backward. */
    static final long KEPT_COLUMNS = 1L << 22;
    private INDArray keptColumns;   // the layer's own column buffer, reused step after step
    private boolean columnsKept;    // whether the last forward's columns are on it
    private final MvmChain chain;

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
        if (x.rank() != 4 || x.size(1) != inChannels) {
            throw new IllegalArgumentException(name + ": expected input [n, " + inChannels + ", h, w], got " + Arrays.toString(x.shape()));
        }
        inShape = x.shape();
        oh = (inShape[2] + 2L * py - kh) / sy + 1;
        ow = (inShape[3] + 2L * px - kw) / sx + 1;
        if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException(name + ": input " + inShape[2] + "x" + inShape[3] + " is smaller than the kernel " + kh + "x" + kw);
        }
        Im2Col.Geometry g = geometry();
        // position-major columns [n*oh*ow, c*kh*kw], multiplied as their transpose (a view); they stay for backward
        // on the layer's own buffer when small, else live on the thread's shared buffer only until the product is
        // done and backward builds them again from the input (keeping every layer's columns was ~1.5 GB in the U-Net)
        INDArray colsT = columnsBuffer(x.dataType(), g);
        Im2Col.im2colRows(x, g, colsT);
        this.input = x;
        w2 = weights.weights(training).reshape('c', outChannels, (long) inChannels * kh * kw);
        INDArray y = chain.columns(w2, colsT.transpose(), training, inShape[0]);   // [out, n*oh*ow]
        INDArray out = y.reshape('c', outChannels, inShape[0], oh, ow).permute(1, 0, 2, 3).dup('c');
        Buffers.free(y);   // now, not at the next garbage collection
        return out;
    }

    /**
     * The buffer the forward's columns go to: the layer's own (kept until the next forward, {@link #columnsKept}) when
     * they have at most {@link #KEPT_COLUMNS} elements, else the thread's shared one.
     */
    private INDArray columnsBuffer(org.nd4j.linalg.api.buffer.DataType type, Im2Col.Geometry g) {
        long length = (long) g.rows() * g.width();
        columnsKept = length <= KEPT_COLUMNS;
        if (!columnsKept) return Im2Col.scratch(type, g.rows(), g.width());
        if (keptColumns == null || keptColumns.dataType() != type || keptColumns.length() < length) {
            Buffers.free(keptColumns);
            keptColumns = Nd4j.createUninitialized(type, length);
        }
        INDArray part = keptColumns.length() == length ? keptColumns : keptColumns.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, length));
        return part.reshape('c', g.rows(), g.width());
    }

    /** The forward's columns, kept or built again from its input on the thread's shared buffer. */
    private INDArray forwardColumns(Im2Col.Geometry g) {
        if (columnsKept) {
            INDArray part = keptColumns.length() == (long) g.rows() * g.width() ? keptColumns
                    : keptColumns.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, (long) g.rows() * g.width()));
            return part.reshape('c', g.rows(), g.width());
        }
        INDArray colsT = Im2Col.scratch(input.dataType(), g.rows(), g.width());
        Im2Col.im2colRows(input, g, colsT);
        return colsT;
    }

    private Im2Col.Geometry geometry() {
        return new Im2Col.Geometry((int) inShape[0], inChannels, (int) inShape[2], (int) inShape[3], kh, kw, sy, sx, py, px, (int) oh, (int) ow);
    }

    @Override public INDArray backward(INDArray gradOut) {
        long n = inShape[0];
        INDArray gradByChannel = gradOut.permute(1, 0, 2, 3).dup('c');
        INDArray g = gradByChannel.reshape('c', outChannels, n * oh * ow);
        Im2Col.Geometry geometry = geometry();
        INDArray colsT = forwardColumns(geometry);
        // dW^T [c*kh*kw, out] = colsT^T g^T: split by its rows, each core packs only its columns of colsT
        INDArray gradWT = Nd4j.createUninitialized(g.dataType(), colsT.size(1), outChannels);
        Gemm.product(colsT, g, gradWT, true, true);
        INDArray gradW = gradWT.transpose().dup('c');
        Buffers.free(gradWT);
        weights.backward(gradW.reshape('c', weights.shape()));
        Buffers.free(gradW);
        if (!inputGradient) {
            Buffers.free(gradByChannel);
            return null;
        }
        INDArray dx = gradientAsConvolution() ? inputGradientByConvolution(gradOut) : inputGradientByCol2im(g);
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

    private INDArray inputGradientByConvolution(INDArray gradOut) {
        int n = (int) inShape[0], h = (int) inShape[2], w = (int) inShape[3];
        Im2Col.Geometry full = new Im2Col.Geometry(n, outChannels, (int) oh, (int) ow, kh, kw, 1, 1, kh - 1 - py, kw - 1 - px, h, w);
        INDArray gradCols = Im2Col.scratch(gradOut.dataType(), full.width(), full.rows());   // [out*kh*kw, n*h*w]; the columns are dead
        Im2Col.im2col(gradOut, full, gradCols);
        INDArray product = Nd4j.create(gradOut.dataType(), inChannels, full.rows());
        Gemm.product(flippedTransposedKernel(), gradCols, product, false, false);
        INDArray dx = product.reshape('c', inChannels, n, h, w).permute(1, 0, 2, 3).dup('c');
        Buffers.free(product);
        return dx;
    }

    /** The forward kernel as [in, out·kh·kw] with each kh×kw window rotated by 180°. */
    private INDArray flippedTransposedKernel() {
        double[] k = w2.dup('c').data().asDouble();   // [out, in*kh*kw]; small (9,216 weights at conv2)
        double[] t = new double[k.length];
        int area = kh * kw;
        for (int o = 0; o < outChannels; o++) for (int c = 0; c < inChannels; c++) for (int i = 0; i < area; i++) {
            t[(c * outChannels + o) * area + (area - 1 - i)] = k[(o * inChannels + c) * area + i];
        }
        return Nd4j.createFromArray(t).castTo(w2.dataType()).reshape('c', inChannels, (long) outChannels * area);
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
