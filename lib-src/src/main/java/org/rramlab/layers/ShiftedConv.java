package org.rramlab.layers;

import java.util.Arrays;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rramlab.simd.BlockGemm;
import org.rramlab.simd.BlockGemm.Rect;
import org.rramlab.simd.Gemm;
import org.rramlab.simd.Parallel;

/**
 * A stride-1 convolution as kh·kw shifted products, without a column matrix. The input is laid out channel-major and
 * zero-padded, [c, n·hp·wp] (hp, wp: the padded height and width); output position p of that grid sums, over the
 * taps (ky, kx), {@code W[:, :, ky, kx] · x[:, p + ky·wp + kx]}: each tap is one GEMM of the weights' [out, c] slice
 * with the whole input shifted by a constant, read in place as a rectangle. Positions too close to a row's or an
 * image's end (x ≥ ow or y ≥ oh) read past it and are dropped when the output is copied out; they cost
 * hp·wp / (oh·ow) more products (1.44× at the paper CNN's unpadded 12×12 → 10×10, 1.09× at the U-Net's padded 48×48).
 *
 * <p>Why: im2col writes every input value kh·kw times into a column matrix that the GEMM then packs again; at the
 * paper CNN's conv2 building the 14 MB of columns took as long as the product. Here the only copies are the padded
 * input (once), the output and the gradients (once each).
 *
 * <p>Backward, with the output gradient spread onto the same grid (zeros at the dropped positions, and a front margin
 * of zeros as long as the largest shift): the weight gradient of tap t is {@code G · x_shifted(t)ᵀ}, the input
 * gradient {@code Σ_t W_tᵀ · G_shifted(−t)}; the zeros make both exact, wrapped reads included.
 *
 * <p>FLOAT only (the DOUBLE path of {@link MaskedConv2d} is the im2col reference the tests compare with). The
 * products are cut into at most two blocks of positions chosen from the sizes alone ({@link Gemm#blocks}), so the
 * numbers do not depend on the thread count. Buffers: three per thread, shared by every layer (each the largest ever
 * asked for; their contents are dead after each call), plus HostScratch's Java slots for the layout copies.
 */
final class ShiftedConv {
    private final int n, c, h, w, out, kh, kw, py, px, wp, oh, ow, plane, taps, tail;
    private final int positions;
    /** Every grid's row pitch: the positions and a margin of {@code tail} (at the end for the input, in front for the gradient). */
    private final int pitch;

    ShiftedConv(int n, int c, int h, int w, int out, int kh, int kw, int py, int px) {
        this.n = n; this.c = c; this.h = h; this.w = w; this.out = out; this.kh = kh; this.kw = kw; this.py = py; this.px = px;
        int hp = h + 2 * py;
        this.wp = w + 2 * px;
        this.oh = hp - kh + 1;
        this.ow = wp - kw + 1;
        this.plane = hp * wp;
        this.positions = n * plane;
        this.taps = kh * kw;
        this.tail = (kh - 1) * wp + kw - 1;
        this.pitch = positions + tail;
    }

    /**
     * Whether a convolution of this size fits the Java arrays the layout copies use (every buffer under 2³¹ elements)
     * and has at least one output position.
     */
    static boolean fits(long n, long c, long h, long w, long out, int kh, int kw, int py, int px) {
        long hp = h + 2L * py, wp = w + 2L * px;
        if (hp < kh || wp < kw) return false;
        long positions = n * hp * wp, tail = (kh - 1L) * wp + kw - 1;
        long largest = Math.max(Math.max(c, out) * (positions + tail), n * Math.max(c, out) * h * w);
        return largest < Integer.MAX_VALUE - 16;
    }

    /** The weights [out, c·kh·kw] (c order, any offset) as taps [kh·kw][out, c], into {@code reuse} when large enough. */
    INDArray taps(INDArray w2, INDArray reuse) {
        INDArray cw = Im2Col.contiguous(w2);
        float[] k = read(cw, out * c * taps, 0);
        if (cw != w2) Buffers.free(cw);
        float[] t = HostScratch.get(1, out * c * taps);
        for (int o = 0; o < out; o++) for (int ch = 0; ch < c; ch++) for (int tap = 0; tap < taps; tap++) {
            t[(tap * out + o) * c + ch] = k[(o * c + ch) * taps + tap];
        }
        INDArray target = reuse != null && !reuse.wasClosed() && reuse.length() >= (long) out * c * taps ? reuse
                : Nd4j.createUninitialized(DataType.FLOAT, (long) out * c * taps);
        if (target != reuse) Buffers.free(reuse);
        write(target, t, out * c * taps);
        return target;
    }

    /** The input [n, c, h, w] (FLOAT) padded and channel-major, [c, positions + tail], on this thread's slot 0. */
    INDArray padded(INDArray x) {
        // with no padding every grid position is an input pixel: only the tail needs zeros
        return onGrid(x, c, h, w, 0, py, px, py == 0 && px == 0 ? positions : 0, 0);
    }

    /**
     * An [n, channels, rows, width] array on a grid [channels, positions + tail] (placed as {@link #toGrid} says; the
     * input's grid has its margin of {@code tail} at the end, the output gradient's at the front), on this thread's
     * native slot {@code slot}.
     */
    private INDArray onGrid(INDArray a, int channels, int rows, int width, int front, int dy, int dx, int zeroFrom, int slot) {
        INDArray ca = Im2Col.contiguous(a);
        float[] values = read(ca, n * channels * rows * width, 0);
        if (ca != a) Buffers.free(ca);
        int length = channels * pitch;
        float[] grid = HostScratch.get(1, length);
        toGrid(values, channels, rows, width, grid, front, dy, dx, zeroFrom);
        INDArray target = slot(slot, length);
        write(target, grid, length);
        return target;
    }

    /** y [n, out, oh, ow] = the convolution of {@code xpad} ({@link #padded}) with {@code taps} ({@link #taps}). */
    INDArray forward(INDArray xpad, INDArray taps) {
        INDArray full = slot(1, (long) out * positions);
        eachBlock((long) out * c * this.taps * positions, (block, from, cols) -> {
            for (int t = 0; t < this.taps; t++) {
                BlockGemm.productOnThisThread(new Rect(taps, (long) t * out * c, c), false, new Rect(xpad, from + shift(t), pitch), false,
                        new Rect(full, from, positions), out, cols, c, t > 0);
            }
        });
        float[] y = read(full, out * positions, 0);
        float[] result = HostScratch.get(1, n * out * oh * ow);
        fromGrid(y, out, oh, ow, 0, 0, false, result);
        INDArray target = Nd4j.createUninitialized(DataType.FLOAT, n, out, oh, ow);
        write(target, result, n * out * oh * ow);
        return target;
    }

    /**
     * One block of a tiled product ({@link org.rramlab.crossbar.MvmChain#columnsByBlocks}): the partial sums of outputs
     * [outOffset, outOffset + cols) over the inputs [inOffset, inOffset + rows) of the weights' [out, c·kh·kw] order,
     * as a fresh [cols, n·oh·ow] matrix in the columns' (b, oy, ox) order. Input index c·kh·kw + t is channel c at tap
     * t, so each tap contributes one contiguous range of channels: one GEMM per tap on sub-rectangles.
     */
    INDArray blockPartial(INDArray xpad, INDArray taps, int inOffset, int rows, int outOffset, int cols) {
        INDArray full = slot(1, (long) cols * positions);
        eachBlock((long) cols * rows * positions, (block, from, width) -> {
            boolean first = true;
            for (int t = 0; t < this.taps; t++) {
                // the channels whose input index ch·taps + t lies in [inOffset, inOffset + rows)
                int lo = Math.max(0, -Math.floorDiv(t - inOffset, this.taps));
                int hi = Math.min(c - 1, Math.floorDiv(inOffset + rows - 1 - t, this.taps));
                if (lo > hi) continue;
                BlockGemm.productOnThisThread(new Rect(taps, (long) t * out * c + (long) outOffset * c + lo, c), false,
                        new Rect(xpad, (long) lo * pitch + from + shift(t), pitch), false, new Rect(full, from, positions), cols, width, hi - lo + 1, !first);
                first = false;
            }
        });
        float[] y = read(full, cols * positions, 0);
        int vectors = n * oh * ow;
        float[] partial = HostScratch.get(1, cols * vectors);
        fromGrid(y, cols, oh, ow, 0, 0, true, partial);
        INDArray target = Nd4j.createUninitialized(DataType.FLOAT, cols, vectors);
        write(target, partial, cols * vectors);
        return target;
    }

    /**
     * The output gradient [n, out, oh, ow] on the padded grid, [out, tail + positions]: a front margin of {@code tail}
     * zeros (the input gradient reads up to that far back), zeros at the dropped positions. On this thread's slot 2.
     */
    INDArray gradientOnGrid(INDArray gradOut) {
        return onGrid(gradOut, out, oh, ow, tail, 0, 0, 0, 2);
    }

    /** dL/dW [out, c, kh, kw] from the gradient on the grid and the padded input of the same forward. */
    INDArray weightGradient(INDArray grid, INDArray xpad) {
        int perTap = out * c;
        long multiplyAdds = (long) out * c * taps * positions;
        int blocks = Gemm.blocks(multiplyAdds, positions);
        INDArray parts = Nd4j.createUninitialized(DataType.FLOAT, (long) blocks * taps * perTap);
        eachBlock(multiplyAdds, (block, from, cols) -> {
            for (int t = 0; t < taps; t++) {
                BlockGemm.productOnThisThread(new Rect(grid, tail + from, pitch), false, new Rect(xpad, from + shift(t), pitch), true,
                        new Rect(parts, (long) (block * taps + t) * perTap, c), out, c, cols, false);
            }
        });
        float[] p = read(parts, blocks * taps * perTap, 0);
        Buffers.free(parts);
        float[] gw = HostScratch.get(1, perTap * taps);
        for (int t = 0; t < taps; t++) for (int o = 0; o < out; o++) for (int ch = 0; ch < c; ch++) {
            float sum = 0f;
            for (int block = 0; block < blocks; block++) sum += p[(block * taps + t) * perTap + o * c + ch];
            gw[(o * c + ch) * taps + t] = sum;
        }
        INDArray target = Nd4j.createUninitialized(DataType.FLOAT, out, c, kh, kw);
        write(target, gw, perTap * taps);
        return target;
    }

    /** dL/dx [n, c, h, w] from the gradient on the grid and the forward's taps. Uses slot 0 (the padded input is dead). */
    INDArray inputGradient(INDArray grid, INDArray taps) {
        INDArray full = slot(0, (long) c * positions);
        eachBlock((long) out * c * this.taps * positions, (block, from, cols) -> {
            for (int t = 0; t < this.taps; t++) {
                BlockGemm.productOnThisThread(new Rect(taps, (long) t * out * c, c), true, new Rect(grid, tail + from - shift(t), pitch), false,
                        new Rect(full, from, positions), c, cols, out, t > 0);
            }
        });
        float[] d = read(full, c * positions, 0);
        float[] dx = HostScratch.get(1, n * c * h * w);
        fromGrid(d, c, h, w, py, px, false, dx);
        INDArray target = Nd4j.createUninitialized(DataType.FLOAT, n, c, h, w);
        write(target, dx, n * c * h * w);
        return target;
    }

    /**
     * [n, channels, rows, width] (c order) onto a grid [channels, {@link #pitch}]: element (b, k, r, x) goes to
     * k·pitch + front + b·plane + (r + dy)·wp + dx + x. Each channel's row of the grid is zeroed from {@code zeroFrom}
     * on first (0: all of it). Channels split over the cores.
     */
    private void toGrid(float[] src, int channels, int rows, int width, float[] grid, int front, int dy, int dx, int zeroFrom) {
        Parallel.forRange(channels, Math.max(1, (1 << 16) / Math.max(1, n * rows * width)), (from, to) -> {
            for (int k = from; k < to; k++) {
                int row = k * pitch;
                Arrays.fill(grid, row + zeroFrom, row + pitch, 0f);
                for (int b = 0; b < n; b++) for (int r = 0; r < rows; r++) {
                    System.arraycopy(src, ((b * channels + k) * rows + r) * width, grid, row + front + b * plane + (r + dy) * wp + dx, width);
                }
            }
        });
    }

    /**
     * The inverse read, from a product's grid [channels, positions] (no margin): (b, k, r, x) at
     * k·positions + b·plane + (r + dy)·wp + dx + x into {@code dst} as [n, channels, rows, width], or as
     * [channels, n, rows, width] when {@code channelMajor}.
     */
    private void fromGrid(float[] grid, int channels, int rows, int width, int dy, int dx, boolean channelMajor, float[] dst) {
        Parallel.forRange(channels, Math.max(1, (1 << 16) / Math.max(1, n * rows * width)), (from, to) -> {
            for (int k = from; k < to; k++) for (int b = 0; b < n; b++) for (int r = 0; r < rows; r++) {
                int at = channelMajor ? ((k * n + b) * rows + r) * width : ((b * channels + k) * rows + r) * width;
                System.arraycopy(grid, k * positions + b * plane + (r + dy) * wp + dx, dst, at, width);
            }
        });
    }

    /** How far tap t = ky·kw + kx reads ahead on the padded grid. */
    private int shift(int t) { return (t / kw) * wp + t % kw; }

    @FunctionalInterface
    private interface Block { void run(int block, int from, int cols); }

    /** Runs {@code block} on the blocks of grid positions (one or two, cut from the sizes alone, as {@link Gemm#blocks}). */
    private void eachBlock(long multiplyAdds, Block block) {
        int blocks = Gemm.blocks(multiplyAdds, positions);
        Parallel.forEachTask(blocks, b -> {
            int from = (int) ((long) positions * b / blocks), to = (int) ((long) positions * (b + 1) / blocks);
            block.run(b, from, to - from);
        });
    }

    private static final ThreadLocal<INDArray[]> SLOTS = ThreadLocal.withInitial(() -> new INDArray[3]);

    /** This thread's native slot {@code i}, at least {@code length} floats (rank 1, offset 0); its contents are undefined. */
    private static INDArray slot(int i, long length) {
        INDArray[] slots = SLOTS.get();
        if (slots[i] == null || slots[i].length() < length) {
            Buffers.free(slots[i]);
            slots[i] = Nd4j.createUninitialized(DataType.FLOAT, Math.max(1, length));
        }
        return slots[i];
    }

    /** The first {@code length} floats of an offset-0 array, into HostScratch slot {@code slot}. */
    private static float[] read(INDArray a, int length, int slot) {
        float[] values = HostScratch.get(slot, length);
        new FloatPointer(a.data().pointer()).position(0).get(values, 0, length);
        return values;
    }

    private static void write(INDArray a, float[] values, int length) {
        new FloatPointer(a.data().pointer()).position(0).put(values, 0, length);
    }
}
