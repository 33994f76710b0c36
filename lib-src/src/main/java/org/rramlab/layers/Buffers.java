package org.rramlab.layers;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Frees ND4J arrays' native buffers deterministically. ND4J otherwise frees a buffer only when the garbage collector
 * collects its small Java handle, so a step's temporaries (the U-Net's column gradients alone are 1.4 GB per step at
 * the paper's size) pile up until the next collection.
 *
 * <p>Only free an array you created and nobody else holds: {@code close()} releases the whole buffer, and ND4J calls a
 * permuted array "closeable" although it shares its buffer with the original.
 */
public final class Buffers {
    private Buffers() {}

    /** Frees each array that owns its buffer (not a view, not yet closed); nulls are skipped. */
    public static void free(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a != null && !a.wasClosed() && !a.isView() && a.closeable()) a.close();
        }
    }

    /**
     * Frees the whole buffer of {@code a} when {@code a} spans all of it: an array that owns its buffer, or a reshape
     * of one. ND4J marks every reshape a view that cannot be closed, so {@link #free} skips it; a layer that returns
     * {@code fresh.reshape(...)} (a convolution's output, a flattened gradient) otherwise left its buffer to the
     * collector: 2.4 MB per step at the paper CNN, ~2 GB of resident memory between collections. Same rule as
     * {@link #free}: only for arrays nobody else holds (views of a part of a buffer are skipped).
     */
    public static void freeWhole(INDArray a) {
        if (a == null || a.wasClosed()) return;
        if (!a.isView() && a.closeable()) {
            a.close();
            return;
        }
        DataBuffer data = a.data();
        DataBuffer owner = data.originalDataBuffer() != null ? data.originalDataBuffer() : data;
        if (a.offset() == 0 && a.length() == owner.length() && owner.closeable()) owner.close();
    }

    /** Frees {@code dead} (as {@link #free}) unless {@code alive} uses the same buffer, e.g. a layer passed it through. */
    public static void freeUnlessShared(INDArray dead, INDArray alive) {
        if (dead == null || dead.wasClosed()) return;
        if (alive != null && !alive.wasClosed() && sameBuffer(dead, alive)) return;
        free(dead);
    }

    /**
     * A buffer over the native memory of a contiguous (offset 0, c order) FLOAT array: reads and writes of single
     * values, or a pass over it, without bulk copies to and from a Java array. Valid while the array is.
     */
    public static FloatBuffer floatView(INDArray a) {
        if (a.dataType() != DataType.FLOAT || a.offset() != 0 || a.ordering() != 'c' || a.data().length() != a.length()) {
            throw new IllegalArgumentException("floatView: expected a contiguous FLOAT array at offset 0, got " + a.dataType()
                    + " " + java.util.Arrays.toString(a.shape()) + " offset " + a.offset() + " order " + a.ordering());
        }
        long n = a.length();
        FloatPointer p = new FloatPointer((FloatPointer) a.data().pointer());
        return p.position(0).capacity(n).limit(n).asBuffer();
    }

    /** Whether two arrays use the same native buffer (views included). */
    public static boolean sameBuffer(INDArray a, INDArray b) {
        if (a == b) return true;
        if (a == null || b == null || a.wasClosed() || b.wasClosed()) return false;
        return a.data().address() == b.data().address();
    }
}
