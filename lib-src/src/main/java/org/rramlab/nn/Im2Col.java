package org.rramlab.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * im2col / col2im as plain Java loops over the arrays' data. At the paper's shapes ND4J's own im2col followed by the
 * permute to GEMM layout was ~10× slower (rank-6 strided copy), and its conv2d_bp op ~20× slower than this, so these
 * loops are the measured fast path (see {@code org.rramlab.bench.TrainingBenchmark}).
 *
 * <p>Layout: input [n, c, h, w] (c order); columns [c·kh·kw, n·oh·ow], so the convolution is one GEMM
 * [out, c·kh·kw] × columns = [out, n·oh·ow]; the input gradient comes back position-major (see {@link #col2imRows}).
 */
final class Im2Col {
    private Im2Col() {}

    record Geometry(int n, int c, int h, int w, int kh, int kw, int sy, int sx, int py, int px, int oh, int ow) {
        int rows() { return n * oh * ow; }
        int width() { return c * kh * kw; }
    }

    /** Bulk copy into a freshly created (offset 0, contiguous) array: DataBuffer.setData copies element-wise (~6× slower). */
    static void put(INDArray target, float[] data) {
        ((org.bytedeco.javacpp.FloatPointer) target.data().pointer()).position(0).put(data, 0, data.length);
    }

    static void put(INDArray target, double[] data) {
        ((org.bytedeco.javacpp.DoublePointer) target.data().pointer()).position(0).put(data, 0, data.length);
    }

    static INDArray contiguous(INDArray x) {
        boolean plain = x.ordering() == 'c' && x.offset() == 0 && x.data().length() == x.length()
                && Shape.hasDefaultStridesForShape(x);
        return plain ? x : x.dup('c');
    }

    /**
     * Fills {@code cols} [c·kh·kw, n·oh·ow] (allocated by the caller): row (ch, ky, kx) holds that input pixel of
     * every output position. This transposed layout copies contiguous runs, several times faster than one row per
     * output position.
     */
    static void im2col(INDArray x, Geometry g, INDArray cols) {
        x = contiguous(x);
        int positions = g.rows();
        if (x.dataType() == DataType.DOUBLE) {
            double[] in = x.data().asDouble();
            double[] out = new double[positions * g.width()];
            int o = 0;
            for (int ch = 0; ch < g.c; ch++) for (int ky = 0; ky < g.kh; ky++) for (int kx = 0; kx < g.kw; kx++)
                for (int b = 0; b < g.n; b++) for (int oy = 0; oy < g.oh; oy++) {
                    int iy = oy * g.sy - g.py + ky;
                    boolean rowIn = iy >= 0 && iy < g.h;
                    int rowBase = ((b * g.c + ch) * g.h + iy) * g.w;
                    for (int ox = 0; ox < g.ow; ox++, o++) {
                        int ix = ox * g.sx - g.px + kx;
                        out[o] = rowIn && ix >= 0 && ix < g.w ? in[rowBase + ix] : 0;
                    }
                }
            put(cols, out);
        } else {
            float[] in = x.data().asFloat();
            float[] out = new float[positions * g.width()];
            int o = 0;
            for (int ch = 0; ch < g.c; ch++) for (int ky = 0; ky < g.kh; ky++) for (int kx = 0; kx < g.kw; kx++)
                for (int b = 0; b < g.n; b++) for (int oy = 0; oy < g.oh; oy++) {
                    int iy = oy * g.sy - g.py + ky;
                    boolean rowIn = iy >= 0 && iy < g.h;
                    int rowBase = ((b * g.c + ch) * g.h + iy) * g.w;
                    if (rowIn && g.sx == 1 && g.px == 0) {
                        System.arraycopy(in, rowBase + kx, out, o, g.ow);
                        o += g.ow;
                        continue;
                    }
                    for (int ox = 0; ox < g.ow; ox++, o++) {
                        int ix = ox * g.sx - g.px + kx;
                        out[o] = rowIn && ix >= 0 && ix < g.w ? in[rowBase + ix] : 0f;
                    }
                }
            put(cols, out);
        }
    }

    /**
     * col2im from position-major column gradients [n·oh·ow, c·kh·kw] (= dY·W, which a GEMM writes in c order without
     * the copy a transposed product into [c·kh·kw, n·oh·ow] costs).
     */
    static INDArray col2imRows(INDArray dcolsT, Geometry g) {
        dcolsT = contiguous(dcolsT);
        INDArray dx = Nd4j.create(dcolsT.dataType(), g.n, g.c, g.h, g.w);
        boolean isDouble = dcolsT.dataType() == DataType.DOUBLE;
        double[] inD = isDouble ? dcolsT.data().asDouble() : null;
        float[] inF = isDouble ? null : dcolsT.data().asFloat();
        double[] outD = isDouble ? new double[g.n * g.c * g.h * g.w] : null;
        float[] outF = isDouble ? null : new float[g.n * g.c * g.h * g.w];
        int o = 0;
        for (int b = 0; b < g.n; b++) for (int oy = 0; oy < g.oh; oy++) for (int ox = 0; ox < g.ow; ox++)
            for (int ch = 0; ch < g.c; ch++) {
                int plane = (b * g.c + ch) * g.h;
                for (int ky = 0; ky < g.kh; ky++) {
                    int iy = oy * g.sy - g.py + ky;
                    boolean rowIn = iy >= 0 && iy < g.h;
                    int rowBase = (plane + iy) * g.w;
                    for (int kx = 0; kx < g.kw; kx++, o++) {
                        int ix = ox * g.sx - g.px + kx;
                        if (!rowIn || ix < 0 || ix >= g.w) continue;
                        if (isDouble) outD[rowBase + ix] += inD[o]; else outF[rowBase + ix] += inF[o];
                    }
                }
            }
        if (isDouble) put(dx, outD); else put(dx, outF);
        return dx;
    }
}
