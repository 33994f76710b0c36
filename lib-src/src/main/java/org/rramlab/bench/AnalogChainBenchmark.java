package org.rramlab.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rramlab.crossbar.Adc;
import org.rramlab.crossbar.InputDac;
import org.rramlab.crossbar.IrDrop;
import org.rramlab.crossbar.MvmConfig;
import org.rramlab.experiment.Experiment;
import org.rramlab.experiment.ExperimentSpec;
import org.rramlab.experiment.NetworkSpec;
import org.rramlab.experiment.Presets;
import org.rramlab.experiment.Profile;
import org.rramlab.experiment.TaskData;
import org.rramlab.layers.BilinearUpsample2d;
import org.rramlab.layers.PixelCrossEntropy;
import org.rramlab.layers.Sequential;
import org.rramlab.train.Adam;
import org.rramlab.train.Examples;
import org.rramlab.train.NativeMemory;
import org.rramlab.train.Trainer;

/**
 * What the analogue multiply chain costs in training: the same training work of each paper network on its formed
 * TaOx macro under three chains, alternated round by round in one process, so that the ratios see the same load:
 * <ul>
 *   <li>{@code ideal}: every stage off (the exact product of the stored conductances);</li>
 *   <li>{@code paper}: the paper preset's chain (read noise, 14-bit min-max ADC per block);</li>
 *   <li>{@code full}: every stage on (8-bit min-max input DAC, read noise, IR drop with 1 Ω wire segments, 8-bit
 *       min-max ADC per block).</li>
 * </ul>
 * Training work only (what issue 13's goal is about): {@code cnn} the Fashion-MNIST CNN on the first 12,000 training
 * images (200 batches of 60); {@code mlp} the 784-512-512-10 MLP on the same images at batch 128; {@code crnn} the
 * spoken-digit CRNN on its 2,100 training recordings; {@code unet} training steps of the paper U-Net (base 32, batch
 * 64, 48×48 patches, forward, backward, mask update, Adam). No validation split, and the trainer's test pass is one
 * batch: an evaluation draws a fresh read of every cell per test batch, a cost of evaluating, not of training (the
 * MLP's 668,672 pairs make it the largest there). Network building (forming the macro) is outside the timed part.
 *
 * <p>Usage: {@code ./lab bench AnalogChain} or {@code java ... org.rramlab.bench.AnalogChainBenchmark [rounds=3]
 * [networks=cnn,mlp,crnn,unet] [unetSteps=3] [chains=paper,full]} (chains also {@code noise}: read noise only,
 * {@code adc}: the 14-bit ADC only). Prints per network and chain the median seconds and the median of the
 * per-round ratios to {@code ideal}, in wall time and in the process's CPU seconds (steadier on a shared machine). Issue 13's goal: {@code full} ≤ 1.3 × {@code ideal}.
 */
public final class AnalogChainBenchmark {
    private AnalogChainBenchmark() {}

    /** Every chain this benchmark knows; {@code noise} and {@code adc} take the paper chain apart (one stage each). */
    static final Map<String, MvmConfig> KNOWN = new LinkedHashMap<>();
    static {
        KNOWN.put("ideal", MvmConfig.ideal());
        KNOWN.put("paper", MvmConfig.paper());
        KNOWN.put("full", MvmConfig.ideal().withDac(InputDac.bits(8)).withReadNoise(true).withIrDrop(IrDrop.segments(1.0))
                .withAdc(Adc.minMax(8)));
        KNOWN.put("noise", MvmConfig.readNoiseOnly());
        KNOWN.put("adc", MvmConfig.ideal().withAdc(Adc.minMax(14)));
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        List<String> networks = Arrays.asList((args.length > 1 ? args[1] : "cnn,mlp,crnn,unet").split(","));
        int unetSteps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Map<String, MvmConfig> CHAINS = new LinkedHashMap<>();
        CHAINS.put("ideal", KNOWN.get("ideal"));   // always first: the reference of the ratios
        for (String c : (args.length > 3 ? args[3] : "paper,full").split(",")) {
            MvmConfig chain = KNOWN.get(c.trim());
            if (chain == null) throw new IllegalArgumentException("argument 4 (chains) = " + c + ": expected some of " + KNOWN.keySet());
            CHAINS.put(c.trim(), chain);
        }
        System.out.printf(Locale.ROOT, "analogue chain cost in training, %d rounds, chains alternated (load average %s)%n",
                rounds, loadAverage());
        for (String net : networks) {
            Work work = work(net.trim(), unetSteps);
            Map<String, List<Double>> seconds = new LinkedHashMap<>(), cpu = new LinkedHashMap<>();
            Map<String, Long> flips = new LinkedHashMap<>();
            CHAINS.keySet().forEach(c -> {
                seconds.put(c, new ArrayList<>());
                cpu.put(c, new ArrayList<>());
            });
            work.run(MvmConfig.ideal());   // warm-up: JIT, native libraries, data in cache
            for (int r = 0; r < rounds; r++) {
                for (Map.Entry<String, MvmConfig> chain : CHAINS.entrySet()) {
                    double cpu0 = processCpuSeconds();
                    double[] run = work.run(chain.getValue());
                    cpu.get(chain.getKey()).add(processCpuSeconds() - cpu0);
                    seconds.get(chain.getKey()).add(run[0]);
                    flips.put(chain.getKey(), (long) run[1]);
                }
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-5s %-44s", net, work.what()));
            for (String c : CHAINS.keySet()) {
                line.append(String.format(Locale.ROOT, " | %s %.2f s", c, median(seconds.get(c))));
                if (!c.equals("ideal")) line.append(String.format(Locale.ROOT, " (x%.2f)", medianRatio(seconds.get(c), seconds.get("ideal"))));
            }
            System.out.println(line);
            // CPU seconds of the whole process (JIT and GC included): steadier than wall time on a shared machine
            StringBuilder cpuLine = new StringBuilder("      CPU s:");
            for (String c : CHAINS.keySet()) {
                cpuLine.append(String.format(Locale.ROOT, " %s %.2f", c, median(cpu.get(c))));
                if (!c.equals("ideal")) cpuLine.append(String.format(Locale.ROOT, " (x%.2f)", medianRatio(cpu.get(c), cpu.get("ideal"))));
            }
            System.out.println(cpuLine);
            System.out.println("      per round (s): " + seconds);
            // a chain changes the training trajectory, and with it the mask flips: each flip is a SET or RESET and a
            // re-read of the switched cells, work that grows with the flips, not with the chain's arithmetic
            if (flips.values().stream().anyMatch(f -> f > 0)) System.out.println("      mask flips per run: " + flips);
        }
    }

    private static double median(List<Double> v) {
        return SpokenDigitsBenchmark.median(v.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The median of the round-by-round ratios a[r] / b[r]. */
    private static double medianRatio(List<Double> a, List<Double> b) {
        double[] r = new double[a.size()];
        for (int i = 0; i < r.length; i++) r[i] = a.get(i) / b.get(i);
        return SpokenDigitsBenchmark.median(r);
    }

    private static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    /** One network's training work under a chain: returns the seconds it took. */
    interface Work {
        /** {seconds, mask flips} of one run under {@code chain}. */
        double[] run(MvmConfig chain);

        String what();
    }

    static Work work(String net, int unetSteps) {
        switch (net) {
            case "cnn", "mlp" -> {
                ExperimentSpec base = Presets.get("fashion", Profile.PAPER);
                if (net.equals("mlp")) base = base.withNetwork(new NetworkSpec.Mlp(512));
                ExperimentSpec spec = base.withEpochs(1);
                TaskData data = TaskData.load(spec);
                int batch = net.equals("mlp") ? 128 : 60;
                Examples train = data.train().range(0, 12_000), test = data.test().range(0, batch);
                return trainerWork(spec, train, test, batch, net.equals("mlp") ? "MLP 784-512-512-10, 12,000 images, batch 128"
                        : "CNN, 12,000 images (200 batches of 60)");
            }
            case "crnn" -> {
                ExperimentSpec spec = Presets.get("spoken-digits", Profile.PAPER).withEpochs(1);
                TaskData data = TaskData.load(spec);
                int batch = spec.training().batchSize();
                return trainerWork(spec, data.train(), data.test().range(0, batch), batch, "CRNN, 2,100 recordings (70 batches of 30)");
            }
            case "unet" -> {
                return unetWork(unetSteps);
            }
            default -> throw new IllegalArgumentException("network '" + net + "': expected cnn, mlp, crnn or unet");
        }
    }

    private static Work trainerWork(ExperimentSpec spec, Examples train, Examples test, int batch, String what) {
        return new Work() {
            public double[] run(MvmConfig chain) {
                ExperimentSpec s = spec.withMvm(chain);
                Sequential model = Experiment.network(s);
                var config = Experiment.trainConfig(s).withBatchSize(batch).withValidationFraction(0);
                long t0 = System.nanoTime();
                var result = new Trainer(model, config, Experiment.objective(s)).fit(train, test);
                return new double[] {(System.nanoTime() - t0) / 1e9, result.totalFlips()};
            }

            public String what() {
                return what;
            }
        };
    }

    private static Work unetWork(int steps) {
        int batch = 64, side = 48;
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, 1, side, side);
        INDArray truth = Nd4j.rand(DataType.FLOAT, batch, 1, side, side).gt(0.9).castTo(DataType.FLOAT);
        ExperimentSpec spec = Presets.get("retina", Profile.PAPER).withNetwork(new NetworkSpec.UNetNet(32, 6, BilinearUpsample2d.Corners.ALIGNED));
        return new Work() {
            public double[] run(MvmConfig chain) {
                Sequential model = Experiment.network(spec.withMvm(chain));
                Adam adam = new Adam(5e-4);
                var params = model.params();
                long t0 = System.nanoTime();
                for (int s = 0; s < steps; s++) {
                    PixelCrossEntropy.Result r = PixelCrossEntropy.evaluate(model.forward(x, true), truth);
                    model.backward(r.gradLogits());
                    adam.step(params, 1e-4);
                    NativeMemory.collectIfAbove(NativeMemory.DEFAULT_BUDGET_BYTES);
                }
                return new double[] {(System.nanoTime() - t0) / 1e9 / steps, 0};
            }

            public String what() {
                return "U-Net base 32, batch 64 of 48x48, per step (" + steps + " steps)";
            }
        };
    }

    static String loadAverage() {
        try {
            return String.join(" ", Arrays.copyOf(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" "), 3));
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
