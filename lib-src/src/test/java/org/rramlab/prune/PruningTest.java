package org.rramlab.prune;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rramlab.layers.MaskedDense;

class PruningTest {

    @Test void selectionEqualsSortedOrder() {
        Random r = new Random(1);
        for (int trial = 0; trial < 20; trial++) {
            int n = 1 + r.nextInt(3000);
            float[] v = new float[n];
            for (int i = 0; i < n; i++) v[i] = trial % 3 == 0 ? r.nextInt(7) : (float) r.nextGaussian();   // ties too
            float[] sorted = v.clone();
            Arrays.sort(sorted);
            int k = 1 + r.nextInt(n);
            assertEquals(sorted[n - k], TopK.kthLargest(v.clone(), k), "n=" + n + " k=" + k);
            float[] abs = new float[n];
            for (int i = 0; i < n; i++) abs[i] = Math.abs(v[i]);
            float[] sortedAbs = abs.clone();
            Arrays.sort(sortedAbs);
            assertEquals(sortedAbs[n - k], TopK.kthLargestNonNegative(abs, k), "radix n=" + n + " k=" + k);
            assertEquals(sortedAbs[n - k], TopK.kthLargestAbs(v, k), "radix of |v| n=" + n + " k=" + k);
        }
    }

    @Test void largeSelectionsSplitOverTheCoresAgreeWithTheSortedOrder() {
        Random r = new Random(2);
        int n = 300_000;   // above the split size: counted in shares
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = i % 5 == 0 ? r.nextInt(9) - 4 : (float) r.nextGaussian();   // ties too
        float[] sortedAbs = new float[n];
        for (int i = 0; i < n; i++) sortedAbs[i] = Math.abs(v[i]);
        Arrays.sort(sortedAbs);
        for (int k : new int[] {1, 17, n / 2, n - 3, n}) {
            assertEquals(sortedAbs[n - k], TopK.kthLargestAbs(v, k), "k=" + k);
            assertEquals(sortedAbs[n - k], org.rramlab.simd.Parallel.serially(() -> TopK.kthLargestAbs(v, k)), "k=" + k + " on one thread");
        }
    }

    @Test void aThresholdSoughtNearAGuessIsTheExactOne() {
        Random r = new Random(3);
        for (int trial = 0; trial < 30; trial++) {
            int n = 1 + r.nextInt(trial < 25 ? 5000 : 200_000);
            float[] v = new float[n];
            for (int i = 0; i < n; i++) v[i] = trial % 4 == 0 ? r.nextInt(9) - 4 : (float) r.nextGaussian();   // ties too
            int k = 1 + r.nextInt(n);
            float exact = TopK.kthLargestAbs(v, k);
            // guesses: the value itself, just off it, far off, and none usable
            for (float guess : new float[] {exact, exact * 1.001f, exact * 0.995f, exact * 3, exact / 3, 0f, Float.NaN, Float.POSITIVE_INFINITY, -1f}) {
                assertEquals(exact, TopK.kthLargestAbsNear(v, k, guess, 1f / 64), "n=" + n + " k=" + k + " guess " + guess);
            }
        }
        float[] withNaN = {1f, -2f, Float.NaN, 0.5f};
        var e = assertThrows(IllegalArgumentException.class, () -> TopK.kthLargestAbsNear(withNaN, 2, 1f, 0.5f));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TopK.kthLargestAbsNear(new float[3], 4, 1f, 0.1f));
    }

    @Test void aLargeLayersMaskUpdateIsTheSameOnOneThreadAndOnMany() {
        long[] shape = {512, 784};   // 401,408 edges: the mask work is split
        ProgrammingLedger la = new ProgrammingLedger(), lb = new ProgrammingLedger();
        PrunedWeights a = new PrunedWeights("fc1", SoftwareEdgeWeights.create(SoftwareEdgeWeights.Kind.SIGNED_CONSTANT, shape, 784, 1), 0.5, la, 5);
        PrunedWeights b = new PrunedWeights("fc1", SoftwareEdgeWeights.create(SoftwareEdgeWeights.Kind.SIGNED_CONSTANT, shape, 784, 1), 0.5, lb, 5);
        a.setFlipLimit(0.05);
        b.setFlipLimit(0.05);
        for (int step = 0; step < 3; step++) {
            Nd4j.getRandom().setSeed(10 + step);
            INDArray move = Nd4j.randn(org.nd4j.linalg.api.buffer.DataType.FLOAT, shape).muli(0.02);
            a.scores().value().addi(move);
            b.scores().value().addi(move);
            long flipsA = a.updateMask(), flipsB = org.rramlab.simd.Parallel.serially(b::updateMask);
            assertTrue(flipsA > 0, "the scores moved enough to flip edges");
            assertEquals(flipsB, flipsA, "step " + step);
            assertEquals(b.mask(), a.mask(), "step " + step);
            assertArrayEquals(b.references(), a.references(), "step " + step);
            assertEquals(b.weights(true), a.weights(true), "step " + step + ": the effective weights");
        }
        assertEquals(lb.total(), la.total());
    }

    @Test void masksUpdatedEdgeByEdgeEqualAWholeRewrite() {
        // after the first update only the flipped edges and those whose score changed sign are rewritten; a layer
        // restored from the same state each step rewrites everything: both must give the same weights and gradients
        long[] shape = {300, 400};   // 120,000 edges: split over the cores too
        PrunedWeights a = new PrunedWeights("fc", SoftwareEdgeWeights.create(SoftwareEdgeWeights.Kind.SIGNED_CONSTANT, shape, 400, 3), 0.3, new ProgrammingLedger(), 8);
        PrunedWeights b = new PrunedWeights("fc", SoftwareEdgeWeights.create(SoftwareEdgeWeights.Kind.SIGNED_CONSTANT, shape, 400, 3), 0.3, new ProgrammingLedger(), 8);
        INDArray ones = Nd4j.ones(org.nd4j.linalg.api.buffer.DataType.FLOAT, shape);
        long totalFlips = 0;
        for (int step = 0; step < 6; step++) {
            Nd4j.getRandom().setSeed(40 + step);
            a.scores().value().addi(Nd4j.randn(org.nd4j.linalg.api.buffer.DataType.FLOAT, shape).muli(0.01));
            if (step == 2) {   // scores at exactly ±0 (sign 0: no gradient) and sign changes
                for (int i = 0; i < 50; i++) a.scores().value().putScalar(i, i % 2 == 0 ? 0f : -0f);
                a.scores().value().getRow(7).negi();
            }
            INDArray wa = a.weights(true).dup();   // mask update, edge by edge after step 0
            totalFlips += a.ledger().total();
            b.scores().value().assign(a.scores().value());
            b.restore(a.maskBits(), a.references());   // b rewrites every edge from the same mask and scores
            assertEquals(wa, b.weights(true), "step " + step + ": the effective weights");
            a.scores().grad().assign(0);
            b.scores().grad().assign(0);
            a.backward(ones);
            b.backward(ones);
            assertEquals(b.scores().grad(), a.scores().grad(), "step " + step + ": the score gradient (kept − pruned)·sign(score)");
            if (step == 2) assertEquals(0f, a.scores().grad().getFloat(0), "sign(0) = 0: no gradient");
        }
        assertTrue(totalFlips > 0, "the scores moved enough to flip edges");
    }

    @Test void keepFractionOutsideRangeIsRejected() {
        for (double bad : new double[] {0, -0.1, 1.01, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PruneConfig(bad, FlipLimit.NONE));
            assertTrue(e.getMessage().contains("keepFraction"), e.getMessage());
        }
        assertEquals(5, TopK.keptCount(10, 0.5));
        assertEquals(10, TopK.keptCount(10, 1.0));
    }

    @Test void softwareWeightsAreSeededSignedConstants() {
        SoftwareEdgeWeights a = SoftwareEdgeWeights.create(SoftwareEdgeWeights.Kind.SIGNED_CONSTANT, new long[] {8, 25}, 25, 7);
        float[] k1 = new float[200], p1 = new float[200], k2 = new float[200], p2 = new float[200];
        a.trainingRead(0, k1, p1);
        SoftwareEdgeWeights.create(SoftwareEdgeWeights.Kind.SIGNED_CONSTANT, new long[] {8, 25}, 25, 7).trainingRead(0, k2, p2);
        assertArrayEquals(k1, k2);
        for (int i = 0; i < 200; i++) {
            assertEquals(0.4, Math.abs(k1[i]), 1e-6);
            assertEquals(0, p1[i]);
        }
        assertFalse(a.isNoisy());
    }

    @Test void maskKeepsTopHalfOfAbsoluteScores() {
        ProgrammingLedger ledger = new ProgrammingLedger();
        PrunedWeights w = new PrunedWeights("fc", SoftwareEdgeWeights.create(SoftwareEdgeWeights.Kind.GAUSSIAN, new long[] {10, 20}, 20, 1), 0.5, ledger, 2);
        assertEquals(100, w.mask().sumNumber().intValue());
        float[] s = w.scores().value().data().asFloat();
        float[] m = w.mask().data().asFloat();
        float minKept = Float.MAX_VALUE, maxPruned = 0;
        for (int i = 0; i < s.length; i++) {
            if (m[i] == 1) minKept = Math.min(minKept, Math.abs(s[i])); else maxPruned = Math.max(maxPruned, Math.abs(s[i]));
        }
        assertTrue(minKept > maxPruned);
        assertEquals(0, ledger.total(), "the initial prune is not programming");
    }

    @Test void straightThroughGradientIncludesSignOfScore() {
        ProgrammingLedger ledger = new ProgrammingLedger();
        SoftwareEdgeWeights src = SoftwareEdgeWeights.create(SoftwareEdgeWeights.Kind.GAUSSIAN, new long[] {3, 4}, 4, 3);
        PrunedWeights w = new PrunedWeights("fc", src, 0.5, ledger, 4);
        MaskedDense fc = new MaskedDense("fc", w);
        INDArray x = Nd4j.rand(5, 4).subi(0.5);
        INDArray y = fc.forward(x, true);
        INDArray kept = Nd4j.create(src.keptValues(), new long[] {3, 4}, 'c');
        assertEquals(x.mmul(kept.mul(w.mask()).transpose()), y);
        INDArray g = Nd4j.rand(5, 3);
        fc.backward(g);
        INDArray expected = g.transpose().mmul(x).mul(kept).mul(org.nd4j.linalg.ops.transforms.Transforms.sign(w.scores().value()));
        assertTrue(expected.equalsWithEps(w.scores().grad(), 1e-6));
    }

    @Test void flipsAreCountedAsSetAndReset() {
        ProgrammingLedger ledger = new ProgrammingLedger();
        PrunedWeights w = new PrunedWeights("conv", SoftwareEdgeWeights.create(SoftwareEdgeWeights.Kind.SIGNED_CONSTANT, new long[] {2, 2}, 2, 1), 0.5, ledger, 5);
        w.scores().value().assign(Nd4j.createFromArray(new float[] {3, 2, 1, 0.5f}).reshape(2, 2));
        w.updateMask();
        long before = ledger.total();
        w.scores().value().assign(Nd4j.createFromArray(new float[] {0.1f, 2, -4, 0.5f}).reshape(2, 2));
        assertEquals(2, w.updateMask());
        assertEquals(before + 2, ledger.total());
        assertEquals(Nd4j.createFromArray(new float[] {0, 1, 1, 0}).reshape(2, 2), w.mask());
        assertEquals(4L, ledger.toTable().column("edges").get(0));
    }

    @Test void flipLimitBlocksSmallRelativeScoreChanges() {
        ProgrammingLedger ledger = new ProgrammingLedger();
        PrunedWeights w = new PrunedWeights("fc", SoftwareEdgeWeights.create(SoftwareEdgeWeights.Kind.SIGNED_CONSTANT, new long[] {1, 2}, 2, 1), 0.5, ledger, 5);
        w.scores().value().assign(Nd4j.createFromArray(new float[] {1.0f, 0.99f}).reshape(1, 2));
        w.setFlipLimit(0);
        w.updateMask();   // edge 0 kept, reference scores now 1.0 (if it flipped) ...
        w.setFlipLimit(0.5);
        long flips = ledger.total();
        // edge 1 overtakes edge 0 by a little: relative change below 50 % for both -> no flip
        w.scores().value().assign(Nd4j.createFromArray(new float[] {0.98f, 1.0f}).reshape(1, 2));
        w.updateMask();
        assertEquals(flips, ledger.total());
        assertEquals(1f, w.mask().getFloat(0));
        // a big move passes the limit
        w.scores().value().assign(Nd4j.createFromArray(new float[] {0.1f, 3.0f}).reshape(1, 2));
        w.updateMask();
        assertEquals(flips + 2, ledger.total());
        assertEquals(1f, w.mask().getFloat(1));
    }

    @Test void flipLimitSchedule() {
        FlipLimit f = FlipLimit.fashionMnist();
        assertEquals(0.01, f.at(0), 1e-12);
        assertEquals(0.007, f.at(15), 1e-12);
        assertEquals(0.007, f.at(40), 1e-12);
        assertEquals(0.0088, f.at(6), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new FlipLimit(0.005, 0.01, 3));
    }

    @Test void noisySourceReadsAfreshInEvaluationOnly() {
        int[] reads = {0};
        EdgeWeights noisy = new EdgeWeights() {
            @Override public long[] shape() { return new long[] {2, 3}; }
            @Override public void trainingRead(long read, float[] k, float[] p) {
                reads[0]++;
                java.util.Arrays.fill(k, reads[0]);
                java.util.Arrays.fill(p, 0.01f);
            }
            @Override public void evaluationRead(INDArray into, boolean[] kept) { reads[0]++; into.assign(reads[0]); }
            @Override public boolean isNoisy() { return true; }
        };
        PrunedWeights w = new PrunedWeights("fc", noisy, 1.0, new ProgrammingLedger(), 1);
        assertEquals(1, w.weights(true).getDouble(0, 0), 1e-6);
        assertEquals(1, w.weights(true).getDouble(0, 0), 1e-6);
        assertEquals(2, w.weights(false).getDouble(0, 0), 1e-6);
        assertEquals(3, w.weights(false).getDouble(0, 0), 1e-6);
        assertEquals(1, w.weights(true).getDouble(0, 0), 1e-6);
    }
}
