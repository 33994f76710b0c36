package org.rramlab.layers;

import java.util.Arrays;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.ThresholdReluBp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.rramlab.simd.Parallel;
import org.rramlab.simd.Simd;

/** max(0, x). */
public final class Relu implements Layer, OverwritesGradient {
    private INDArray out;
    private boolean inPlace;

    /**
     * Lets this layer overwrite its input: {@link Sequential} allows it where the layer before it needs neither its
     * output in backward nor shares it with another layer (batch norm, a residual sum), as PyTorch's
     * {@code ReLU(inplace=True)}. One
     * activation less per block: ~0.15 GB at the paper U-Net.
     */
    void overwriteInput() { inPlace = true; }

    @Override public INDArray forward(INDArray x, boolean training) {
        out = Transforms.relu(x, !inPlace);
        return out;
    }

    @Override public INDArray backward(INDArray gradOut) {
        return backward(gradOut, false);
    }

    /** Over {@code gradOut}'s own memory when it is a plain float array of the output's shape (else a fresh array). */
    @Override public INDArray backwardOverwriting(INDArray gradOut) {
        return backward(gradOut, true);
    }

    private INDArray backward(INDArray gradOut, boolean mayOverwrite) {
        boolean sameShape = gradOut.dataType() == out.dataType() && Arrays.equals(gradOut.shape(), out.shape());
        if (sameShape && out.dataType() == DataType.FLOAT) return backwardFloat(gradOut, mayOverwrite && Im2Col.contiguous(gradOut) == gradOut);
        // dx = dy where the output is positive: one native pass (the mask, its cast and the product were three, each
        // with its own new array)
        if (sameShape) {
            INDArray dx = Nd4j.createUninitialized(gradOut.dataType(), gradOut.shape());
            Nd4j.exec(new ThresholdReluBp(out, gradOut, dx, 0.0));
            return dx;
        }
        INDArray positive = out.gt(0), mask = positive.castTo(gradOut.dataType());
        INDArray dx = gradOut.mul(mask);
        Buffers.free(positive, mask);   // now, not at the next garbage collection
        return dx;
    }

    /**
     * dx = dy where the output is positive, in one Java pass split over the cores: ND4J's {@code ThresholdReluBp} calls a
     * function object per element (4 % of the paper U-Net's step in a profile). Block by block from the native arrays
     * into the result, each block copied in and out once while in the cache.
     */
    private INDArray backwardFloat(INDArray gradOut, boolean overwrite) {
        INDArray oc = Im2Col.contiguous(out), gc = overwrite ? gradOut : Im2Col.contiguous(gradOut);
        INDArray dx = overwrite ? gradOut : Nd4j.createUninitialized(DataType.FLOAT, gradOut.shape());
        Parallel.forRange(Math.toIntExact(gradOut.length()), 1 << 15, (from, to) -> {
            FloatPointer gate = HostScratch.cursor(oc), gradient = HostScratch.cursor(gc), result = HostScratch.cursor(dx);
            float[] o = HostScratch.get(0, HostScratch.BLOCK), d = HostScratch.get(1, HostScratch.BLOCK);
            for (int start = from; start < to; start += HostScratch.BLOCK) {
                int length = Math.min(HostScratch.BLOCK, to - start);
                gate.position(start).get(o, 0, length);
                gradient.position(start).get(d, 0, length);
                Simd.zeroWhereNotPositive(o, d, 0, length);
                result.position(start).put(d, 0, length);
            }
        });
        if (oc != out) Buffers.free(oc);
        if (gc != gradOut) Buffers.free(gc);
        return dx;
    }

    @Override public String describe() { return "relu"; }
}
