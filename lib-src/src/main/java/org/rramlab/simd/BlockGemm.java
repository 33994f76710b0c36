package org.rramlab.simd;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Products of sub-matrices in place: {@code C = op(A) · op(B)} where A, B and C are rectangles inside dense c-order
 * arrays, each given by its first element (an offset into the array) and its row pitch (the leading dimension).
 * This is how a tiled layer multiplies: each 512 × 512 array sees a rectangle of the weight matrix and a slice of the
 * input vectors, and copying those out ({@code get(interval).dup()}) cost ND4J 0.1–0.8 ms per block on the MLP's first
 * layer, more than the block's product. Here OpenBLAS reads the rectangles where they lie (the same OpenBLAS library
 * ND4J calls, through the JavaCPP bindings ND4J ships with).
 *
 * <p>Split by rows of C over the cores as {@link Gemm#product} is (blocks cut from the sizes only, so the numbers do
 * not depend on the thread count). FLOAT and DOUBLE arrays.
 */
public final class BlockGemm {
    private BlockGemm() {}

    /** A rectangle of a dense c-order matrix held in {@code array}: its first element and its row pitch. */
    public record Rect(INDArray array, long offset, int pitch) {
        public Rect {
            if (array.ordering() != 'c' || array.elementWiseStride() != 1) {
                throw new IllegalArgumentException("BlockGemm: expected a contiguous c-order array, got " + java.util.Arrays.toString(array.shape())
                        + " order " + array.ordering() + ", element stride " + array.elementWiseStride());
            }
            if (offset < 0 || pitch < 1) throw new IllegalArgumentException("BlockGemm: offset " + offset + ", pitch " + pitch);
        }

        /** The rectangle starting {@code rows} rows and {@code columns} columns further in. */
        Rect shifted(long rows, long columns) {
            return new Rect(array, offset + rows * pitch + columns, pitch);
        }
    }

    /**
     * {@code c[m, n] = op(a) · op(b)} with op(a) [m, k] and op(b) [k, n]; c is overwritten. The rectangles must lie
     * inside their arrays (checked) and c must not overlap a or b.
     */
    public static void product(Rect a, boolean transA, Rect b, boolean transB, Rect c, int m, int n, int k) {
        DataType type = c.array().dataType();
        if (a.array().dataType() != type || b.array().dataType() != type || type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new IllegalArgumentException("BlockGemm: expected FLOAT or DOUBLE arrays of one type, got "
                    + a.array().dataType() + ", " + b.array().dataType() + ", " + type);
        }
        inside("a", a, transA ? k : m, transA ? m : k);
        inside("b", b, transB ? n : k, transB ? k : n);
        inside("c", c, m, n);
        long work = (long) m * n * k;
        int blocks = Gemm.blocks(work, m);
        if (blocks < 2) {
            run(a, transA, b, transB, c, m, n, k);
            return;
        }
        Parallel.forEachTask(blocks, block -> {
            int from = (int) ((long) m * block / blocks), to = (int) ((long) m * (block + 1) / blocks);
            Rect rowsOfA = transA ? a.shifted(0, from) : a.shifted(from, 0);
            run(rowsOfA, transA, b, transB, c.shifted(from, 0), to - from, n, k);
        });
    }

    /**
     * {@code c = op(a) · op(b)}, or {@code c += op(a) · op(b)} when {@code accumulate}, on this thread only: for callers
     * that cut the work themselves (a shifted convolution's taps, each adding into one output). Checked as
     * {@link #product}; FLOAT only.
     */
    public static void productOnThisThread(Rect a, boolean transA, Rect b, boolean transB, Rect c, int m, int n, int k, boolean accumulate) {
        if (a.array().dataType() != DataType.FLOAT || b.array().dataType() != DataType.FLOAT || c.array().dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("BlockGemm: expected FLOAT arrays, got " + a.array().dataType() + ", " + b.array().dataType()
                    + ", " + c.array().dataType());
        }
        inside("a", a, transA ? k : m, transA ? m : k);
        inside("b", b, transB ? n : k, transB ? k : n);
        inside("c", c, m, n);
        int ta = transA ? openblas.CblasTrans : openblas.CblasNoTrans, tb = transB ? openblas.CblasTrans : openblas.CblasNoTrans;
        openblas.cblas_sgemm(openblas.CblasRowMajor, ta, tb, m, n, k, 1f, floats(a), a.pitch(), floats(b), b.pitch(), accumulate ? 1f : 0f,
                floats(c), c.pitch());
    }

    private static void run(Rect a, boolean transA, Rect b, boolean transB, Rect c, int m, int n, int k) {
        int ta = transA ? openblas.CblasTrans : openblas.CblasNoTrans, tb = transB ? openblas.CblasTrans : openblas.CblasNoTrans;
        if (c.array().dataType() == DataType.FLOAT) {
            openblas.cblas_sgemm(openblas.CblasRowMajor, ta, tb, m, n, k, 1f, floats(a), a.pitch(), floats(b), b.pitch(), 0f, floats(c), c.pitch());
        } else {
            openblas.cblas_dgemm(openblas.CblasRowMajor, ta, tb, m, n, k, 1.0, doubles(a), a.pitch(), doubles(b), b.pitch(), 0.0, doubles(c), c.pitch());
        }
    }

    /** {@code y[rows, cols] += x[rows, cols]}, rectangles as above (the sum of a tile's converted partial outputs). */
    public static void addInto(Rect x, Rect y, int rows, int cols) {
        inside("x", x, rows, cols);
        inside("y", y, rows, cols);
        boolean flat = x.pitch() == cols && y.pitch() == cols;   // one contiguous run: one call
        int runs = flat ? 1 : rows, length = flat ? rows * cols : cols;
        for (int r = 0; r < runs; r++) {
            if (y.array().dataType() == DataType.FLOAT) {
                openblas.cblas_saxpy(length, 1f, floats(x.shifted(r, 0)), 1, floats(y.shifted(r, 0)), 1);
            } else {
                openblas.cblas_daxpy(length, 1.0, doubles(x.shifted(r, 0)), 1, doubles(y.shifted(r, 0)), 1);
            }
        }
    }

    private static void inside(String name, Rect r, long rows, long cols) {
        long last = r.offset() + (rows - 1) * r.pitch() + cols;   // one past the rectangle's last element
        if (rows < 1 || cols < 1 || cols > r.pitch() || last > r.array().length()) {
            throw new IllegalArgumentException("BlockGemm: " + name + " = " + rows + " x " + cols + " at offset " + r.offset() + ", pitch "
                    + r.pitch() + " does not lie inside an array of " + r.array().length() + " elements");
        }
    }

    private static FloatPointer floats(Rect r) {
        FloatPointer base = (FloatPointer) r.array().data().addressPointer();
        return new FloatPointer(base).position(r.array().offset() + r.offset());
    }

    private static DoublePointer doubles(Rect r) {
        DoublePointer base = (DoublePointer) r.array().data().addressPointer();
        return new DoublePointer(base).position(r.array().offset() + r.offset());
    }
}
