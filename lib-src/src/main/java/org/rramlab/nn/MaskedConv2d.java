package org.rramlab.nn;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.convolution.Convolution;

/**
 * 2-D convolution without bias on [n, c, h, w], weights [out, c, kh, kw] from a {@link LayerWeights}. Non-square
 * kernels, strides and zero padding are supported (the spoken-digit CRNN uses 3×2 kernels, stride 2×1).
 *
 * <p>Computed as im2col + one GEMM: ND4J's own conv2d op is several times slower at the paper's small shapes
 * (reproduction notes: 13 ms vs. a 6000×576×16 product). Backward is two GEMMs and col2im.
 *
 * <p>Large images with few output channels (the U-Net's upper levels) take a batched path instead: one GEMM per
 * image on im2col's own [n, c·kh·kw, oh·ow] layout, which gives [n, out, oh·ow] = the output layout directly. It
 * avoids the 6-D permute copies of the single-GEMM path (145 ms of 200 ms for 32×8×48×48 → 8 channels) at the cost
 * of repeating the weights per image, so it is chosen only when oh·ow ≥ out.
 */
public final class MaskedConv2d implements Layer {
    private final String name;
    private final LayerWeights weights;
    private final int outChannels, inChannels, kh, kw, sy, sx, py, px;

    private long[] inShape;
    private INDArray cols;   // [n*oh*ow, c*kh*kw]
    private INDArray w2;     // [out, c*kh*kw]
    private long oh, ow;
    private boolean batched;   // per-image GEMMs on im2col's layout (see the class comment)
    private INDArray cols3;    // [n, c*kh*kw, oh*ow] in the batched path

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
        long n = inShape[0];
        // im2col gives [n, c, kh, kw, oh, ow]; rows of the GEMM are output positions
        INDArray col6 = Convolution.im2col(x, kh, kw, sy, sx, py, px, false);
        w2 = weights.weights(training).reshape('c', outChannels, (long) inChannels * kh * kw);
        batched = oh * ow >= outChannels;
        if (batched) {
            cols = null;
            cols3 = col6.dup('c').reshape('c', n, (long) inChannels * kh * kw, oh * ow);
            INDArray wn = w2.reshape('c', 1, outChannels, (long) inChannels * kh * kw).broadcast(n, outChannels, (long) inChannels * kh * kw);
            return org.nd4j.linalg.factory.Nd4j.matmul(wn, cols3).reshape('c', n, outChannels, oh, ow);
        }
        cols3 = null;
        cols = col6.permute(0, 4, 5, 1, 2, 3).dup('c').reshape('c', n * oh * ow, (long) inChannels * kh * kw);
        INDArray y = cols.mmul(w2.transpose());                       // [n*oh*ow, out]
        return y.reshape('c', n, oh, ow, outChannels).permute(0, 3, 1, 2).dup('c');
    }

    @Override public INDArray backward(INDArray gradOut) {
        long n = inShape[0];
        if (batched) {
            long k = (long) inChannels * kh * kw;
            INDArray g3 = gradOut.dup('c').reshape('c', n, outChannels, oh * ow);
            weights.backward(org.nd4j.linalg.factory.Nd4j.matmul(g3, cols3, null, false, true, false).sum(0).reshape('c', weights.shape()));
            INDArray wt = w2.transpose().dup('c').reshape('c', 1, k, outChannels).broadcast(n, k, outChannels);
            INDArray dcol6 = org.nd4j.linalg.factory.Nd4j.matmul(wt, g3).reshape('c', n, inChannels, kh, kw, oh, ow);
            INDArray dx = org.nd4j.linalg.factory.Nd4j.create(gradOut.dataType(), inShape);
            return Convolution.col2im(dcol6, dx, sy, sx, py, px, (int) inShape[2], (int) inShape[3], 1, 1);
        }
        INDArray g = gradOut.permute(0, 2, 3, 1).dup('c').reshape('c', n * oh * ow, outChannels);
        weights.backward(g.transpose().mmul(cols).reshape('c', weights.shape()));
        INDArray dcols = g.mmul(w2);                                   // [n*oh*ow, c*kh*kw]
        INDArray dcol6 = dcols.reshape('c', n, oh, ow, inChannels, kh, kw).permute(0, 3, 4, 5, 1, 2).dup('c');
        INDArray dx = org.nd4j.linalg.factory.Nd4j.create(gradOut.dataType(), inShape);
        return Convolution.col2im(dcol6, dx, sy, sx, py, px, (int) inShape[2], (int) inShape[3], 1, 1);
    }

    @Override public List<Param> params() { return weights.params(); }
    public LayerWeights layerWeights() { return weights; }
    public String name() { return name; }

    @Override public String describe() {
        return name + " conv " + inChannels + "->" + outChannels + " " + kh + "x" + kw
                + (sy != 1 || sx != 1 ? " stride " + sy + "x" + sx : "") + (py != 0 || px != 0 ? " pad " + py + "x" + px : "");
    }
}
