package org.rramlab.layers;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.rramlab.prune.ProgrammingLedger;
import org.rramlab.prune.PrunedWeights;
import org.rramlab.prune.SoftwareEdgeWeights;

/** The recurrent layer (BPTT against finite differences, quantised carried state) and the sequence reshaping layers. */
class RnnLayersTest {
    private static DataType saved;

    @BeforeAll static void doublePrecision() {
        saved = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll static void restore() { Nd4j.setDefaultDataTypes(saved, saved); }

    private static MaskedRnn trainedRnn(int in, int hidden, int bits) {
        return new MaskedRnn("rnn", new TrainableWeights(new long[] {hidden, in}, 1), new TrainableWeights(new long[] {hidden, hidden}, 2), bits);
    }

    @Test void bpttMatchesFiniteDifferences() {
        MaskedRnn rnn = trainedRnn(5, 6, 0);
        // shift the input so most pre-activations are away from ReLU's kink
        INDArray x = GradientCheck.random(21, 3, 4, 5).addi(0.5);
        double worst = GradientCheck.check(rnn, x, true, 22);
        assertTrue(worst < 1e-4, "worst relative error " + worst);
    }

    @Test void bpttWithPrunedWeightsMatchesFiniteDifferencesOfTheScoresPath() {
        // pruned weights: the scores' gradient is the straight-through estimate, so check dLoss/dInput only
        ProgrammingLedger ledger = new ProgrammingLedger();
        MaskedRnn rnn = new MaskedRnn("rnn",
                new PrunedWeights("rnn.ih", SoftwareEdgeWeights.create(SoftwareEdgeWeights.Kind.SIGNED_CONSTANT, new long[] {6, 5}, 5, 3), 0.5, ledger, 4),
                new PrunedWeights("rnn.hh", SoftwareEdgeWeights.create(SoftwareEdgeWeights.Kind.SIGNED_CONSTANT, new long[] {6, 6}, 6, 5), 0.5, ledger, 6), 0);
        INDArray x = GradientCheck.random(23, 2, 3, 5).addi(0.5);
        INDArray out = rnn.forward(x, true);
        INDArray r = GradientCheck.random(24, out.shape());
        INDArray analytic = rnn.backward(r);
        double eps = 1e-6;
        for (long i = 0; i < x.length(); i++) {
            double orig = x.getDouble(i);
            x.putScalar(i, orig + eps);
            double plus = rnn.forward(x, true).mul(r).sumNumber().doubleValue();
            x.putScalar(i, orig - eps);
            double minus = rnn.forward(x, true).mul(r).sumNumber().doubleValue();
            x.putScalar(i, orig);
            assertEquals((plus - minus) / (2 * eps), analytic.getDouble(i), 1e-6, "dLoss/dx[" + i + "]");
        }
    }

    @Test void carriedStateIsQuantisedButEmittedStateIsNot() {
        int in = 3, hidden = 4;
        MaskedRnn rnn = trainedRnn(in, hidden, 3);
        INDArray x = GradientCheck.random(25, 2, 3, in);
        INDArray out = rnn.forward(x, false);
        INDArray wih = rnn.inputWeights().weights(false), whh = rnn.hiddenWeights().weights(false);
        ActivationQuant q = new ActivationQuant(3);
        INDArray h = null;
        for (int t = 0; t < 3; t++) {
            INDArray xt = x.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(t),
                    org.nd4j.linalg.indexing.NDArrayIndex.all());
            INDArray a = xt.mmul(wih.transpose());
            if (h != null) a.addi(q.quantise(h).mmul(whh.transpose()));
            h = Transforms.relu(a, true);
            INDArray got = out.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(t),
                    org.nd4j.linalg.indexing.NDArrayIndex.all());
            assertTrue(got.equalsWithEps(h, 1e-12), "step " + t + ": " + got + " vs " + h);
        }
        // and the quantiser matters: without it step 2 differs
        INDArray plain = trainedRnn(in, hidden, 0).forward(x, false);
        assertFalse(plain.equalsWithEps(out, 1e-9), "3-bit carried state should change the later steps");
    }

    @Test void firstStepSeesNoHiddenState() {
        MaskedRnn rnn = trainedRnn(3, 4, 3);
        INDArray x = GradientCheck.random(26, 2, 1, 3);
        INDArray expected = Transforms.relu(x.reshape(2, 3).mmul(rnn.inputWeights().weights(false).transpose()), true);
        assertTrue(rnn.forward(x, false).reshape(2, 4).equalsWithEps(expected, 1e-12));
    }

    @Test void rejectsBadShapes() {
        MaskedRnn rnn = trainedRnn(3, 4, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rnn.forward(Nd4j.zeros(2, 5, 7), false));
        assertTrue(e.getMessage().contains("rnn") && e.getMessage().contains("[n, T, 3]"), e.getMessage());
        IllegalArgumentException w = assertThrows(IllegalArgumentException.class, () -> new MaskedRnn("rnn",
                new TrainableWeights(new long[] {4, 3}, 1), new TrainableWeights(new long[] {4, 5}, 2), 3));
        assertTrue(w.getMessage().contains("hidden weights") && w.getMessage().contains("[4, 4]"), w.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MaskedRnn("rnn",
                new TrainableWeights(new long[] {4, 3}, 1), new TrainableWeights(new long[] {4, 4}, 2), 17));
    }

    @Test void rnnExposesItsWeightsToModelWalkers() {
        ProgrammingLedger ledger = new ProgrammingLedger();
        MaskedRnn rnn = new MaskedRnn("rnn",
                new PrunedWeights("rnn.ih", SoftwareEdgeWeights.create(SoftwareEdgeWeights.Kind.SIGNED_CONSTANT, new long[] {6, 5}, 5, 3), 0.5, ledger, 4),
                new PrunedWeights("rnn.hh", SoftwareEdgeWeights.create(SoftwareEdgeWeights.Kind.SIGNED_CONSTANT, new long[] {6, 6}, 6, 5), 0.5, ledger, 6), 3);
        var pruned = org.rramlab.prune.Pruning.prunedLayers(new Sequential(rnn, new MeanOverTime()));
        assertEquals(2, pruned.size());
        assertEquals("rnn.ih", pruned.get(0).layer());
        assertEquals("rnn.hh", pruned.get(1).layer());
        assertEquals(2, rnn.params().size());
    }

    @Test void sequenceAndMeanGradients() {
        GradientCheck.check(new SequenceFromColumns(), GradientCheck.random(27, 2, 3, 1, 4), true, 28);
        GradientCheck.check(new MeanOverTime(), GradientCheck.random(29, 2, 4, 3), true, 30);
    }

    @Test void sequenceFromColumnsPutsTimeAlongTheWidth() {
        INDArray x = Nd4j.arange(24).castTo(DataType.DOUBLE).reshape(2, 3, 1, 4);   // [n, c, 1, T]
        INDArray s = new SequenceFromColumns().forward(x, false);
        assertArrayEquals(new long[] {2, 4, 3}, s.shape());
        for (int n = 0; n < 2; n++) for (int c = 0; c < 3; c++) for (int t = 0; t < 4; t++) {
            assertEquals(x.getDouble(n, c, 0, t), s.getDouble(n, t, c), 0);
        }
        assertThrows(IllegalArgumentException.class, () -> new SequenceFromColumns().forward(Nd4j.zeros(2, 3, 2, 4), false));
        INDArray m = new MeanOverTime().forward(s, false);
        assertEquals((x.getDouble(1, 2, 0, 0) + x.getDouble(1, 2, 0, 1) + x.getDouble(1, 2, 0, 2) + x.getDouble(1, 2, 0, 3)) / 4, m.getDouble(1, 2), 1e-12);
    }
}
