package org.rramlab.layers;

import static org.junit.jupiter.api.Assertions.*;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.rramlab.crossbar.Adc;
import org.rramlab.crossbar.InputDac;
import org.rramlab.crossbar.MvmChain;
import org.rramlab.crossbar.MvmConfig;

/**
 * The recurrent layer's Java time loop against the ND4J formulation it replaced (kept here as the reference, run on
 * the same weights and chains), in FLOAT as the networks run: the same outputs, input gradients and weight
 * gradients, with each quantiser of the carried state and with the chain's DAC and ADC on.
 */
class RnnTimeLoopTest {
    private static DataType saved;

    @BeforeAll static void floatPrecision() {
        saved = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    @AfterAll static void restore() { Nd4j.setDefaultDataTypes(saved, saved); }

    /** The former MaskedRnn, op for op: forward keeps pre-activations and carried states, backward returns gradients. */
    private static final class Reference {
        final INDArray out, dx, dWih, dWhh;

        Reference(MaskedRnn rnn, UnaryOperator<INDArray> quantiser, INDArray x, INDArray gradOut, boolean training) {
            long n = x.size(0), steps = x.size(1), in = x.size(2), hidden = rnn.hiddenSize();
            MvmChain inputChain = rnn.inputChain(), hiddenChain = rnn.hiddenChain();
            INDArray wih = rnn.inputWeights().weights(training), whh = rnn.hiddenWeights().weights(training);
            INDArray x2 = inputChain.input(x.dup('c').reshape('c', n * steps, in));
            INDArray u = inputChain.dense(x2, wih.dup('c'), training, n).reshape('c', n, steps, hidden);
            INDArray whhC = whh.dup('c');
            out = Nd4j.create(u.dataType(), n, steps, hidden);
            INDArray[] pre = new INDArray[(int) steps];
            INDArray[] carried = new INDArray[(int) Math.max(0, steps - 1)];
            INDArray h = null;
            for (int t = 0; t < steps; t++) {
                INDArray a = u.get(step(t)).dup('c');
                if (h != null) {
                    INDArray hq = hiddenChain.input(quantiser == null ? h : quantiser.apply(h));
                    carried[t - 1] = hq;
                    a.addi(hiddenChain.dense(hq.dup('c'), whhC, training, t == 1 ? n : 0));
                }
                pre[t] = a;
                h = Transforms.relu(a, true);
                out.get(step(t)).assign(h);
            }
            INDArray dA = Nd4j.create(gradOut.dataType(), n, steps, hidden);
            INDArray dW = Nd4j.zeros(whh.dataType(), hidden, hidden);
            INDArray carry = null;
            for (int t = (int) steps - 1; t >= 0; t--) {
                INDArray dh = gradOut.get(step(t)).dup('c');
                if (carry != null) dh.addi(carry);
                INDArray da = dh.muli(pre[t].gt(0).castTo(dh.dataType()));
                dA.get(step(t)).assign(da);
                if (t > 0) {
                    carry = da.mmul(whh);
                    dW.addi(da.transpose().mmul(carried[t - 1]));
                }
            }
            INDArray dA2 = dA.reshape('c', n * steps, hidden);
            dWih = dA2.transpose().mmul(x2);
            dWhh = dW;
            dx = dA2.mmul(wih).reshape('c', n, steps, in);
        }

        private static INDArrayIndex[] step(long t) {
            return new INDArrayIndex[] {NDArrayIndex.all(), NDArrayIndex.point(t), NDArrayIndex.all()};
        }
    }

    private static INDArray random(long seed, long... shape) {
        return GradientCheck.random(seed, shape).addi(0.3).castTo(DataType.FLOAT);
    }

    private static void compare(String what, UnaryOperator<INDArray> quantiser, MvmConfig inputMvm, MvmConfig hiddenMvm, int n, int steps) {
        int in = 32, hidden = 128;
        TrainableWeights ih = new TrainableWeights(new long[] {hidden, in}, 11), hh = new TrainableWeights(new long[] {hidden, hidden}, 12);
        assertEquals(DataType.FLOAT, ih.weight().value().dataType());
        MaskedRnn rnn = new MaskedRnn("rnn", ih, hh, quantiser, "q", inputMvm, hiddenMvm);
        for (int batch = 0; batch < 3; batch++) {   // several batches: the reused buffers must not carry anything over
            INDArray x = random(40 + batch, n, steps, in);
            INDArray gradOut = random(50 + batch, n, steps, hidden);
            boolean training = batch != 1;
            Reference want = new Reference(rnn, quantiser, x, gradOut, training);
            INDArray out = rnn.forward(x, training);
            assertEquals(DataType.FLOAT, out.dataType());
            // the same float operations in the same order: equal to the bit
            assertArrayEquals(want.out.data().asFloat(), out.data().asFloat(), what + " batch " + batch + ": outputs");
            INDArray dx = rnn.backward(gradOut);
            assertClose(what + " batch " + batch + ": input gradient", want.dx, dx);
            assertClose(what + " batch " + batch + ": input weights' gradient", want.dWih, ((TrainableWeights) rnn.inputWeights()).weight().grad());
            assertClose(what + " batch " + batch + ": hidden weights' gradient", want.dWhh, ((TrainableWeights) rnn.hiddenWeights()).weight().grad());
        }
    }

    /** Float tolerance: the hidden weights' gradient is summed over the steps in another order. */
    private static void assertClose(String what, INDArray want, INDArray got) {
        assertArrayEquals(want.shape(), got.shape(), what + ": shape");
        double scale = Math.max(1e-3, want.amaxNumber().doubleValue());
        double worst = Transforms.abs(want.castTo(DataType.DOUBLE).sub(got.castTo(DataType.DOUBLE))).maxNumber().doubleValue();
        assertTrue(worst <= 2e-6 * scale, what + ": worst difference " + worst + " at scale " + scale);
    }

    @Test void floatNetworkMatchesTheNd4jFormulation() {
        compare("no quantiser", null, MvmConfig.ideal(), MvmConfig.ideal(), 30, 4);
    }

    @Test void minMaxCarriedStateMatches() {
        compare("min-max q3", new ActivationQuant(3)::quantise, MvmConfig.ideal(), MvmConfig.ideal(), 30, 4);
    }

    @Test void quantileCarriedStateMatches() {
        compare("quantile q3", new QuantileQuant(3, true), MvmConfig.ideal(), MvmConfig.ideal(), 7, 5);
    }

    @Test void dacAndAdcStagesSeeEveryProduct() {
        MvmConfig chain = MvmConfig.ideal().withDac(InputDac.bits(4)).withAdc(Adc.minMax(6));
        compare("DAC 4 + ADC 6", new ActivationQuant(3)::quantise, chain, chain, 30, 4);
    }

    @Test void singleStepAndOneExample() {
        compare("one step", new ActivationQuant(3)::quantise, MvmConfig.ideal(), MvmConfig.ideal(), 30, 1);
        compare("one example", new ActivationQuant(3)::quantise, MvmConfig.ideal(), MvmConfig.ideal(), 1, 4);
    }
}
