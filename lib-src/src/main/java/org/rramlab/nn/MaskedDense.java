package org.rramlab.nn;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * y = x · Wᵀ without bias (the paper's layers have none), x [n, in], W [out, in] from a {@link LayerWeights}: edge
 * pruned ("masked") or trained. Products are {@code Nd4j.gemm} into outputs created here ({@code INDArray.mmul}
 * allocates its result on a slower path, see {@link MaskedConv2d}).
 */
public final class MaskedDense implements Layer {
    private final String name;
    private final LayerWeights weights;
    private final long in;
    private final long out;
    private INDArray x;
    private INDArray w;
    private boolean inputGradient = true;

    public MaskedDense(String name, LayerWeights weights) {
        long[] shape = weights.shape();
        if (shape.length != 2) throw new IllegalArgumentException(name + ": expected weights [out, in], got " + Arrays.toString(shape));
        this.name = name;
        this.weights = weights;
        this.out = shape[0];
        this.in = shape[1];
    }

    @Override public INDArray forward(INDArray x, boolean training) {
        if (x.rank() != 2 || x.size(1) != in) {
            throw new IllegalArgumentException(name + ": expected input [n, " + in + "], got " + Arrays.toString(x.shape()));
        }
        this.x = Im2Col.contiguous(x);
        this.w = Im2Col.contiguous(weights.weights(training));
        INDArray y = Nd4j.create(x.dataType(), x.size(0), out);
        Nd4j.gemm(this.x, w, y, false, true, 1.0, 0.0);          // x · Wᵀ
        return y;
    }

    @Override public INDArray backward(INDArray gradOut) {
        INDArray g = Im2Col.contiguous(gradOut);
        INDArray gradW = Nd4j.create(g.dataType(), out, in);
        Nd4j.gemm(g, x, gradW, true, false, 1.0, 0.0);             // gᵀ · x
        weights.backward(gradW);
        if (!inputGradient) return null;
        INDArray dx = Nd4j.create(g.dataType(), g.size(0), in);
        Nd4j.gemm(g, w, dx, false, false, 1.0, 0.0);               // g · W
        return dx;
    }

    /**
     * Skips dLoss/dInput in backward (returns null): the first layer of a network needs only its weight gradient,
     * which saves a third of its backward GEMM work (784-512 MLP: 103 of 513 MFLOP per batch of 128). Returns this.
     */
    public MaskedDense withoutInputGradient() {
        this.inputGradient = false;
        return this;
    }

    @Override public List<Param> params() { return weights.params(); }
    public LayerWeights layerWeights() { return weights; }
    public String name() { return name; }
    @Override public String describe() { return name + " fc " + in + "->" + out; }
}
