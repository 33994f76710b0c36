package org.rramlab.layers;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Bulk copies between contiguous ND4J arrays and Java double arrays, for layers whose element-wise work runs in Java
 * loops (one pointer copy instead of several ND4J calls on small arrays). Double on the Java side serves FLOAT and
 * DOUBLE arrays alike: a single sum or product of two floats, computed in double and rounded once on the way back,
 * is the float result (double has more than 2 × 24 + 2 bits).
 */
final class HostCopy {
    private HostCopy() {}

    /** Copies the elements of {@code a} (any layout) into {@code into[offset ...]}; returns {@code into}. */
    static double[] read(INDArray a, double[] into, int offset) {
        INDArray c = Im2Col.contiguous(a);
        int len = (int) c.length();
        if (c.dataType() == DataType.DOUBLE) {
            ((DoublePointer) c.data().pointer()).position(0).get(into, offset, len);
        } else if (c.dataType() == DataType.FLOAT) {
            float[] f = new float[len];
            ((FloatPointer) c.data().pointer()).position(0).get(f, 0, len);
            for (int i = 0; i < len; i++) into[offset + i] = f[i];
        } else {
            double[] d = c.data().asDouble();
            System.arraycopy(d, 0, into, offset, len);
        }
        if (c != a) Buffers.free(c);
        return into;
    }

    /** Writes {@code from[offset ...]} into the contiguous c-order array {@code target} (rounded to its type). */
    static void write(INDArray target, double[] from, int offset) {
        int len = (int) target.length();
        if (target.dataType() == DataType.DOUBLE) {
            ((DoublePointer) target.data().pointer()).position(0).put(from, offset, len);
        } else if (target.dataType() == DataType.FLOAT) {
            float[] f = new float[len];
            for (int i = 0; i < len; i++) f[i] = (float) from[offset + i];
            ((FloatPointer) target.data().pointer()).position(0).put(f, 0, len);
        } else {
            double[] d = java.util.Arrays.copyOfRange(from, offset, offset + len);
            INDArray wide = Nd4j.createFromArray(d).reshape('c', target.shape());
            target.assign(wide);
            Buffers.free(wide);
        }
    }
}
