package org.rramlab.layers;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * This thread's Java buffers for the layers' element-wise passes (batch norm, activation quantisation, max pooling,
 * ReLU's gradient) and for {@link Im2Col}'s copies of its inputs: a few slots, each the largest ever asked for,
 * shared by every layer of every model on the thread. A layer owning
 * one copy per pass kept ~0.7 GB of Java heap alive at the paper U-Net (a copy of every activation it had seen);
 * shared, they hold the largest activation or two.
 *
 * <p>A slot's contents are valid only until the next layer call on this thread: a layer must not keep them from
 * forward to backward. Pool workers of {@link org.rramlab.simd.Parallel} only read and write the ranges they are
 * handed, so the slots are never used by two layers at once.
 */
final class HostScratch {
    /** Slots: a layer uses at most this many buffers at once. */
    static final int SLOTS = 2;

    private static final ThreadLocal<float[][]> BUFFERS = ThreadLocal.withInitial(() -> new float[SLOTS][0]);

    private HostScratch() {}

    /** Slot {@code slot}, at least {@code length} long; its contents are undefined. */
    static float[] get(int slot, int length) {
        float[][] buffers = BUFFERS.get();
        if (buffers[slot].length < length) buffers[slot] = new float[length];
        return buffers[slot];
    }

    /** The elements of a contiguous (offset 0, c order) FLOAT array, by one bulk copy into slot {@code slot}. */
    static float[] read(INDArray contiguous, int slot) {
        int length = Math.toIntExact(contiguous.length());
        float[] values = get(slot, length);
        ((FloatPointer) contiguous.data().pointer()).position(0).get(values, 0, length);
        return values;
    }

    /**
     * Floats per block of the block-wise passes ({@link #cursor}): 32 kB per array, so a pass's two or three blocks stay
     * in the core's first-level cache between the copy in, the arithmetic and the copy out (whole-array copies went
     * through memory three times).
     */
    static final int BLOCK = 1 << 13;

    /**
     * A pointer to the data of a contiguous (offset 0) FLOAT array with a position of its own: one per thread's share
     * of a pass, which moves it to its blocks ({@code position(i).get(...)}, {@code position(i).put(...)}).
     */
    static FloatPointer cursor(INDArray contiguous) {
        return new FloatPointer((FloatPointer) contiguous.data().pointer());
    }

    /** The first {@code target.length()} values of {@code data} into a freshly created (offset 0, contiguous) array. */
    static void write(INDArray target, float[] data) {
        ((FloatPointer) target.data().pointer()).position(0).put(data, 0, Math.toIntExact(target.length()));
    }
}
