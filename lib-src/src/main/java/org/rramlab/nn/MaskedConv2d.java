package org.rramlab.nn;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * 2-D convolution without bias on [n, c, h, w], weights [out, c, kh, kw] from a {@link LayerWeights}. Non-square
 * kernels, strides and zero padding are supported (the spoken-digit CRNN uses 3×2 kernels, stride 2×1).
 *
 * <p>Computed as im2col + one GEMM ({@link Im2Col}: ND4J's conv2d_bp and its im2col + permute were much slower at
 * the paper's small shapes). Backward is two GEMMs and col2im.
 */
public final class MaskedConv2d implements Layer {
    private final String name;
    private final LayerWeights weights;
    private final int outChannels, inChannels, kh, kw, sy, sx, py, px;

    private long[] inShape;
    private INDArray cols;   // [c*kh*kw, n*oh*ow]
    private INDArray w2;     // [out, c*kh*kw]
    private long oh, ow;
    private boolean inputGradient = true;

    public MaskedConv2d(String name, LayerWeights weights, int strideY, int strideX, int padY, int padX) {
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
    }

    /** Stride 1, no padding (the Fashion-MNIST network's convolutions). */
    public MaskedConv2d(String name, LayerWeights weights) { this(name, weights, 1, 1, 0, 0); }

    @Override public INDArray forward(INDArray x, boolean training) {
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
        if (cols == null || cols.size(1) != g.rows() || cols.dataType() != x.dataType()) {
            cols = org.nd4j.linalg.factory.Nd4j.create(x.dataType(), g.width(), g.rows());   // reused while the batch size stays
        }
        Im2Col.im2col(x, g, cols);
        w2 = weights.weights(training).reshape('c', outChannels, (long) inChannels * kh * kw);
        INDArray y = w2.mmul(cols);                                    // [out, n*oh*ow]
        INDArray out = y.reshape('c', outChannels, inShape[0], oh, ow).permute(1, 0, 2, 3).dup('c');
        Buffers.free(y);   // now, not at the next garbage collection
        return out;
    }

    private Im2Col.Geometry geometry() {
        return new Im2Col.Geometry((int) inShape[0], inChannels, (int) inShape[2], (int) inShape[3], kh, kw, sy, sx, py, px, (int) oh, (int) ow);
    }

    @Override public INDArray backward(INDArray gradOut) {
        long n = inShape[0];
        INDArray gradByChannel = gradOut.permute(1, 0, 2, 3).dup('c');
        INDArray g = gradByChannel.reshape('c', outChannels, n * oh * ow);
        weights.backward(g.mmul(cols.transpose()).reshape('c', weights.shape()));
        if (!inputGradient) {
            Buffers.free(gradByChannel);
            return null;
        }
        INDArray dcolsT = g.transpose().mmul(w2);                       // [n*oh*ow, c*kh*kw], c order
        INDArray dx = Im2Col.col2imRows(dcolsT, geometry());
        Buffers.free(gradByChannel, dcolsT);   // the column gradient is as large as the columns: free it now
        return dx;
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
    public String name() { return name; }

    @Override public String describe() {
        return name + " conv " + inChannels + "->" + outChannels + " " + kh + "x" + kw
                + (sy != 1 || sx != 1 ? " stride " + sy + "x" + sx : "") + (py != 0 || px != 0 ? " pad " + py + "x" + px : "");
    }
}
