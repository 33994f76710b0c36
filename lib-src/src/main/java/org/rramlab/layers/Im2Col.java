package org.rramlab.layers;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;
import org.rramlab.simd.Parallel;

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

    /**
     * The elements of a contiguous FLOAT array by one bulk copy into {@code reuse} when it has the right length (else a
     * new array). {@code DataBuffer.asFloat} copies element by element: 3 ms for 3.4 M floats against 0.3 ms.
     */
    static float[] get(INDArray contiguous, float[] reuse) {
        float[] values = reuse != null && reuse.length == contiguous.length() ? reuse : new float[(int) contiguous.length()];
        ((org.bytedeco.javacpp.FloatPointer) contiguous.data().pointer()).position(0).get(values, 0, values.length);
        return values;
    }

    /** This thread's column buffer per data type (FLOAT, DOUBLE): the largest ever asked for. */
    private static final ThreadLocal<java.util.EnumMap<DataType, INDArray>> SCRATCH = ThreadLocal.withInitial(() -> new java.util.EnumMap<>(DataType.class));

    /**
     * A [rows, columns] c-order matrix on this thread's column buffer, valid until the next call on this thread: one
     * buffer for every convolution of every model instead of one per layer (the paper U-Net's column matrices, all
     * kept from forward to backward, were ~1.5 GB of its resident size). Its contents are undefined.
     */
    static INDArray scratch(DataType type, long rows, long columns) {
        java.util.EnumMap<DataType, INDArray> buffers = SCRATCH.get();
        long length = rows * columns;
        INDArray flat = buffers.get(type);
        if (flat == null || flat.length() < length) {
            if (flat != null) Buffers.free(flat);
            flat = Nd4j.createUninitialized(type, Math.max(length, 1));
            buffers.put(type, flat);
        }
        INDArray part = flat.length() == length ? flat : flat.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, length));
        return part.reshape('c', rows, columns);
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
        INDArray c = contiguous(x);
        try {
            im2colContiguous(c, g, cols);
        } finally {
            if (c != x) Buffers.free(c);   // a copy made here: freed now, not at the next garbage collection
        }
    }

    private static void im2colContiguous(INDArray x, Geometry g, INDArray cols) {
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
            // one row (ch, ky, kx) at a time straight into the native columns: a whole-matrix Java array cost a
            // 14 MB allocation per call at the paper's conv2 (and far more in the U-Net); the rows are split over the
            // cores, each share with its own row buffer and its own pointer into the columns
            float[] in = input(x);
            org.bytedeco.javacpp.FloatPointer columns = (org.bytedeco.javacpp.FloatPointer) cols.data().pointer();
            int kernelArea = g.kh * g.kw;
            Parallel.forRange(g.width(), Math.max(1, (1 << 16) / Math.max(1, positions)), (firstRow, endRow) -> {
                float[] row = rows(positions);
                org.bytedeco.javacpp.FloatPointer target = new org.bytedeco.javacpp.FloatPointer(columns);
                for (int r = firstRow; r < endRow; r++) {
                    int ch = r / kernelArea, ky = (r % kernelArea) / g.kw, kx = r % g.kw;
                    int o = 0;
                    for (int b = 0; b < g.n; b++) for (int oy = 0; oy < g.oh; oy++) {
                        int iy = oy * g.sy - g.py + ky;
                        boolean rowIn = iy >= 0 && iy < g.h;
                        int rowBase = ((b * g.c + ch) * g.h + iy) * g.w;
                        if (!rowIn) {
                            Arrays.fill(row, o, o + g.ow, 0f);
                            o += g.ow;
                        } else if (g.sx == 1) {   // a zero border, then one contiguous run, then a zero border
                            int first = Math.min(g.ow, Math.max(0, g.px - kx)), end = Math.max(first, Math.min(g.ow, g.w + g.px - kx));
                            Arrays.fill(row, o, o + first, 0f);
                            System.arraycopy(in, rowBase + first - g.px + kx, row, o + first, end - first);
                            Arrays.fill(row, o + end, o + g.ow, 0f);
                            o += g.ow;
                        } else {
                            for (int ox = 0; ox < g.ow; ox++, o++) {
                                int ix = ox * g.sx - g.px + kx;
                                row[o] = ix >= 0 && ix < g.w ? in[rowBase + ix] : 0f;
                            }
                        }
                    }
                    target.position((long) r * positions).put(row, 0, positions);
                }
            });
        }
    }

    /** Each thread's block of rows being built before one bulk copy into the native columns. */
    private static final ThreadLocal<float[]> ROWS = ThreadLocal.withInitial(() -> new float[0]);

    /**
     * The elements of a contiguous FLOAT array in this thread's Java buffer (slot 0 of {@link HostScratch}, the largest
     * ever asked for: a new array per call was 2 % in memset); longer than needed, maybe.
     */
    private static float[] input(INDArray contiguous) {
        return HostScratch.read(contiguous, 0);
    }

    private static float[] rows(int length) {
        float[] buffer = ROWS.get();
        if (buffer.length < length) {
            buffer = new float[length];
            ROWS.set(buffer);
        }
        return buffer;
    }

    /**
     * Fills {@code colsT} [n·oh·ow, c·kh·kw] (allocated by the caller, c order): row p holds the window of output
     * position p, in the weights' (ch, ky, kx) order. The transpose of {@link #im2col}'s layout: a convolution's
     * products with few output channels are faster on it (the GEMM packs it in long contiguous runs: conv2 of the
     * paper's CNN 1.9 against 2.6 ms), and split by positions each core builds and multiplies its own contiguous rows.
     */
    static void im2colRows(INDArray x, Geometry g, INDArray colsT) {
        INDArray c = contiguous(x);
        try {
            im2colRowsContiguous(c, g, colsT);
        } finally {
            if (c != x) Buffers.free(c);
        }
    }

    private static void im2colRowsContiguous(INDArray x, Geometry g, INDArray colsT) {
        int positions = g.rows(), width = g.width(), perExample = g.oh * g.ow;
        if (x.dataType() == DataType.DOUBLE) {
            double[] in = x.data().asDouble();
            double[] out = new double[positions * width];
            for (int p = 0; p < positions; p++) windowRow(in, g, p / perExample, (p % perExample) / g.ow, p % g.ow, out, p * width);
            put(colsT, out);
            return;
        }
        float[] in = input(x);
        org.bytedeco.javacpp.FloatPointer columns = (org.bytedeco.javacpp.FloatPointer) colsT.data().pointer();
        // by output rows (b, oy): each (ch, ky) input row is read once for the ow windows it feeds
        int rowWidth = g.ow * width, outputRows = g.n * g.oh;
        int perBlock = Math.max(1, (1 << 14) / rowWidth);   // output rows per bulk copy: a 64 kB block stays in the cache
        Parallel.forRange(outputRows, Math.max(1, (1 << 16) / rowWidth), (first, end) -> {
            float[] block = rows(Math.min(perBlock, end - first) * rowWidth);
            org.bytedeco.javacpp.FloatPointer target = new org.bytedeco.javacpp.FloatPointer(columns);
            for (int r0 = first; r0 < end; r0 += perBlock) {
                int r1 = Math.min(end, r0 + perBlock);
                for (int r = r0; r < r1; r++) windowsOfRow(in, g, r / g.oh, r % g.oh, block, (r - r0) * rowWidth);
                target.position((long) r0 * rowWidth).put(block, 0, (r1 - r0) * rowWidth);
            }
        });
    }

    /** The ow windows of output row (b, oy), one after the other from {@code o}: zeros outside the input. */
    private static void windowsOfRow(float[] in, Geometry g, int b, int oy, float[] out, int o) {
        int width = g.width(), kw = g.kw;
        for (int ch = 0; ch < g.c; ch++) {
            int plane = (b * g.c + ch) * g.h;
            for (int ky = 0; ky < g.kh; ky++) {
                int iy = oy * g.sy - g.py + ky, slot = o + (ch * g.kh + ky) * kw;
                if (iy < 0 || iy >= g.h) {
                    for (int ox = 0; ox < g.ow; ox++) Arrays.fill(out, slot + ox * width, slot + ox * width + kw, 0f);
                    continue;
                }
                int rowBase = (plane + iy) * g.w;
                for (int ox = 0, at = slot; ox < g.ow; ox++, at += width) {
                    int x0 = ox * g.sx - g.px;
                    if (kw == 3 && x0 >= 0 && x0 + 3 <= g.w) {   // the networks' 3-wide kernels, unrolled
                        int i = rowBase + x0;
                        out[at] = in[i];
                        out[at + 1] = in[i + 1];
                        out[at + 2] = in[i + 2];
                    } else if (x0 >= 0 && x0 + kw <= g.w) {
                        for (int kx = 0, i = rowBase + x0; kx < kw; kx++) out[at + kx] = in[i + kx];
                    } else {
                        for (int kx = 0; kx < kw; kx++) {
                            int ix = x0 + kx;
                            out[at + kx] = ix >= 0 && ix < g.w ? in[rowBase + ix] : 0f;
                        }
                    }
                }
            }
        }
    }

    private static void windowRow(double[] in, Geometry g, int b, int oy, int ox, double[] out, int o) {
        for (int ch = 0; ch < g.c; ch++) for (int ky = 0; ky < g.kh; ky++) for (int kx = 0; kx < g.kw; kx++, o++) {
            int iy = oy * g.sy - g.py + ky, ix = ox * g.sx - g.px + kx;
            out[o] = iy >= 0 && iy < g.h && ix >= 0 && ix < g.w ? in[((b * g.c + ch) * g.h + iy) * g.w + ix] : 0;
        }
    }

    /**
     * A contiguous [a, b, run] array as a new contiguous [b, a, run] one (e.g. a convolution's product [out, n, h·w]
     * as [n, out, h·w]). FLOAT: one bulk copy out, one bulk copy in per run; ND4J's permute + dup (its element-wise
     * Assign) was 5–8 % of a CNN step. Returned flat as [b, a·run]: reshape it.
     */
    static INDArray swapLeadingAxes(INDArray source, int a, int b, int run) {
        if (source.dataType() != DataType.FLOAT) {
            INDArray x = contiguous(source);
            INDArray swapped = x.reshape('c', a, b, run).permute(1, 0, 2).dup('c').reshape('c', b, (long) a * run);
            if (x != source) Buffers.free(x);
            return swapped;
        }
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, b, (long) a * run);
        swapLeadingAxesInto(source, a, b, run, out, 0);
        return out;
    }

    /**
     * {@link #swapLeadingAxes} into {@code target} (FLOAT, created here: offset 0, contiguous) from element
     * {@code targetOffset} on: one block of examples of a larger [b, a, run] array.
     */
    static void swapLeadingAxesInto(INDArray source, int a, int b, int run, INDArray target, long targetOffset) {
        INDArray x = contiguous(source);
        if (x.dataType() != DataType.FLOAT || target.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("swapLeadingAxesInto: expected FLOAT arrays, got " + x.dataType() + " and " + target.dataType());
        }
        float[] values = HostScratch.read(x, 1);   // this thread's Java copy of the source
        if (x != source) Buffers.free(x);
        putSwapped(values, a, b, run, target, targetOffset);
    }

    /**
     * Target block j ([a, run], contiguous) gathered from the a runs in {@code values} into this thread's row buffer,
     * then one bulk copy: one native call per block instead of one per run (3,840 at the paper CNN's conv1, most of
     * the swap's time). The blocks are split over the cores.
     */
    private static void putSwapped(float[] values, int a, int b, int run, INDArray out, long offset) {
        org.bytedeco.javacpp.FloatPointer pointer = (org.bytedeco.javacpp.FloatPointer) out.data().pointer();
        int block = a * run;
        Parallel.forRange(b, Math.max(1, (1 << 15) / Math.max(1, block)), (first, end) -> {
            org.bytedeco.javacpp.FloatPointer target = new org.bytedeco.javacpp.FloatPointer(pointer);
            float[] gathered = rows(block);
            for (int j = first; j < end; j++) {
                for (int i = 0; i < a; i++) System.arraycopy(values, (i * b + j) * run, gathered, i * run, run);
                target.position(offset + (long) j * block).put(gathered, 0, block);
            }
        });
    }

    /**
     * col2im from position-major column gradients [n·oh·ow, c·kh·kw] (= dY·W, which a GEMM writes in c order without
     * the copy a transposed product into [c·kh·kw, n·oh·ow] costs).
     */
    static INDArray col2imRows(INDArray dcolsT, Geometry g) {
        // read through the buffer from its start: a scratch view (longer buffer, offset 0) needs no copy
        boolean fromStart = dcolsT.ordering() == 'c' && dcolsT.offset() == 0 && Shape.hasDefaultStridesForShape(dcolsT);
        if (!fromStart) dcolsT = dcolsT.dup('c');
        INDArray dx = Nd4j.create(dcolsT.dataType(), g.n, g.c, g.h, g.w);
        if (dcolsT.dataType() == DataType.DOUBLE) {
            double[] in = dcolsT.data().asDouble();
            double[] out = new double[g.n * g.c * g.h * g.w];
            int o = 0;
            for (int b = 0; b < g.n; b++) for (int oy = 0; oy < g.oh; oy++) for (int ox = 0; ox < g.ow; ox++)
                for (int ch = 0; ch < g.c; ch++) for (int ky = 0; ky < g.kh; ky++) {
                    int iy = oy * g.sy - g.py + ky;
                    int rowBase = ((b * g.c + ch) * g.h + iy) * g.w;
                    for (int kx = 0; kx < g.kw; kx++, o++) {
                        int ix = ox * g.sx - g.px + kx;
                        if (iy >= 0 && iy < g.h && ix >= 0 && ix < g.w) out[rowBase + ix] += in[o];
                    }
                }
            put(dx, out);
            return dx;
        }
        // FLOAT: the column gradient is read from native memory a block of positions at a time (no whole-matrix
        // copy); the examples are split over the cores (each writes only its own pixels)
        float[] out = new float[g.n * g.c * g.h * g.w];
        int width = g.width(), perExample = g.oh * g.ow;
        org.bytedeco.javacpp.FloatPointer columns = (org.bytedeco.javacpp.FloatPointer) dcolsT.data().pointer();
        Parallel.forRange(g.n, Math.max(1, (1 << 18) / Math.max(1, perExample * width)), (firstExample, endExample) -> {
            int positions = (endExample - firstExample) * perExample, firstPosition = firstExample * perExample;
            int blockPositions = Math.max(1, Math.min(positions, (1 << 16) / width));
            float[] block = new float[blockPositions * width];
            org.bytedeco.javacpp.FloatPointer source = new org.bytedeco.javacpp.FloatPointer(columns);
            int position = 0;
            for (int b = firstExample; b < endExample; b++) for (int oy = 0; oy < g.oh; oy++) for (int ox = 0; ox < g.ow; ox++, position++) {
                int inBlock = position % blockPositions;
                if (inBlock == 0) {
                    int count = Math.min(blockPositions, positions - position);
                    source.position((long) (firstPosition + position) * width).get(block, 0, count * width);
                }
                int o = inBlock * width;
                for (int ch = 0; ch < g.c; ch++) {
                    int plane = (b * g.c + ch) * g.h;
                    for (int ky = 0; ky < g.kh; ky++) {
                        int iy = oy * g.sy - g.py + ky;
                        if (iy < 0 || iy >= g.h) { o += g.kw; continue; }
                        int rowBase = (plane + iy) * g.w;
                        for (int kx = 0; kx < g.kw; kx++, o++) {
                            int ix = ox * g.sx - g.px + kx;
                            if (ix >= 0 && ix < g.w) out[rowBase + ix] += block[o];
                        }
                    }
                }
            }
        });
        put(dx, out);
        return dx;
    }
}
