package org.rramlab.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.rramlab.data.audio.SpokenDigits;
import org.rramlab.experiment.SpokenDigitsExperiment.Run;
import org.rramlab.experiment.SpokenDigitsExperiment.Variant;
import org.rramlab.train.Examples;
import org.rramlab.experiment.Profile;
import org.rramlab.train.Progress;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Headless spoken-digit run, what notebook 04 computes, without the pictures:
 * {@code java ... org.rramlab.experiment.SpokenDigitsRun [ci|quick|paper] [outDir] [epochs]}.
 * On the paper's 70/30 split it trains the CRNN with pruned random device weights, pruned software weights and trained
 * float weights, measures the device network under fresh read noise (with BN statistics as trained and re-estimated
 * with the final masks), sweeps the conventional baseline (trained weights programmed with write noise), then trains
 * the device network on FSDD's official split. Prints one line per epoch and writes to outDir (default
 * target/spoken-digits-run): {@code <variant>-metrics.csv} per run, {@code baseline-sweep.csv}, {@code read-noise.csv},
 * {@code paper-vs-ours.csv} and {@code summary.csv} (one row per figure). {@code epochs} overrides the profile's.
 */
public final class SpokenDigitsRun {
    private SpokenDigitsRun() {}

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        Profile profile = args.length > 0 ? Profile.parse(args[0], "argument 1") : Profile.current();
        Path out = Path.of(args.length > 1 ? args[1] : "target/spoken-digits-run");
        SpokenDigitsConfig config = SpokenDigitsConfig.forProfile(profile);
        if (args.length > 2) config = config.withEpochs(parseEpochs(args[2]));
        SpokenDigitsExperiment e = new SpokenDigitsExperiment(config);
        SpokenDigits data = SpokenDigits.load(SpokenDigits.locate());
        Examples[] split = e.paperSplit(data);
        Progress lines = Progress.lines(System.out);
        System.out.println(config);
        Summary summary = new Summary();

        Run device = e.train(Variant.DEVICE_PRUNED, split[0], split[1], lines);
        double deviceSeconds = (System.nanoTime() - t0) / 1e9;
        device.result().writeCsv(out.resolve("device-pruned-metrics.csv"));
        System.out.printf(Locale.ROOT, "device pruned: best %.2f %% (epoch %d), last %.2f %%, %.2f s/epoch, %d flips, %.0f s since start%n",
                device.bestPercent(), device.result().bestTestEpoch(), device.finalPercent(), device.result().meanEpochSeconds(),
                device.result().totalFlips(), deviceSeconds);
        summary.run("device pruned, paper split", device);
        summary.add("device pruned: seconds from start to the end of its training (data loading included)", deviceSeconds, "s");

        // Read noise with the BN running statistics as trained, then re-estimated with the final masks (issue 5, item 4).
        double[] asTrained = e.accuracyUnderReadNoise(device.model(), split[1], config.noiseRepeats());
        SpokenDigitsExperiment.reestimateBatchNorm(device.model(), split[0], config.batchSize());
        double[] reestimated = e.accuracyUnderReadNoise(device.model(), split[1], config.noiseRepeats());
        System.out.println("device pruned, last epoch, fresh read per test batch: BN as trained " + percents(asTrained)
                + ", BN re-estimated with the final masks " + percents(reestimated));
        writeReadNoise(out.resolve("read-noise.csv"), asTrained, reestimated);
        summary.add("device pruned, last epoch, mean over fresh reads, BN as trained", 100 * mean(asTrained), "%");
        summary.add("device pruned, last epoch, mean over fresh reads, BN re-estimated", 100 * mean(reestimated), "%");

        Run software = e.train(Variant.SOFTWARE_PRUNED, split[0], split[1], lines);
        software.result().writeCsv(out.resolve("software-pruned-metrics.csv"));
        System.out.printf(Locale.ROOT, "software pruned: best %.2f %%, last %.2f %%, %d flips%n", software.bestPercent(), software.finalPercent(), software.result().totalFlips());
        summary.run("software pruned, paper split", software);

        Run trained = e.train(Variant.TRAINED_FLOAT, split[0], split[1], lines);
        trained.result().writeCsv(out.resolve("trained-float-metrics.csv"));
        System.out.printf(Locale.ROOT, "trained float: best %.2f %%, last %.2f %%%n", trained.bestPercent(), trained.finalPercent());
        summary.run("trained float, paper split", trained);

        Table sweep = e.baselineSweep(trained, split[1], lines);
        System.out.println(sweep.printAll());
        write(out.resolve("baseline-sweep.csv"), sweep);
        for (int i = 0; i < sweep.rowCount(); i++) {
            summary.add(String.format(Locale.ROOT, "baseline: trained weights, write noise %s sigma %.2f, mean test accuracy",
                    sweep.stringColumn("noise").get(i), sweep.doubleColumn("sigma").get(i)), 100 * sweep.doubleColumn("accuracy").get(i), "%");
        }

        Examples[] official = e.officialSplit(data);
        Run officialRun = e.train(Variant.DEVICE_PRUNED, official[0], official[1], lines);
        officialRun.result().writeCsv(out.resolve("device-pruned-official-split-metrics.csv"));
        System.out.printf(Locale.ROOT, "device pruned, official split: best %.2f %%, last %.2f %%%n", officialRun.bestPercent(), officialRun.finalPercent());
        summary.run("device pruned, official split", officialRun);

        Table paperVsOurs = e.paperVsOurs(device, software, trained, sweep, officialRun.bestPercent());
        System.out.println(paperVsOurs.printAll());
        write(out.resolve("paper-vs-ours.csv"), paperVsOurs);
        double total = (System.nanoTime() - t0) / 1e9;
        summary.add("whole run, seconds", total, "s");
        write(out.resolve("summary.csv"), summary.table(config.name()));
        System.out.printf(Locale.ROOT, "profile %s: %.0f s in all; results in %s%n", config.name(), total, out);
    }

    private static int parseEpochs(String text) {
        try {
            int epochs = Integer.parseInt(text.trim());
            if (epochs >= 1) return epochs;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("argument 3 (epochs): expected a whole number >= 1, got '" + text + "'");
    }

    private static double mean(double[] values) { return Arrays.stream(values).average().orElse(Double.NaN); }

    private static String percents(double[] fractions) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < fractions.length; i++) s.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f %%", 100 * fractions[i]));
        return s.append("]").toString();
    }

    private static void writeReadNoise(Path file, double[] asTrained, double[] reestimated) {
        StringColumn bn = StringColumn.create("batch-norm statistics");
        DoubleColumn pass = DoubleColumn.create("pass"), acc = DoubleColumn.create("accuracy");
        for (int i = 0; i < asTrained.length; i++) { bn.append("as trained"); pass.append(i + 1); acc.append(asTrained[i]); }
        for (int i = 0; i < reestimated.length; i++) { bn.append("re-estimated with the final masks"); pass.append(i + 1); acc.append(reestimated[i]); }
        write(file, Table.create("device pruned under read noise", bn, pass, acc));
    }

    private static void write(Path file, Table table) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
            table.write().csv(tmp.toFile());
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException ex) {
            throw new UncheckedIOException("results CSV " + file + ": " + ex.getMessage(), ex);
        }
    }

    /** Named figures of the run, for summary.csv. */
    private static final class Summary {
        private final StringColumn what = StringColumn.create("figure"), unit = StringColumn.create("unit");
        private final DoubleColumn value = DoubleColumn.create("value");

        void add(String name, double v, String u) { what.append(name); value.append(v); unit.append(u); }

        void run(String name, Run run) {
            add(name + ": best test accuracy", run.bestPercent(), "%");
            add(name + ": best test epoch", run.result().bestTestEpoch(), "epoch");
            add(name + ": last-epoch test accuracy", run.finalPercent(), "%");
            add(name + ": mask flips", run.result().totalFlips(), "flips");
            add(name + ": mean seconds per epoch", run.result().meanEpochSeconds(), "s");
        }

        Table table(String profile) { return Table.create("spoken digits, profile " + profile, what, value, unit); }
    }
}
