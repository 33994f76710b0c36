package org.rramlab.layers;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rramlab.simd.Gemm;

/**
 * Bilinear upsampling of [n, c, h, w] by an integer factor, as PyTorch's
 * {@code nn.Upsample(scale_factor = s, mode = 'bilinear', align_corners = ...)}.
 *
 * <p>Bilinear interpolation is separable and linear, so it is written as two small matrix products per image:
 * {@code out = Uh · x · Uwᵀ} with interpolation matrices {@code Uh} [s·h, h] and {@code Uw} [s·w, w]; the backward is
 * the transpose, {@code dx = Uhᵀ · dout · Uw}. Both {@link Corners modes} are offered: PyTorch's default is
 * {@code align_corners = False} (half-pixel centres, edge pixels clamped); milesial's widely copied U-Net, which the
 * paper's channel plan matches, uses {@code align_corners = True}.
 */
public final class BilinearUpsample2d implements Layer {

    /** How output pixel centres map onto input coordinates (PyTorch's {@code align_corners}). */
    public enum Corners {
        /** align_corners = False (PyTorch's default): src = (dst + 0.5) / s − 0.5, clamped at 0. */
        HALF_PIXEL,
        /** align_corners = True: the corner pixels of input and output coincide, src = dst · (in − 1) / (out − 1). */
        ALIGNED
    }

    private final int scale;
    private final Corners corners;
    private long[] inShape;
    private INDArray uh, uw;   // [s*h, h], [s*w, w] for the last input size

    public BilinearUpsample2d(int scale, Corners corners) {
        if (scale < 1) throw new IllegalArgumentException("scale: expected >= 1, got " + scale);
        if (corners == null) throw new IllegalArgumentException("corners: expected HALF_PIXEL or ALIGNED, got null");
        this.scale = scale;
        this.corners = corners;
    }

    /** The interpolation matrix [out, in] along one axis: row o holds the weights of the input pixels feeding o. */
    public static double[][] matrix(int in, int out, Corners corners) {
        if (in < 1 || out < 1) throw new IllegalArgumentException("bilinear axis: expected in, out >= 1, got " + in + ", " + out);
        double[][] m = new double[out][in];
        for (int o = 0; o < out; o++) {
            double src;
            if (corners == Corners.ALIGNED) {
                src = out == 1 ? 0 : o * (in - 1.0) / (out - 1.0);
            } else {
                src = Math.max(0, (o + 0.5) * in / out - 0.5);
            }
            int i0 = Math.min((int) Math.floor(src), in - 1);
            int i1 = Math.min(i0 + 1, in - 1);
            double frac = src - i0;
            m[o][i0] += 1 - frac;
            m[o][i1] += frac;
        }
        return m;
    }

    @Override public INDArray forward(INDArray x, boolean training) {
        if (x.rank() != 4) throw new IllegalArgumentException("upsample input: expected [n, c, h, w], got " + Arrays.toString(x.shape()));
        long[] shape = x.shape();
        if (inShape == null || shape[2] != inShape[2] || shape[3] != inShape[3] || uh.dataType() != x.dataType()) {
            int h = (int) shape[2], w = (int) shape[3];
            uh = Nd4j.create(matrix(h, h * scale, corners)).castTo(x.dataType());
            uw = Nd4j.create(matrix(w, w * scale, corners)).castTo(x.dataType());
        }
        inShape = shape;
        return apply(x, uh, uw, false);
    }

    @Override public INDArray backward(INDArray gradOut) {
        return apply(gradOut, uh, uw, true);
    }

    /**
     * y[b] = mh · x[b] · mwᵀ for every image-channel b, as two GEMMs over the whole batch ({@code Nd4j.gemm} into
     * outputs created here; {@code mmul} allocates on a slower path), with (mh, mw) = (uh, uw), or their transposes
     * for the gradient.
     */
    private static INDArray apply(INDArray x, INDArray uh, INDArray uw, boolean transposed) {
        long n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
        long oh = transposed ? uh.columns() : uh.rows(), ow = transposed ? uw.columns() : uw.rows();
        INDArray xc = Im2Col.contiguous(x);
        INDArray alongW = Nd4j.create(x.dataType(), n * c * h, ow);
        Gemm.product(xc.reshape('c', n * c * h, w), uw, alongW, false, !transposed);     // [n*c*h, ow]
        INDArray t = alongW.reshape('c', n * c, h, ow).permute(0, 2, 1).dup('c');               // [n*c, ow, h]
        INDArray alongH = Nd4j.create(x.dataType(), n * c * ow, oh);
        Gemm.product(t.reshape('c', n * c * ow, h), uh, alongH, false, !transposed);     // [n*c*ow, oh]
        INDArray y = Nd4j.create(x.dataType(), n, c, oh, ow);
        y.reshape('c', n * c, oh, ow).assign(alongH.reshape('c', n * c, ow, oh).permute(0, 2, 1));
        Buffers.free(alongW, t, alongH);   // temporaries: free now, not at the next collection
        if (xc != x) Buffers.free(xc);
        return y;
    }

    public int scale() { return scale; }
    public Corners corners() { return corners; }

    @Override public String describe() {
        return "upsample x" + scale + " bilinear" + (corners == Corners.ALIGNED ? " align_corners" : "");
    }
}
