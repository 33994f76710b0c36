package org.rramlab.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.rramlab.simd.Gemm;
import org.rramlab.simd.Parallel;

/**
 * A convolution with a plain product as ND4J's {@code conv2d} and {@code conv2d_bp} operations, which ND4J's oneDNN
 * build (the {@code linux-x86_64-onednn} natives this library depends on) runs in oneDNN's convolution kernels,
 * compiled for the processor at run time: no column matrix and no shifted products, and fast even for the thin
 * products (16–64 channels) where OpenBLAS is slow. Measured here, one thread, the paper CNN's conv2
 * (60 × 64 × 12 × 12 → 16): forward 2.9 ms and backward 4.9 ms, against 6.2 and 11.2 ms as shifted OpenBLAS
 * products. (ND4J's {@code linux-x86_64-onednn-avx2} build is as fast but never frees a closed array's memory:
 * 3.4 GB resident after 2,000 arrays of 2.2 MB, measured; the generic and the plain oneDNN builds free it.)
 *
 * <p>The batch is cut into at most two blocks of examples, chosen from the sizes alone ({@link Gemm#blocks}), each
 * computed single-threaded on one core; the weight gradient sums the blocks' in block order, so the numbers do not
 * depend on the thread count. FLOAT only; without oneDNN (ND4J's generic build, whose own {@code conv2d} is several
 * times slower than the shifted products) {@link #available()} is false and the layer keeps its other paths.
 */
final class DnnConv {
    private DnnConv() {}

    private static final boolean AVAILABLE = detect();

    /** Whether ND4J's natives were built with oneDNN (the loaded library's platform name says so). */
    static boolean available() {
        return AVAILABLE;
    }

    private static boolean detect() {
        if ("off".equalsIgnoreCase(System.getProperty("rramlab.onednn", ""))) return false;
        Nd4j.getBackend();   // loads the natives
        return org.bytedeco.javacpp.Loader.getLoadedLibraries().values().stream().anyMatch(path -> path != null && path.contains("onednn"));
    }

    /** y [n, out, oh, ow] of x [n, c, h, w] (FLOAT) and weights [out, c, kh, kw]. */
    static INDArray forward(INDArray x, INDArray weights, int sy, int sx, int py, int px, long oh, long ow) {
        long n = x.size(0), out = weights.size(0);
        INDArray input = Im2Col.contiguous(x), w = Im2Col.contiguous(weights);
        INDArray y = Nd4j.createUninitialized(DataType.FLOAT, n, out, oh, ow);
        int[] args = arguments(weights, sy, sx, py, px);
        eachBlock(n, blocks(weights, n, oh, ow), (block, from, to) -> Nd4j.exec(DynamicCustomOp.builder("conv2d")
                .addInputs(rows(input, from, to, n), w).addOutputs(rows(y, from, to, n)).addIntegerArguments(args).build()));
        if (input != x) Buffers.free(input);
        if (w != weights) Buffers.free(w);
        return y;
    }

    /**
     * {dL/dW [out, c, kh, kw], dL/dx [n, c, h, w] or null when {@code inputGradient} is false} for the forward of
     * {@code x}, from dL/dy.
     */
    static INDArray[] backward(INDArray x, INDArray weights, INDArray gradOut, int sy, int sx, int py, int px, boolean inputGradient) {
        long n = x.size(0);
        INDArray input = Im2Col.contiguous(x), w = Im2Col.contiguous(weights), g = Im2Col.contiguous(gradOut);
        long oh = gradOut.size(2), ow = gradOut.size(3);
        // the operation always writes an input gradient: without one wanted it goes to a buffer freed right after
        INDArray dx = Nd4j.createUninitialized(DataType.FLOAT, x.shape());
        int[] args = arguments(weights, sy, sx, py, px);
        int blocks = blocks(weights, n, oh, ow);
        INDArray[] gradW = new INDArray[blocks];
        eachBlock(n, blocks, (block, from, to) -> {
            gradW[block] = Nd4j.createUninitialized(DataType.FLOAT, weights.shape());
            Nd4j.exec(DynamicCustomOp.builder("conv2d_bp")
                    .addInputs(rows(input, from, to, n), w, rows(g, from, to, n))
                    .addOutputs(rows(dx, from, to, n), gradW[block]).addIntegerArguments(args).build());
        });
        for (int b = 1; b < blocks; b++) {
            gradW[0].addi(gradW[b]);
            Buffers.free(gradW[b]);
        }
        if (input != x) Buffers.free(input);
        if (w != weights) Buffers.free(w);
        if (g != gradOut) Buffers.free(g);
        if (!inputGradient) {
            Buffers.free(dx);
            return new INDArray[] {gradW[0], null};
        }
        return new INDArray[] {gradW[0], dx};
    }

    /** conv2d's integer arguments: kernel, stride, padding, dilation 1, explicit padding, NCHW, weights [out, c, kh, kw]. */
    private static int[] arguments(INDArray weights, int sy, int sx, int py, int px) {
        return new int[] {(int) weights.size(2), (int) weights.size(3), sy, sx, py, px, 1, 1, 0, 0, 1};
    }

    /** How many blocks of examples the batch is cut into: {@link Gemm#blocks} of the multiply-adds, from the sizes alone. */
    private static int blocks(INDArray weights, long n, long oh, long ow) {
        return Gemm.blocks(weights.length() * n * oh * ow, n);
    }

    /** Examples [from, to) of a c-order array whose first axis has n examples (the array itself when it is all of them). */
    private static INDArray rows(INDArray a, long from, long to, long n) {
        return from == 0 && to == n ? a : a.get(NDArrayIndex.interval(from, to));
    }

    @FunctionalInterface
    private interface Block { void run(int block, long from, long to); }

    /** Runs {@code body} on examples [n·b / blocks, n·(b + 1) / blocks) for each block b, one per core. */
    private static void eachBlock(long n, int blocks, Block body) {
        Parallel.forEachTask(blocks, b -> body.run(b, n * b / blocks, n * (b + 1) / blocks));
    }
}
