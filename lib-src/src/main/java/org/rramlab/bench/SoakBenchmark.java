package org.rramlab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rramlab.experiment.Experiment;
import org.rramlab.experiment.ExperimentSpec;
import org.rramlab.experiment.Presets;
import org.rramlab.experiment.Profile;
import org.rramlab.experiment.TaskData;
import org.rramlab.experiment.TaskSpec;
import org.rramlab.train.Examples;
import org.rramlab.train.NativeMemory;
import org.rramlab.train.Progress;
import org.rramlab.train.TrainResult;
import org.rramlab.train.Trainer;

/**
 * A long run of the small networks in one process, to show that training neither crashes in native code nor grows
 * its memory (issue 15: one SIGSEGV under ND4J's broadcast op was seen in ~600 epochs before batch norm became plain
 * loops). Trains the spoken-digit CRNN (paper split, device weights, quantile levels) and the Fashion-MNIST CNN (device
 * weights, a subset per epoch so that 200 epochs take minutes) one after the other, each for the given number of
 * epochs with its preset's training settings, and prints every tenth epoch: seconds, test score, resident size and
 * its peak. Ends with the resident size's growth between the first tenth and the end, and "no crash" (a crash never
 * reaches that line: the JVM dies with the native stack).
 *
 * <p>Arguments: [epochs] (default 200) [fashion examples per epoch] (default 2000; the test set is a quarter of it)
 * [networks...] (crnn, cnn; default both; or resnet20: preset resnet20-fashion's ResNet-20 on the formed macro, on
 * that many padded images, to time the tiles' path of the deeper network).
 *
 * <pre>./lab bench Soak              (or: java -cp 'lib-src/target/notebook-lib/*' org.rramlab.bench.SoakBenchmark 200 2000 crnn)</pre>
 */
public final class SoakBenchmark {
    private SoakBenchmark() {}

    public static void main(String[] args) {
        int epochs = args.length > 0 ? positive(args[0], "argument 1 (epochs)") : 200;
        int fashionExamples = args.length > 1 ? positive(args[1], "argument 2 (Fashion-MNIST examples per epoch)") : 2000;
        List<String> networks = new ArrayList<>();
        for (int i = 2; i < args.length; i++) networks.add(args[i]);
        if (networks.isEmpty()) networks = List.of("crnn", "cnn");
        System.out.printf(Locale.ROOT, "soak: %d epochs of %s; OMP_NUM_THREADS=%s, load average %.1f%n", epochs, String.join(", ", networks),
                System.getenv("OMP_NUM_THREADS"), load());
        for (String network : networks) {
            ExperimentSpec spec = switch (network) {
                case "crnn" -> Presets.get("spoken-digits", Profile.PAPER);
                case "cnn" -> Presets.get("fashion", Profile.PAPER).withTask(new TaskSpec.FashionMnist(null, fashionExamples, Math.max(1, fashionExamples / 4)));
                // the ResNet-20 pruned on the formed macro (tiles with the paper's converters), on as many padded images
                case "resnet20" -> resnet20(fashionExamples);
                default -> throw new IllegalArgumentException("network: expected crnn, cnn or resnet20, got '" + network + "'");
            };
            soak(network, spec.withEpochs(epochs), epochs);
        }
    }

    private static ExperimentSpec resnet20(int examples) {
        ExperimentSpec spec = Presets.get("resnet20-fashion", Profile.PAPER);
        TaskSpec.FashionMnistPadded task = (TaskSpec.FashionMnistPadded) spec.task();
        return spec.withTask(new TaskSpec.FashionMnistPadded(null, examples, Math.max(1, examples / 4), task.side()));
    }

    private static void soak(String network, ExperimentSpec spec, int epochs) {
        TaskData data = TaskData.load(spec);
        Examples train = data.train(), test = data.test();
        long t0 = System.nanoTime();
        long[] rssAtTenth = {-1};
        int[] epoch = {0};
        int every = Math.max(1, epochs / 20);
        Progress progress = new Progress() {
            @Override public void start(String task, long total) {}
            @Override public void advance(long done, String status) {}
            @Override public void finish(String summary) {
                epoch[0]++;
                if (epoch[0] == Math.max(1, epochs / 10)) rssAtTenth[0] = NativeMemory.residentBytes();
                if (epoch[0] % every == 0 || epoch[0] == 1) {
                    System.out.printf(Locale.ROOT, "  %s epoch %4d/%d  %s  RSS %.2f GB (peak %.2f GB), load %.1f%n", network, epoch[0], epochs, summary,
                            NativeMemory.residentBytes() / 1e9, NativeMemory.peakResidentBytes() / 1e9, load());
                }
            }
        };
        TrainResult result = new Trainer(Experiment.network(spec), Experiment.trainConfig(spec), Experiment.objective(spec))
                .progress(progress).fit(train, test);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long rss = NativeMemory.residentBytes();
        System.out.printf(Locale.ROOT, "%s: %d epochs (train %d + test %d each) in %.0f s (%.2f s/epoch), best test %s %.4f; RSS %.2f GB at "
                        + "epoch %d, %.2f GB at the end (%+.0f MB), peak %.2f GB; no crash%n",
                network, epochs, train.size(), test.size(), seconds, seconds / epochs, result.score(), result.bestTestScore(),
                rssAtTenth[0] / 1e9, Math.max(1, epochs / 10), rss / 1e9, (rss - rssAtTenth[0]) / 1e6, NativeMemory.peakResidentBytes() / 1e9);
    }

    private static double load() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static int positive(String value, String what) {
        try {
            int v = Integer.parseInt(value);
            if (v > 0) return v;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(what + ": expected a positive integer, got '" + value + "'");
    }
}
