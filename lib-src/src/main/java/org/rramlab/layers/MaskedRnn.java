package org.rramlab.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rramlab.crossbar.MvmChain;
import org.rramlab.crossbar.MvmConfig;

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
 * <p>The time loop runs in Java on per-layer arrays reused from batch to batch (the CRNN's batches are 30 × 128: ND4J
 * calls on arrays that small cost more than their arithmetic); every product still goes through the layer's
 * {@link MvmChain}s, so their stages and the tiles' counters see the same calls as before.
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

    // the last forward's state for backward; the Java arrays and the INDArray buffers are reused while n and T stay
    private INDArray x2;              // [n*T, in] after the input DAC (owned)
    private INDArray wih, whh;        // weights used by the last forward (not owned)
    private INDArray wihC, whhC;      // their contiguous forms (owned when copies)
    private double[] pre;             // pre-activations [n][T][hidden]
    private double[] carried;         // q(h_t) after the DAC, fed to step t+1: [(T-1)][n][hidden], time-major
    private int n, steps;
    private final Scratch scratch = new Scratch();

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

    /**
     * The buffers of one (n, T, type): Java arrays for the element-wise work and INDArrays the products read or write,
     * reused from batch to batch instead of a dozen fresh ND4J temporaries per step left to the garbage collector.
     */
    private final class Scratch {
        int n = -1, steps = -1;
        DataType type;
        double[] pre, out, carried, hiddenState, product, grad, dA, dASteps, carry;
        INDArray state, stepGrad, stepCarry, allGrad, carriedAll, stepsGrad;

        void ensure(int n, int steps, DataType type) {
            if (n == this.n && steps == this.steps && type == this.type) return;
            Buffers.free(state, stepGrad, stepCarry, allGrad, carriedAll, stepsGrad);
            this.n = n;
            this.steps = steps;
            this.type = type;
            int all = n * steps * hidden, one = n * hidden, earlier = Math.max(0, steps - 1) * one;
            pre = new double[all];
            out = new double[all];
            grad = new double[all];
            dA = new double[all];
            carried = new double[earlier];
            dASteps = new double[earlier];
            hiddenState = new double[one];
            product = new double[one];
            carry = new double[one];
            state = Nd4j.createUninitialized(type, n, hidden);
            stepGrad = Nd4j.createUninitialized(type, n, hidden);
            stepCarry = Nd4j.createUninitialized(type, n, hidden);
            allGrad = Nd4j.createUninitialized(type, (long) n * steps, hidden);
            carriedAll = earlier == 0 ? null : Nd4j.createUninitialized(type, (long) (steps - 1) * n, hidden);
            stepsGrad = earlier == 0 ? null : Nd4j.createUninitialized(type, (long) (steps - 1) * n, hidden);
        }
    }

    /**
     * The time loop on Java arrays; the products run through the chains: all steps' input projections in one product,
     * then one hidden product [n, hidden] x [hidden, hidden] per step (a small GEMM: 10x faster than a Java loop at
     * 30 x 128 x 128, and every product reaches the chain, its stages and its counters).
     */
    @Override public INDArray forward(INDArray x, boolean training) {
        if (x.rank() != 3 || x.size(2) != in) {
            throw new IllegalArgumentException(name + ": expected input [n, T, " + in + "], got " + Arrays.toString(x.shape()));
        }
        releaseLastForward();
        n = (int) x.size(0);
        steps = (int) x.size(1);
        DataType type = x.dataType();
        scratch.ensure(n, steps, type);
        int h = hidden, one = n * hidden;
        wih = inputWeights.weights(training);
        whh = hiddenWeights.weights(training);
        wihC = Im2Col.contiguous(wih);
        whhC = Im2Col.contiguous(whh);
        INDArray copy = x.dup('c');
        x2 = inputChain.input(copy.reshape('c', (long) n * steps, in));
        if (!Buffers.sameBuffer(copy, x2)) Buffers.free(copy);
        // all steps' input projections in one product
        INDArray u = inputChain.dense(x2, wihC, training, n);
        pre = HostCopy.read(u, scratch.pre, 0);
        Buffers.free(u);
        carried = scratch.carried;
        double[] out = scratch.out, state = scratch.hiddenState, product = scratch.product;
        for (int t = 0; t < steps; t++) {
            if (t > 0) {
                HostCopy.write(scratch.state, state, 0);
                INDArray q = quantiser == null ? scratch.state : quantiser.apply(scratch.state);
                INDArray hq = Im2Col.contiguous(hiddenChain.input(q));
                HostCopy.read(hq, carried, (t - 1) * one);
                INDArray y = hiddenChain.dense(hq, whhC, training, t == 1 ? n : 0);   // n examples, counted once
                HostCopy.read(y, product, 0);
                Buffers.free(y);
                if (!Buffers.sameBuffer(hq, q)) Buffers.free(hq);
                if (!Buffers.sameBuffer(q, scratch.state)) Buffers.free(q);
            }
            for (int i = 0; i < n; i++) {
                int at = (i * steps + t) * h, row = i * h;
                for (int j = 0; j < h; j++) {
                    double a = t > 0 ? pre[at + j] + product[row + j] : pre[at + j];
                    pre[at + j] = a;
                    double r = a > 0 ? a : 0;
                    out[at + j] = r;
                    state[row + j] = r;
                }
            }
        }
        INDArray result = Nd4j.createUninitialized(type, n, steps, hidden);
        HostCopy.write(result, out, 0);
        return result;
    }

    /** Frees the arrays the last forward owned (its DAC'd input, copies of non-contiguous weights). */
    private void releaseLastForward() {
        Buffers.free(x2);
        Buffers.freeUnlessShared(wihC, wih);
        Buffers.freeUnlessShared(whhC, whh);
        x2 = wihC = whhC = null;
    }

    @Override public INDArray backward(INDArray gradOut) {
        int h = hidden, one = n * hidden;
        double[] g = HostCopy.read(gradOut, scratch.grad, 0), dA = scratch.dA, dASteps = scratch.dASteps, carry = scratch.carry;
        for (int t = steps - 1; t >= 0; t--) {
            boolean later = t < steps - 1;
            for (int i = 0; i < n; i++) {
                int at = (i * steps + t) * h, row = i * h, earlier = (t - 1) * one + row;
                for (int j = 0; j < h; j++) {
                    double dh = later ? g[at + j] + carry[row + j] : g[at + j];
                    double da = dh * (pre[at + j] > 0 ? 1 : 0);
                    dA[at + j] = da;
                    if (t > 0) dASteps[earlier + j] = da;
                }
            }
            if (t > 0) {
                // straight through the quantiser and the DAC
                HostCopy.write(scratch.stepGrad, dASteps, (t - 1) * one);
                Nd4j.gemm(scratch.stepGrad, whhC, scratch.stepCarry, false, false, 1.0, 0.0);
                HostCopy.read(scratch.stepCarry, carry, 0);
            }
        }
        DataType type = scratch.type;
        INDArray dWhh = Nd4j.zeros(type, hidden, hidden);
        if (steps > 1) {
            // the hidden weights' gradient of all steps in one product: [(T-1)n, h]^T x [(T-1)n, h]
            HostCopy.write(scratch.stepsGrad, dASteps, 0);
            HostCopy.write(scratch.carriedAll, carried, 0);
            Nd4j.gemm(scratch.stepsGrad, scratch.carriedAll, dWhh, true, false, 1.0, 0.0);
        }
        INDArray dA2 = scratch.allGrad;
        HostCopy.write(dA2, dA, 0);
        INDArray dWih = Nd4j.create(type, hidden, in);
        Nd4j.gemm(dA2, Im2Col.contiguous(x2), dWih, true, false, 1.0, 0.0);
        inputWeights.backward(dWih);
        hiddenWeights.backward(dWhh);
        INDArray dx = Nd4j.create(type, (long) n * steps, in);
        Nd4j.gemm(dA2, wihC, dx, false, false, 1.0, 0.0);
        return dx.reshape('c', n, steps, in);
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
