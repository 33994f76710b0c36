package org.rramlab.bench;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rramlab.experiment.Experiment;
import org.rramlab.experiment.ExperimentSpec;
import org.rramlab.experiment.NetworkSpec;
import org.rramlab.experiment.Presets;
import org.rramlab.experiment.Profile;
import org.rramlab.experiment.TaskData;
import org.rramlab.experiment.TaskSpec;
import org.rramlab.layers.BilinearUpsample2d;
import org.rramlab.layers.Layer;
import org.rramlab.layers.Param;
import org.rramlab.layers.PixelCrossEntropy;
import org.rramlab.layers.Sequential;
import org.rramlab.network.Models;
import org.rramlab.network.SpokenDigitCrnn;
import org.rramlab.network.WeightsProvider;
import org.rramlab.prune.ProgrammingLedger;
import org.rramlab.prune.PruneConfig;
import org.rramlab.prune.PrunedWeights;
import org.rramlab.prune.Pruning;
import org.rramlab.prune.SoftwareEdgeWeights;
import org.rramlab.train.Adam;
import org.rramlab.train.Examples;
import org.rramlab.train.NativeMemory;
import org.rramlab.train.Objective;
import org.rramlab.train.TrainConfig;
import org.rramlab.train.TrainResult;
import org.rramlab.train.Trainer;

/**
 * Our side of the same-run comparison with PyTorch ({@code ./lab bench --vs-pytorch}, issue 15): times exactly one
 * epoch (or a few training steps) of ONE of the four paper workloads in this process and prints one machine-readable
 * line, {@code VSPYTORCH {json}}. The harness (benchmarks/vs_pytorch.py) starts this class and its PyTorch twin
 * (benchmarks/pytorch/edgepopup_bench.py) as separate processes, alternately, so CPU seconds and peak resident memory
 * are per side. Not meant for the default {@code ./lab bench} list.
 *
 * <p>Workloads (all edge-popup on fixed software signed-constant weights ±2/√fan_in, keep 0.5, no flip limit, no read
 * noise, seed 1), timed after a warm-up on the same model:
 * <ul>
 *   <li>{@code cnn}: the paper's Fashion-MNIST CNN (62,272 masked weights), one epoch = 60k train + 10k test, batch
 *       60, 4-bit min–max activations, SGD 0.1 / momentum 0.9 / wd 5e-4; warm-up: the first tenth of each set;</li>
 *   <li>{@code mlp}: edge-popup MLP 784-512-512-10 (668,672), batch 128, float activations, same SGD; warm-up: a
 *       tenth;</li>
 *   <li>{@code crnn}: the spoken-digit CRNN (68,480), FSDD paper split 2,100 + 900, batch 30, 3-bit min–max
 *       quantisers (the paper preset uses quantile levels: not here, the PyTorch twin has min–max only); warm-up: one
 *       whole epoch;</li>
 *   <li>{@code resnet20}: the ResNet-20 of the preset {@code resnet20-fashion} (width 16, 270,608 masked weights),
 *       Fashion-MNIST padded to 32×32, 4-bit min–max activations, non-affine batch norm, the preset's SGD and batch
 *       60; one epoch of the first {@value #RESNET_TRAIN} training and {@value #RESNET_TEST} test images (a whole
 *       epoch would take ~10 min on our side on two cores; the twin uses the same subset), no validation hold-out and no
 *       batch-norm re-estimation (the preset's long-run settings, on neither side); warm-up: a tenth;</li>
 *   <li>{@code unet}: the paper U-Net (base 32, 4,313,440), batch 64 of synthetic 48×48 patches, 6-bit conv inputs,
 *       Adam lr 1e-4 wd 5e-4; warm-up steps, then timed steps (forward, backward, mask update, Adam).</li>
 * </ul>
 *
 * <p>Usage: {@code VsPytorchBenchmark NETWORK [--warmup W] [--steps S] [--limit N] [--base B]} with W the warm-up
 * fraction of an epoch (cnn, mlp, crnn) or warm-up steps (unet), S the timed steps (unet; default 4), N a cap on the
 * training and test examples (smoke runs; 0 = all), B the U-Net base width (default 32). Or
 * {@code VsPytorchBenchmark export-fsdd DIR}: writes the CRNN's features and labels of the paper split as .npy files
 * for the PyTorch twin, so that both train on the same data.
 */
public final class VsPytorchBenchmark {
    private VsPytorchBenchmark() {}

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: VsPytorchBenchmark cnn|mlp|crnn|unet|resnet20 [--warmup W] [--steps S] [--limit N] [--base B]\n"
                    + "       VsPytorchBenchmark export-fsdd DIR\n(run by ./lab bench --vs-pytorch)");
            System.exit(2);
        }
        String network = args[0];
        if (network.equals("export-fsdd")) {
            if (args.length != 2) throw new IllegalArgumentException("export-fsdd: expected one argument, the output folder");
            exportFsdd(Path.of(args[1]));
            return;
        }
        double warmup = Double.NaN;
        int steps = 4, limit = 0, base = 32;
        for (int i = 1; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            if (value == null) throw new IllegalArgumentException(args[i] + ": expected a value after it");
            switch (args[i]) {
                case "--warmup" -> warmup = Double.parseDouble(value);
                case "--steps" -> steps = Integer.parseInt(value);
                case "--limit" -> limit = Integer.parseInt(value);
                case "--base" -> base = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "' (expected --warmup, --steps, --limit or --base)");
            }
            i++;
        }
        String line = switch (network) {
            case "cnn" -> fashion(true, Double.isNaN(warmup) ? 0.1 : warmup, limit);
            case "mlp" -> fashion(false, Double.isNaN(warmup) ? 0.1 : warmup, limit);
            case "crnn" -> crnn(Double.isNaN(warmup) ? 1.0 : warmup, limit);
            case "resnet20" -> resnet20(Double.isNaN(warmup) ? 0.1 : warmup, limit);
            case "unet" -> unet(Double.isNaN(warmup) ? 2 : (int) warmup, steps, base);
            default -> throw new IllegalArgumentException("network: expected cnn, mlp, crnn, unet, resnet20 or export-fsdd, got '" + network + "'");
        };
        System.out.println("VSPYTORCH " + line);
    }

    static WeightsProvider signedConstant() {
        return WeightsProvider.pruned(SoftwareEdgeWeights.factory(SoftwareEdgeWeights.Kind.SIGNED_CONSTANT), PruneConfig.paper(), new ProgrammingLedger());
    }

    /** One Fashion-MNIST epoch of the CNN or the MLP (the trainer's settings of TrainConfig.fashionPaper, as the twin). */
    private static String fashion(boolean cnn, double warmup, int limit) {
        TaskData data = TaskData.load(Presets.get("fashion-software", Profile.PAPER).withTask(new TaskSpec.FashionMnist(null, limit, limit)));
        Sequential model = cnn ? Models.fashionCnn(signedConstant(), 4, 1) : Models.mlp(signedConstant(), MLP_HIDDEN, 1);
        TrainConfig config = TrainConfig.fashionPaper().withEpochs(1);
        if (!cnn) config = config.withBatchSize(MLP_BATCH);
        return epoch(cnn ? "cnn" : "mlp", model, config, null, data.train(), data.test(), warmup,
                cnn ? "Fashion-MNIST, batch 60, 4-bit min-max activations" : "Fashion-MNIST, batch 128, float activations");
    }

    static final int MLP_HIDDEN = 512, MLP_BATCH = 128;
    static final int RESNET_TRAIN = 6_000, RESNET_TEST = 1_000;

    /**
     * One epoch of the preset {@code resnet20-fashion}'s ResNet-20 (paper profile: width 16, 4-bit) on software
     * signed-constant weights, over the first {@link #RESNET_TRAIN} + {@link #RESNET_TEST} padded images (fewer with
     * {@code limit}); the trainer's SGD settings and batch are the preset's (TrainConfig.fashionPaper, as the CNN).
     */
    private static String resnet20(double warmup, int limit) {
        int train = limit > 0 ? Math.min(limit, RESNET_TRAIN) : RESNET_TRAIN, test = limit > 0 ? Math.min(limit, RESNET_TEST) : RESNET_TEST;
        ExperimentSpec spec = Presets.get("resnet20-fashion", Profile.PAPER);
        NetworkSpec.ResNetNet net = (NetworkSpec.ResNetNet) spec.network();
        TaskSpec.FashionMnistPadded task = (TaskSpec.FashionMnistPadded) spec.task();
        TaskData data = TaskData.load(spec.withTask(new TaskSpec.FashionMnistPadded(null, train, test, task.side())));
        Sequential model = net.build(signedConstant(), 1);
        TrainConfig config = TrainConfig.fashionPaper().withEpochs(1).withBatchSize(spec.training().batchSize());
        return epoch("resnet20", model, config, null, data.train(), data.test(), warmup,
                String.format(Locale.ROOT, "Fashion-MNIST padded to %dx%d (first %d + %d images), width %d, batch %d, %d-bit min-max activations",
                        task.side(), task.side(), train, test, net.width(), config.batchSize(), net.activationBits()));
    }

    /** One epoch of the spoken-digit CRNN on the paper's seeded 70/30 split. */
    private static String crnn(double warmup, int limit) {
        ExperimentSpec spec = crnnSpec();
        TaskData data = TaskData.load(spec);
        Examples train = limit > 0 ? data.train().range(0, Math.min(limit, data.train().size())) : data.train();
        Examples test = limit > 0 ? data.test().range(0, Math.min(limit, data.test().size())) : data.test();
        return epoch("crnn", Experiment.network(spec), Experiment.trainConfig(spec), Experiment.objective(spec), train, test, warmup,
                "FSDD paper split (features computed by rramlab), batch 30, 3-bit min-max activations");
    }

    /** The CRNN on software signed-constant weights, min-max quantisers (the twin has no quantile levels), one epoch. */
    private static ExperimentSpec crnnSpec() {
        return Presets.get("spoken-digits-software", Profile.PAPER).withNetwork(new NetworkSpec.Crnn(3, SpokenDigitCrnn.Quantisation.MIN_MAX)).withEpochs(1);
    }

    private static Trainer trainer(Sequential model, TrainConfig config, Objective objective) {
        return objective == null ? new Trainer(model, config) : new Trainer(model, config, objective);
    }

    private static String epoch(String network, Sequential model, TrainConfig config, Objective objective, Examples train, Examples test,
                                double warmup, String data) {
        long w0 = System.nanoTime();
        if (warmup > 0) {
            int wTrain = Math.max(config.batchSize(), (int) Math.round(warmup * train.size()));
            int wTest = Math.max(config.batchSize(), (int) Math.round(warmup * test.size()));
            trainer(model, config, objective).fit(train.range(0, Math.min(wTrain, train.size())), test.range(0, Math.min(wTest, test.size())));
        }
        double warmupSeconds = (System.nanoTime() - w0) / 1e9;
        double[] cpu0 = usage();
        long t0 = System.nanoTime();
        TrainResult r = trainer(model, config, objective).fit(train, test);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double[] cpu1 = usage();
        return json(network, "epoch", seconds, new double[] {seconds}, cpu1[0] - cpu0[0], cpu1[1] - cpu0[1], cpu1[2] - cpu0[2], warmupSeconds, model,
                String.format(Locale.ROOT, "\"train\":%d,\"test\":%d,\"batch\":%d,\"test_acc\":%.4f,\"data\":\"%s\"",
                        train.size(), test.size(), config.batchSize(), r.finalTestScore(), data));
    }

    /** Training steps of the paper U-Net on synthetic patches, as UNetBenchmark (software weights here). */
    private static String unet(int warmupSteps, int steps, int base) {
        if (steps < 1) throw new IllegalArgumentException("--steps: expected >= 1, got " + steps);
        int batch = 64, side = 48;
        ExperimentSpec spec = Presets.get("retina-software", Profile.PAPER).withNetwork(new NetworkSpec.UNetNet(base, 6, BilinearUpsample2d.Corners.ALIGNED));
        Sequential model = Experiment.network(spec);
        double lr = spec.training().learningRate();
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, 1, side, side);
        INDArray truth = Nd4j.rand(DataType.FLOAT, batch, 1, side, side).gt(0.9).castTo(DataType.FLOAT);
        Adam adam = new Adam(spec.training().weightDecay());
        List<Param> params = model.params();
        long w0 = System.nanoTime();
        for (int s = 0; s < warmupSteps; s++) unetStep(model, x, truth, adam, params, lr);
        double warmupSeconds = (System.nanoTime() - w0) / 1e9;
        double[] times = new double[steps];
        double[] cpu0 = usage();
        double loss = 0;
        for (int s = 0; s < steps; s++) {
            long t0 = System.nanoTime();
            loss = unetStep(model, x, truth, adam, params, lr);
            times[s] = (System.nanoTime() - t0) / 1e9;
        }
        double[] cpu1 = usage();
        return json("unet", "step", SpokenDigitsBenchmark.median(times), times, (cpu1[0] - cpu0[0]) / steps, (cpu1[1] - cpu0[1]) / steps,
                (cpu1[2] - cpu0[2]) / steps, warmupSeconds, model,
                String.format(Locale.ROOT, "\"base\":%d,\"batch\":%d,\"patch_side\":%d,\"last_loss\":%.5f,\"data\":\"synthetic patches (uniform noise, 10%% positive pixels)\"",
                        base, batch, side, loss));
    }

    private static double unetStep(Sequential model, INDArray x, INDArray truth, Adam adam, List<Param> params, double lr) {
        PixelCrossEntropy.Result r = PixelCrossEntropy.evaluate(model.forward(x, true), truth);
        model.backward(r.gradLogits());
        adam.step(params, lr);
        NativeMemory.collectIfAbove(NativeMemory.DEFAULT_BUDGET_BYTES);
        return r.loss();
    }

    /**
     * The result line: times, CPU seconds of the timed part (user, system) and its minor page faults per unit (fresh
     * pages the kernel had to map), the C allocator, masked weights per layer, parameters.
     */
    private static String json(String network, String unit, double seconds, double[] times, double user, double sys, double faults, double warmupSeconds,
                               Layer model, String extra) {
        List<String> layers = new ArrayList<>();
        long masked = 0, kept = 0;
        for (PrunedWeights p : Pruning.prunedLayers(model)) {
            long n = Arrays.stream(p.shape()).reduce(1, (a, b) -> a * b);
            masked += n;
            layers.add(String.format(Locale.ROOT, "[\"%s\",%s,%d]", p.layer(), Arrays.toString(p.shape()).replace(" ", ""), n));
        }
        long paramCount = 0;
        for (Param p : model.params()) paramCount += p.value().length();
        StringBuilder t = new StringBuilder();
        for (double v : times) t.append(t.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.4f", v));
        return String.format(Locale.ROOT,
                "{\"side\":\"rramlab\",\"network\":\"%s\",\"unit\":\"%s\",\"seconds\":%.4f,\"times\":[%s],\"user_s\":%.3f,\"sys_s\":%.3f,\"minor_faults\":%.0f,\"allocator\":\"%s\","
                        + "\"warmup_s\":%.3f,\"masked_weights\":%d,\"trained_params\":%d,\"layers\":[%s],\"threads\":\"%s\",%s}",
                network, unit, seconds, t, user, sys, faults, NativeMemory.allocator(), warmupSeconds, masked, paramCount, String.join(",", layers),
                "OMP_NUM_THREADS=" + env("OMP_NUM_THREADS") + " OMP_WAIT_POLICY=" + env("OMP_WAIT_POLICY") + " rramlab threads=" + org.rramlab.simd.Parallel.threads(), extra);
    }

    private static String env(String name) {
        String v = System.getenv(name);
        return v == null ? "(unset)" : v;
    }

    /** User and system CPU seconds of this process, all threads (clock ticks of 1/100 s), and its minor page faults (/proc/self/stat); NaN elsewhere. */
    private static double[] usage() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // proc(5): minflt is field 10, utime 14, stime 15 (clock ticks)
            return new double[] {NativeMemory.statField(stat, 14) / 100.0, NativeMemory.statField(stat, 15) / 100.0, NativeMemory.statField(stat, 10)};
        } catch (IOException | RuntimeException e) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
    }

    /** Features [n, 1, 23, 20] float32 and labels int32 of the CRNN's paper split, as NumPy .npy files. */
    private static void exportFsdd(Path dir) throws IOException {
        TaskData data = TaskData.load(crnnSpec());
        Examples[] split = {data.train(), data.test()};
        Files.createDirectories(dir);
        String[] names = {"train", "test"};
        for (int k = 0; k < 2; k++) {
            INDArray x = split[k].inputs().castTo(DataType.FLOAT).dup('c');
            writeNpy(dir.resolve(names[k] + "_x.npy"), "<f4", x.shape(), floatsToBytes(x.data().asFloat()));
            int[] y = split[k].labels();
            ByteBuffer b = ByteBuffer.allocate(4 * y.length).order(ByteOrder.LITTLE_ENDIAN);
            for (int v : y) b.putInt(v);
            writeNpy(dir.resolve(names[k] + "_y.npy"), "<i4", new long[] {y.length}, b.array());
            System.out.printf(Locale.ROOT, "wrote %s_x.npy %s and %s_y.npy to %s%n", names[k], Arrays.toString(x.shape()), names[k], dir);
        }
    }

    private static byte[] floatsToBytes(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) b.putFloat(f);
        return b.array();
    }

    /** NPY format 1.0: magic, header length, a Python dict literal padded with spaces to a multiple of 64, the data. */
    private static void writeNpy(Path file, String descr, long[] shape, byte[] data) throws IOException {
        StringBuilder s = new StringBuilder();
        for (long d : shape) s.append(d).append(", ");
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + (shape.length == 1 ? shape[0] + "," : s.substring(0, s.length() - 2)) + "), }";
        int total = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - total % 64) % 64) + "\n";
        try (OutputStream out = Files.newOutputStream(file); DataOutputStream d = new DataOutputStream(out)) {
            d.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
            int len = header.length();
            d.write(len & 0xff);
            d.write((len >> 8) & 0xff);
            d.write(header.getBytes(StandardCharsets.US_ASCII));
            d.write(data);
        }
    }
}
