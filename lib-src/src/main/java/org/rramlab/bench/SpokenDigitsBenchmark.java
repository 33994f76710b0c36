package org.rramlab.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.rramlab.crossbar.MvmConfig;
import org.rramlab.experiment.Experiment;
import org.rramlab.experiment.ExperimentSpec;
import org.rramlab.experiment.Presets;
import org.rramlab.experiment.Profile;
import org.rramlab.experiment.TaskData;
import org.rramlab.experiment.WeightsSpec;
import org.rramlab.train.Examples;
import org.rramlab.train.TrainResult;
import org.rramlab.train.Trainer;

/**
 * Seconds per epoch of the spoken-digit CRNN at the paper's settings (2,100 training recordings, batch 30, test on
 * 900 with a fresh array read per test batch, 3-bit, keep 0.5) for pruned random device weights, pruned software
 * weights and trained float weights; the authors' script takes 3.5 s per epoch on 2 CPU cores. Also times loading
 * FSDD and computing the features.
 *
 * <p>Arguments: [epochs per round] (default 2) [rounds] (default 3). After one warm-up epoch per variant (JIT, native
 * libraries), the variants train in turn, round after round, each round a fresh model, so a burst of load from
 * elsewhere hits all of them alike. Printed per variant: the median wall-clock seconds per epoch over all rounds'
 * epochs, their range, and the process CPU seconds per epoch (user + system, all threads, native included: less
 * disturbed by other processes than wall-clock time), with the load average.
 *
 * <pre>mvn -q -o -pl lib-src package -DskipTests &amp;&amp; OMP_WAIT_POLICY=PASSIVE java -cp 'lib-src/target/notebook-lib/*' org.rramlab.bench.SpokenDigitsBenchmark</pre>
 */
public final class SpokenDigitsBenchmark {
    private SpokenDigitsBenchmark() {}

    public static void main(String[] args) {
        int epochs = args.length > 0 ? positive(args[0], "argument 1 (epochs per round)") : 2;
        int rounds = args.length > 1 ? positive(args[1], "argument 2 (rounds)") : 3;
        long t0 = System.nanoTime();
        ExperimentSpec device = Presets.get("spoken-digits", Profile.PAPER).withEpochs(epochs);
        TaskData data = TaskData.load(device);
        Examples[] split = {data.train(), data.test()};
        System.out.printf(Locale.ROOT, "load %s: %.2f s%n", data.description(), (System.nanoTime() - t0) / 1e9);

        List<ExperimentSpec> variants = List.of(device, Presets.get("spoken-digits-software", Profile.PAPER).withEpochs(epochs),
                device.withWeights(new WeightsSpec.Trained()).withMvm(MvmConfig.ideal()));
        List<String> labels = List.of("pruned random device weights", "pruned random software weights", "trained float weights");
        for (ExperimentSpec v : variants) train(v.withEpochs(1), split);   // warm-up, not counted
        List<List<Double>> wall = new ArrayList<>(), cpu = new ArrayList<>();
        double[] lastAccuracy = new double[variants.size()];
        for (ExperimentSpec ignored : variants) { wall.add(new ArrayList<>()); cpu.add(new ArrayList<>()); }
        double loadBefore = load();
        for (int r = 0; r < rounds; r++) {
            for (int v = 0; v < variants.size(); v++) {
                double cpuBefore = processCpuSeconds();
                TrainResult result = train(variants.get(v), split);
                double cpuPerEpoch = (processCpuSeconds() - cpuBefore) / epochs;
                for (double s : result.metrics().doubleColumn("seconds").asDoubleArray()) wall.get(v).add(s);
                cpu.get(v).add(cpuPerEpoch);
                lastAccuracy[v] = result.finalTestScore();
            }
        }
        System.out.printf(Locale.ROOT, "%d rounds x %d epochs per variant (train %d + test %d), load average %.1f before, %.1f after%n",
                rounds, epochs, split[0].size(), split[1].size(), loadBefore, load());
        for (int v = 0; v < variants.size(); v++) {
            double[] w = wall.get(v).stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "%-32s median %.2f s/epoch (range %.2f-%.2f), CPU %.2f s/epoch (median of rounds), test acc after %d epochs: %.1f %%%n",
                    labels.get(v), median(w), w[0], w[w.length - 1], median(cpu.get(v).stream().mapToDouble(Double::doubleValue).toArray()),
                    epochs, 100 * lastAccuracy[v]);
        }
        System.out.println("target: <= 3.5 s/epoch with device weights (the authors' PyTorch script on 2 CPU cores)");
    }

    private static TrainResult train(ExperimentSpec spec, Examples[] split) {
        return new Trainer(Experiment.network(spec), Experiment.trainConfig(spec), Experiment.objective(spec)).fit(split[0], split[1]);
    }

    /** The median (the mean of the middle two for an even count); the bench package's one. */
    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double load() { return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(); }

    /** CPU seconds of this process, all threads (ND4J's native ones included). */
    private static double processCpuSeconds() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) return sun.getProcessCpuTime() / 1e9;
        return Double.NaN;
    }

    private static int positive(String text, String what) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 1) return value;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(what + ": expected a whole number >= 1, got '" + text + "'");
    }
}
