package org.rramlab.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rramlab.crossbar.MvmChain;
import org.rramlab.crossbar.MvmConfig;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Elman RNN with ReLU and no bias on sequences [n, T, in]: h_t = relu(x_t·W_ihᵀ + q(h_{t−1})·W_hhᵀ), h_{−1} = 0. The
 * output is every step's hidden state, [n, T, hidden] (follow with {@link MeanOverTime} for the CRNN).
 *
 * <p>Both weight matrices come from {@link LayerWeights}, so the same layer is edge pruned (random device or software
 * weights, learned scores) or conventionally trained. q is a per-tensor quantiser (min–max {@link ActivationQuant} or the authors' {@link QuantileQuant}):
 * the hidden state goes back into the array through the input DACs, so the authors' scripts quantise it between
 * steps (the emitted states are not quantised). {@code hiddenBits = 0} turns the quantiser off (float network,
 * gradient checks).
 *
 * <p>Backward is backpropagation through time; the quantiser passes the gradient straight through. Each forward
 * asks each {@link LayerWeights} once for its weights (one mask update, one array read per batch) and each backward
 * hands it the gradient summed over the steps.
 *
 * <p>{@link #children()} exposes the two matrices as {@link MaskedDense} views (never run, they only carry the
 * weights) so that model walkers written for dense and conv layers, e.g. {@code Pruning.prunedLayers} (flip limit,
 * ledger, checkpoints), find the RNN's pruned weights as well.
 */
public final class MaskedRnn implements Layer {
    private final String name;
    private final LayerWeights inputWeights;
    private final LayerWeights hiddenWeights;
    private final int in;
    private final int hidden;
    private final UnaryOperator<INDArray> quantiser;
    private final String quantiserName;
    private final List<Layer> views;
    private final MvmChain inputChain, hiddenChain;

    private INDArray x2;              // [n*T, in]
    private INDArray wih, whh;        // weights used by the last forward
    private INDArray[] pre;           // pre-activation per step [n, hidden]
    private INDArray[] carried;       // q(h_t) fed to step t+1, t = 0..T-2
    private long n, steps;

    /**
     * @param inputWeights  W_ih, shape [hidden, in]
     * @param hiddenWeights W_hh, shape [hidden, hidden]
     * @param hiddenBits    bits of the hidden state between steps (1..16), or 0 for no quantisation
     */
    public MaskedRnn(String name, LayerWeights inputWeights, LayerWeights hiddenWeights, int hiddenBits) {
        this(name, inputWeights, hiddenWeights, minMax(name, hiddenBits), hiddenBits == 0 ? "" : "q" + hiddenBits);
    }

    /**
     * With any quantiser of the carried hidden state, e.g. {@code new QuantileQuant(3, true)} (the authors' script);
     * {@code null} for none. {@code quantiserName} appears in {@link #describe()}.
     */
    public MaskedRnn(String name, LayerWeights inputWeights, LayerWeights hiddenWeights, UnaryOperator<INDArray> hiddenQuantiser, String quantiserName) {
        this(name, inputWeights, hiddenWeights, hiddenQuantiser, quantiserName, MvmConfig.ideal(), MvmConfig.ideal());
    }

    /**
     * With the input and hidden products running through {@code inputMvm}'s and {@code hiddenMvm}'s stages (on the
     * weights' tiles when they have them).
     */
    public MaskedRnn(String name, LayerWeights inputWeights, LayerWeights hiddenWeights, UnaryOperator<INDArray> hiddenQuantiser, String quantiserName,
                     MvmConfig inputMvm, MvmConfig hiddenMvm) {
        long[] ih = inputWeights.shape(), hh = hiddenWeights.shape();
        if (ih.length != 2) throw new IllegalArgumentException(name + ": input weights: expected [hidden, in], got " + Arrays.toString(ih));
        if (hh.length != 2 || hh[0] != ih[0] || hh[1] != ih[0]) {
            throw new IllegalArgumentException(name + ": hidden weights: expected [" + ih[0] + ", " + ih[0] + "], got " + Arrays.toString(hh));
        }
        this.name = name;
        this.inputWeights = inputWeights;
        this.hiddenWeights = hiddenWeights;
        this.hidden = (int) ih[0];
        this.in = (int) ih[1];
        this.quantiser = hiddenQuantiser;
        this.quantiserName = hiddenQuantiser == null ? "" : quantiserName;
        this.inputChain = Layers.chain(name + ".ih", inputWeights, inputMvm);
        this.hiddenChain = Layers.chain(name + ".hh", hiddenWeights, hiddenMvm);
        this.views = List.of(new MaskedDense(name + ".ih", inputWeights, inputChain), new MaskedDense(name + ".hh", hiddenWeights, hiddenChain));
    }

    private static UnaryOperator<INDArray> minMax(String name, int bits) {
        if (bits < 0 || bits > 16) throw new IllegalArgumentException(name + ": hiddenBits: expected 0 (off) or 1..16, got " + bits);
        return bits == 0 ? null : new ActivationQuant(bits)::quantise;
    }

    private static INDArrayIndex[] step(long t) {
        return new INDArrayIndex[] {NDArrayIndex.all(), NDArrayIndex.point(t), NDArrayIndex.all()};
    }

    @Override public INDArray forward(INDArray x, boolean training) {
        if (x.rank() != 3 || x.size(2) != in) {
            throw new IllegalArgumentException(name + ": expected input [n, T, " + in + "], got " + Arrays.toString(x.shape()));
        }
        n = x.size(0);
        steps = x.size(1);
        wih = inputWeights.weights(training);
        whh = hiddenWeights.weights(training);
        x2 = inputChain.input(x.dup('c').reshape('c', n * steps, in));
        // all steps' input projections in one product
        INDArray u = inputChain.dense(x2, Im2Col.contiguous(wih), training, n).reshape('c', n, steps, hidden);
        INDArray whhC = Im2Col.contiguous(whh);
        INDArray out = Nd4j.create(u.dataType(), n, steps, hidden);
        pre = new INDArray[(int) steps];
        carried = new INDArray[(int) Math.max(0, steps - 1)];
        INDArray h = null;
        for (int t = 0; t < steps; t++) {
            INDArray a = u.get(step(t)).dup('c');
            if (h != null) {
                INDArray hq = hiddenChain.input(quantiser == null ? h : quantiser.apply(h));
                carried[t - 1] = hq;
                a.addi(hiddenChain.dense(Im2Col.contiguous(hq), whhC, training, t == 1 ? n : 0));   // n examples, counted once
            }
            pre[t] = a;
            h = org.nd4j.linalg.ops.transforms.Transforms.relu(a, true);
            out.get(step(t)).assign(h);
        }
        return out;
    }

    @Override public INDArray backward(INDArray gradOut) {
        INDArray dA = Nd4j.create(gradOut.dataType(), n, steps, hidden);
        INDArray dWhh = Nd4j.zeros(whh.dataType(), hidden, hidden);
        INDArray carry = null;
        for (int t = (int) steps - 1; t >= 0; t--) {
            INDArray dh = gradOut.get(step(t)).dup('c');
            if (carry != null) dh.addi(carry);
            INDArray da = dh.muli(pre[t].gt(0).castTo(dh.dataType()));
            dA.get(step(t)).assign(da);
            if (t > 0) {
                carry = da.mmul(whh);                     // straight through the quantiser
                dWhh.addi(da.transpose().mmul(carried[t - 1]));
            }
        }
        INDArray dA2 = dA.reshape('c', n * steps, hidden);
        inputWeights.backward(dA2.transpose().mmul(x2));
        hiddenWeights.backward(dWhh);
        return dA2.mmul(wih).reshape('c', n, steps, in);
    }

    @Override public List<Param> params() {
        List<Param> all = new ArrayList<>(inputWeights.params());
        all.addAll(hiddenWeights.params());
        return all;
    }

    /** The two weight matrices as {@link MaskedDense} views (see the class comment); they are not run. */
    @Override public List<Layer> children() { return views; }

    public LayerWeights inputWeights() { return inputWeights; }
    public MvmChain inputChain() { return inputChain; }
    public MvmChain hiddenChain() { return hiddenChain; }
    public LayerWeights hiddenWeights() { return hiddenWeights; }
    public String name() { return name; }
    public int hiddenSize() { return hidden; }

    @Override public String describe() {
        return name + " relu-rnn " + in + "->" + hidden + (quantiser == null ? "" : " (hidden " + quantiserName + ")");
    }
}
