package org.rramlab.layers;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rramlab.simd.Gemm;
import org.rramlab.crossbar.MvmChain;
import org.rramlab.crossbar.MvmConfig;

/**
 * y = x · Wᵀ without bias (the paper's layers have none), x [n, in], W [out, in] from a {@link LayerWeights}: edge
 * pruned ("masked") or trained. The product goes through the layer's {@link MvmChain}: on the weights' analogue tile
 * when they have one (DAC, read, ADC per block), else digitally; with every stage off it is the plain GEMM. The
 * backward is the straight-through estimate of the chain (the read and the DAC'd inputs, conversions as identity).
 * Products are {@code Nd4j.gemm} into outputs created here ({@code INDArray.mmul} allocates its result on a slower
 * path, see {@link MaskedConv2d}).
 */
public final class MaskedDense implements Layer {
    private final String name;
    private final LayerWeights weights;
    private final long in;
    private final long out;
    private INDArray x;
    private boolean xIsCopy;   // whether x is a copy made here (contiguous or DAC'd), ours to free
    private INDArray w;
    private boolean inputGradient = true;
    private final MvmChain chain;

    /** A layer with every stage of the multiply off. */
    public MaskedDense(String name, LayerWeights weights) {
        this(name, weights, MvmConfig.ideal());
    }

    /** A layer whose multiply runs through {@code mvm}'s stages (on the weights' tile when they have one). */
    public MaskedDense(String name, LayerWeights weights, MvmConfig mvm) {
        this(name, weights, Layers.chain(name, weights, mvm));
    }

    /** A layer on an existing chain (the recurrent layer's matrices as views). */
    MaskedDense(String name, LayerWeights weights, MvmChain chain) {
        long[] shape = weights.shape();
        if (shape.length != 2) throw new IllegalArgumentException(name + ": expected weights [out, in], got " + Arrays.toString(shape));
        this.name = name;
        this.weights = weights;
        this.out = shape[0];
        this.in = shape[1];
        this.chain = chain;
    }

    @Override public INDArray forward(INDArray x, boolean training) {
        if (x.rank() != 2 || x.size(1) != in) {
            throw new IllegalArgumentException(name + ": expected input [n, " + in + "], got " + Arrays.toString(x.shape()));
        }
        INDArray given = Im2Col.contiguous(x), dacd = chain.input(given);
        // the last forward's own copies (contiguous or DAC'd) are dead now
        if (this.x != null && xIsCopy && !Buffers.sameBuffer(this.x, dacd) && !Buffers.sameBuffer(this.x, x)) Buffers.free(this.x);
        if (given != x && given != dacd) Buffers.free(given);
        xIsCopy = dacd != x;
        this.x = dacd;
        this.w = Im2Col.contiguous(weights.weights(training));
        return chain.dense(this.x, w, training, x.size(0));     // x · Wᵀ through the chain
    }

    @Override public INDArray backward(INDArray gradOut) {
        INDArray g = Im2Col.contiguous(gradOut);
        INDArray gradW = Nd4j.create(g.dataType(), out, in);
        Gemm.product(g, x, gradW, true, false);             // gᵀ · x
        weights.backward(gradW);
        Buffers.free(gradW);   // the weights copied what they need: freed now, not at the next collection
        INDArray dx = null;
        if (inputGradient) {
            dx = Nd4j.create(g.dataType(), g.size(0), in);
            Gemm.product(g, w, dx, false, false);           // g · W
        }
        if (g != gradOut) Buffers.free(g);
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
    /** The layer's multiply chain (its stages can be changed for evaluation: {@link MvmChain#reconfigure}). */
    public MvmChain chain() { return chain; }
    public String name() { return name; }
    @Override public String describe() { return name + " fc " + in + "->" + out; }
}
