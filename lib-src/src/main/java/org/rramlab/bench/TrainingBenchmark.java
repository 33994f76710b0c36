package org.rramlab.bench;

import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.factory.Nd4j;
import org.rramlab.layers.Layer;
import org.rramlab.layers.MaskedConv2d;
import org.rramlab.layers.TrainableWeights;
import org.rramlab.network.Models;
import org.rramlab.network.WeightsProvider;
import org.rramlab.data.FashionMnist;
import org.rramlab.train.Examples;
import org.rramlab.train.TrainConfig;
import org.rramlab.train.TrainResult;
import org.rramlab.train.Trainer;
import org.rramlab.train.Progress;
import org.rramlab.crossbar.Macro;
import org.rramlab.crossbar.MvmConfig;
import org.rramlab.device.DeviceModel;
import org.rramlab.prune.TileEdges;
import org.rramlab.prune.ProgrammingLedger;
import org.rramlab.prune.PruneConfig;
import org.rramlab.prune.SoftwareEdgeWeights;
import org.rramlab.prune.TopK;

/**
 * Speed of the training path, printed (not asserted: timings depend on the machine's load). Run with
 * {@code OMP_WAIT_POLICY=PASSIVE mvn -q -o -pl lib-src exec:java -Dexec.mainClass=org.rramlab.bench.TrainingBenchmark
 * -Dexec.args="[cnnEpochs] [mlpEpochs]"}.
 *
 * <ol>
 *   <li>top-k threshold of 62,272 scores: selection vs. {@code Nd4j.sort};</li>
 *   <li>conv 64→16 3×3 on 60×64×12×12: ND4J conv2d vs. our im2col + GEMM;</li>
 *   <li>the paper's CNN, one epoch (60k train + 10k test, batch 60, 4-bit, a fresh noisy read per test batch);</li>
 *   <li>the edge-pruned MLP 784-512-512-10 at batch 128, one epoch.</li>
 * </ol>
 * Targets: CNN ≤ 25 s/epoch (PyTorch 35.8 s), MLP ≤ 6.5 s/epoch.
 */
public final class TrainingBenchmark {
    private TrainingBenchmark() {}

    public static void main(String[] args) {
        int cnnEpochs = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int mlpEpochs = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        topK();
        conv();
        var data = org.rramlab.experiment.TaskData.load(org.rramlab.experiment.Presets.get("fashion", org.rramlab.experiment.Profile.PAPER));
        Examples train = data.train(), test = data.test();
        if (cnnEpochs > 0) {
            ProgrammingLedger ledger = new ProgrammingLedger();
            Layer cnn = Models.fashionCnn(WeightsProvider.pruned(TileEdges.factory(Macro.paper(DeviceModel.taox40nm(), 1)), PruneConfig.paper(), ledger)
                    .withMvm(MvmConfig.readNoiseOnly()), 4, 1);
            TrainResult r = new Trainer(cnn, TrainConfig.fashionPaper().withEpochs(cnnEpochs))
                    .progress(Progress.lines(System.out)).fit(train, test);
            System.out.printf(Locale.ROOT, "CNN (pruned, formed TaOx tiles, 2%% read noise, %d epoch(s) of a 65-epoch schedule would differ): "
                    + "%.1f s/epoch, best test acc %.2f %%, flips %d%n", cnnEpochs, r.meanEpochSeconds(), 100 * r.bestTestScore(), r.totalFlips());
        }
        if (mlpEpochs > 0) {
            ProgrammingLedger ledger = new ProgrammingLedger();
            Layer mlp = Models.mlp(WeightsProvider.pruned(SoftwareEdgeWeights.factory(SoftwareEdgeWeights.Kind.SIGNED_CONSTANT), PruneConfig.paper(), ledger), 512, 1);
            long cpu0 = processCpuNanos();
            TrainResult r = new Trainer(mlp, TrainConfig.fashionPaper().withEpochs(mlpEpochs).withBatchSize(128))
                    .progress(Progress.lines(System.out)).fit(train, test);
            double cpuPerEpoch = (processCpuNanos() - cpu0) / 1e9 / mlpEpochs;
            System.out.printf(Locale.ROOT, "MLP 784-512-512-10 (pruned, batch 128): %.1f s/epoch, %.1f CPU s/epoch (all threads; less "
                    + "disturbed by other processes than wall time), best test acc %.2f %%%n", r.meanEpochSeconds(), cpuPerEpoch, 100 * r.bestTestScore());
        }
    }

    /** CPU time of this process, all threads. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static void topK() {
        java.util.Random r = new java.util.Random(1);
        float[] scores = new float[62_272];
        for (int i = 0; i < scores.length; i++) scores[i] = (float) r.nextGaussian();
        INDArray nd = Nd4j.createFromArray(scores);
        int rounds = 300;
        float sink = 0;
        for (int warm = 0; warm < 2; warm++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < rounds; i++) sink += TopK.kthLargest(scores.clone(), scores.length / 2);
            long t1 = System.nanoTime();
            for (int i = 0; i < rounds; i++) sink += Nd4j.sort(nd.dup(), true).getFloat(scores.length / 2);
            long t2 = System.nanoTime();
            float[] abs = new float[scores.length];
            for (int i = 0; i < rounds; i++) {
                for (int j = 0; j < abs.length; j++) abs[j] = Math.abs(scores[j]);
                sink += TopK.kthLargestNonNegative(abs, scores.length / 2);
            }
            long t3 = System.nanoTime();
            if (warm == 1) {
                System.out.printf(Locale.ROOT, "top-k threshold of 62,272 scores: quickselect %.3f ms, radix select of |s| %.3f ms, Nd4j.sort %.3f ms%n",
                        (t1 - t0) / 1e6 / rounds, (t3 - t2) / 1e6 / rounds, (t2 - t1) / 1e6 / rounds);
            }
        }
        if (sink == 42) System.out.println();
    }

    static void conv() {
        INDArray x = Nd4j.rand(60, 64, 12, 12);
        INDArray w = Nd4j.rand(3, 3, 64, 16);   // ND4J layout [kh, kw, in, out]
        MaskedConv2d ours = new MaskedConv2d("conv2", new TrainableWeights(new long[] {16, 64, 3, 3}, 1));
        Conv2DConfig cfg = Conv2DConfig.builder().kH(3).kW(3).sH(1).sW(1).pH(0).pW(0).paddingMode(org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode.VALID).build();
        int rounds = 100;
        for (int warm = 0; warm < 2; warm++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < rounds; i++) Nd4j.cnn().conv2d(x, w, cfg);
            long t1 = System.nanoTime();
            for (int i = 0; i < rounds; i++) ours.forward(x, false);
            long t2 = System.nanoTime();
            for (int i = 0; i < rounds; i++) { ours.forward(x, true); ours.backward(Nd4j.onesLike(Nd4j.create(60, 16, 10, 10))); }
            long t3 = System.nanoTime();
            if (warm == 1) {
                System.out.printf(Locale.ROOT, "conv 64->16 3x3, batch 60 on 12x12: ND4J conv2d %.2f ms, im2col+GEMM forward %.2f ms, forward+backward %.2f ms%n",
                        (t1 - t0) / 1e6 / rounds, (t2 - t1) / 1e6 / rounds, (t3 - t2) / 1e6 / rounds);
            }
        }
    }
}
