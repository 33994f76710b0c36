package org.rramlab.study;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rramlab.crossbar.MvmConfig;
import org.rramlab.experiment.BaselineSpec;
import org.rramlab.experiment.Experiment;
import org.rramlab.experiment.ExperimentSpec;
import org.rramlab.experiment.Presets;
import org.rramlab.experiment.Profile;
import org.rramlab.experiment.TaskSpec;
import org.rramlab.experiment.WeightsSpec;
import org.rramlab.layers.Sequential;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * How long the notebooks take at the paper profile on this machine, estimated from training steps measured now
 * (printed by {@code ./lab reproduce --profile paper} before it starts, so that nobody starts a two-day run by
 * accident). An estimate, not a benchmark: each distinct network is timed for a few steps at its paper batch on
 * random inputs of its paper shape (forward, backward, the mask update for pruned weights, an SGD step), and the time
 * is multiplied by the steps the paper profile takes: epochs × batches of the training examples, plus one evaluation
 * pass per epoch over the held-out and test examples, plus the baseline's evaluations across write noise. Left out:
 * data loading and feature extraction, the notebooks' plots, whole-image scoring of the retina, and the slowdown of a
 * machine shared with other work.
 *
 * <p>{@link #plan()} lists the trainings each notebook makes at the paper profile, read from its cells (a test checks
 * the presets against the notebooks).
 */
public final class PaperDurations {
    private PaperDurations() {}

    /**
     * Trainings of one preset that a notebook makes at the paper profile.
     *
     * @param notebook  the notebook's number, e.g. "03"
     * @param what      what the cell runs
     * @param preset    the preset, at the paper profile
     * @param change    the cell's changes to the preset
     * @param pruned    trainings of the pruned network
     * @param baseline  whether the spec's baseline runs as well (one weight training, then its evaluations across noise)
     */
    public record Planned(String notebook, String what, String preset, UnaryOperator<ExperimentSpec> change, int pruned, boolean baseline) {}

    /** The paper-profile trainings of notebooks 03–09 (00–02 and 06 train nothing). */
    public static List<Planned> plan() {
        List<Planned> p = new ArrayList<>();
        p.add(new Planned("03", "CNN pruned on the formed macro, with the programmed baseline", "fashion", s -> s, 1, true));
        p.add(new Planned("03", "CNN pruned on software weights", "fashion-software", s -> s, 1, false));
        p.add(new Planned("04", "CRNN pruned on the formed macro, with the programmed baseline", "spoken-digits", s -> s, 1, true));
        p.add(new Planned("04", "CRNN on the official split", "spoken-digits", s -> s.with("task.split", "OFFICIAL").withoutBaseline(), 1, false));
        p.add(new Planned("04", "CRNN pruned on software weights", "spoken-digits-software", s -> s, 1, false));
        p.add(new Planned("05", "U-Net pruned on the formed macro, with the programmed baseline", "retina", s -> s, 1, true));
        // notebook 07: keep fraction 5 values x read noise 5 values x 3 seeds, the MLP preset, no baseline
        p.add(new Planned("07", "sweep: MLP, 5 keep fractions x 5 read-noise levels x 3 seeds", "fashion-mlp", s -> s, 75, false));
        // notebook 08: one weight training, then one pruned training per technology (4)
        p.add(new Planned("08", "CNN pruned on 4 technologies, one weight training", "fashion", s -> s.withoutBaseline(), 4, false));
        p.add(new Planned("08", "CNN weights trained for the programmed networks", "fashion",
                s -> s.withoutBaseline().withWeights(new WeightsSpec.Trained()).withMvm(MvmConfig.ideal()), 1, false));
        p.add(new Planned("09", "ResNet-20 pruned at keep 0.5, with the programmed baseline", "resnet20-fashion", s -> s, 1, true));
        p.add(new Planned("09", "ResNet-20 pruned at keep 0.3", "resnet20-fashion", s -> s.with("prune.keepFraction", 0.3).withoutBaseline(), 1, false));
        p.add(new Planned("09", "the Fashion CNN at the ResNet's epochs", "fashion",
                s -> s.withoutBaseline().withEpochs(Presets.get("resnet20-fashion", Profile.PAPER).training().epochs()), 1, false));
        return p;
    }

    /** Training and evaluation examples per epoch of a paper-profile task, and the shape of one input. */
    record Sizes(int train, int heldOut, int test, long[] input) {
        int evaluated() { return heldOut + test; }
    }

    static Sizes sizes(ExperimentSpec spec) {
        double held = spec.training().validationFraction();
        TaskSpec t = spec.task();
        int all, test;
        long[] input;
        if (t instanceof TaskSpec.FashionMnist f) {
            all = f.trainSize() == 0 ? 60_000 : f.trainSize();
            test = f.testSize() == 0 ? 10_000 : f.testSize();
            input = new long[] {1, 28, 28};
        } else if (t instanceof TaskSpec.FashionMnistPadded f) {
            all = f.trainSize() == 0 ? 60_000 : f.trainSize();
            test = f.testSize() == 0 ? 10_000 : f.testSize();
            input = new long[] {1, f.side(), f.side()};
        } else if (t instanceof TaskSpec.SpokenDigits d) {
            // FSDD: 3,000 recordings; the official split tests recordings 0-4 of each speaker and digit (300)
            test = d.split() == TaskSpec.SpokenDigits.Split.OFFICIAL ? 300 : (int) Math.round(3_000 * (1 - d.trainFraction()));
            all = 3_000 - test;
            input = new long[] {1, 23, 20};
        } else if (t instanceof TaskSpec.Retina r) {
            all = r.trainPatches();
            test = r.testPatches();
            input = new long[] {1, r.crop(), r.crop()};
        } else {
            throw new IllegalArgumentException("task " + t.getClass().getSimpleName() + ": no paper-profile size known");
        }
        int heldOut = (int) Math.round(all * held);
        return new Sizes(all - heldOut, heldOut, test, input);
    }

    /** Median seconds of one evaluation forward of {@code net} on {@code x}, after a warm-up. */
    static double forwardSeconds(Sequential net, INDArray x, int steps) {
        double[] t = new double[steps];
        for (int s = -1; s < steps; s++) {
            long t0 = System.nanoTime();
            net.forward(x, false);
            if (s >= 0) t[s] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(t);
        return t[steps / 2];
    }

    /** Measured costs of one network: training step and evaluation forward at the batch, seconds. */
    record Costs(double step, double forward) {}

    /**
     * The table of estimates: one row per planned item (notebook, what, trainings, epochs, steps per epoch, measured
     * seconds per step, estimated hours), each network timed for {@code steps} steps after a warm-up of at least
     * 3 steps and 3 s (the spread of 5 steps is small next to the machine's load).
     */
    public static Table estimate(List<Planned> plan, int steps) {
        Map<String, Costs> measured = new LinkedHashMap<>();   // one timing per distinct network and weights
        StringColumn nb = StringColumn.create("notebook"), what = StringColumn.create("what");
        IntColumn trainings = IntColumn.create("trainings"), epochs = IntColumn.create("epochs"), perEpoch = IntColumn.create("steps per epoch");
        DoubleColumn stepCol = DoubleColumn.create("s per step (measured)"), hours = DoubleColumn.create("hours (estimate)");
        for (Planned p : plan) {
            ExperimentSpec spec = p.change().apply(Presets.get(p.preset(), Profile.PAPER));
            Sizes size = sizes(spec);
            int batch = spec.training().batchSize(), e = spec.training().epochs();
            int trainSteps = (int) Math.ceil(size.train() / (double) batch), evalSteps = (int) Math.ceil(size.evaluated() / (double) batch);
            Costs pruned = costs(measured, spec, size, steps);
            double seconds = p.pruned() * e * (trainSteps * pruned.step() + evalSteps * pruned.forward());
            BaselineSpec b = spec.baseline();
            boolean withBaseline = p.baseline() && b != null;
            if (withBaseline) {
                ExperimentSpec trained = spec.withoutBaseline().withWeights(new WeightsSpec.Trained()).withMvm(MvmConfig.ideal());
                Costs t = costs(measured, trained, size, steps);
                int testSteps = (int) Math.ceil(size.test() / (double) batch);   // each programmed network is tested once
                seconds += e * (trainSteps * t.step() + evalSteps * t.forward())
                        + (double) b.sigmas().size() * b.kinds().size() * b.repeats() * testSteps * pruned.forward();
            }
            nb.append(p.notebook());
            what.append(p.what());
            trainings.append(p.pruned() + (withBaseline ? 1 : 0));
            epochs.append(e);
            perEpoch.append(trainSteps);
            stepCol.append(pruned.step());
            hours.append(seconds / 3600);
        }
        return Table.create("paper profile: estimated durations on this machine", nb, what, trainings, epochs, perEpoch, stepCol, hours);
    }

    private static Costs costs(Map<String, Costs> measured, ExperimentSpec spec, Sizes size, int steps) {
        String key = spec.network() + "|" + spec.weights().getClass().getSimpleName() + "|" + spec.training().batchSize() + "|" + Arrays.toString(size.input());
        return measured.computeIfAbsent(key, k -> {
            long[] shape = new long[size.input().length + 1];
            shape[0] = spec.training().batchSize();
            System.arraycopy(size.input(), 0, shape, 1, size.input().length);
            Nd4j.getRandom().setSeed(1);
            INDArray x = Nd4j.rand(DataType.FLOAT, shape);
            Sequential net = Experiment.network(spec);
            // warm-up until the JIT has compiled the hot loops: the first steps of a JVM run 5-20x slower (measured)
            long start = System.nanoTime();
            for (int w = 0; w < 3 || w < 40 && System.nanoTime() - start < 3e9; w++) ResNetScaling.measuredStepSeconds(net, x, 1);
            return new Costs(ResNetScaling.measuredStepSeconds(net, x, steps), forwardSeconds(net, x, steps));
        });
    }

    /** Hours per notebook (the table's rows summed) and the total, as lines for a terminal. */
    public static String summary(Table t) {
        Map<String, Double> perNotebook = new LinkedHashMap<>();
        for (int r = 0; r < t.rowCount(); r++) perNotebook.merge(t.stringColumn("notebook").get(r), t.doubleColumn("hours (estimate)").get(r), Double::sum);
        StringBuilder s = new StringBuilder();
        double total = 0;
        for (var e : perNotebook.entrySet()) {
            s.append(String.format(Locale.ROOT, "  notebook %s: %s%n", e.getKey(), duration(e.getValue())));
            total += e.getValue();
        }
        s.append(String.format(Locale.ROOT, "  all notebooks: %s (one after the other, as ./lab reproduce runs them)%n", duration(total)));
        return s.toString();
    }

    static String duration(double hours) {
        if (hours < 1) return String.format(Locale.ROOT, "%.0f min", hours * 60);
        if (hours < 48) return String.format(Locale.ROOT, "%.1f h", hours);
        return String.format(Locale.ROOT, "%.1f days", hours / 24);
    }

    /** Prints the estimate: {@code PaperDurations [steps=3]}. */
    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        System.out.printf(Locale.ROOT, "Estimating the paper profile's duration: each network timed for %d training steps on this machine "
                + "(%d cores, load average %.1f)...%n", steps, Runtime.getRuntime().availableProcessors(), load);
        Table t = estimate(plan(), steps);
        for (int r = 0; r < t.rowCount(); r++) {
            System.out.printf(Locale.ROOT, "  %s  %-66s %2d x %3d epochs x %,6d steps x %7.3f s  = %s%n", t.stringColumn("notebook").get(r),
                    t.stringColumn("what").get(r), t.intColumn("trainings").get(r), t.intColumn("epochs").get(r),
                    t.intColumn("steps per epoch").get(r), t.doubleColumn("s per step (measured)").get(r), duration(t.doubleColumn("hours (estimate)").get(r)));
        }
        System.out.print(summary(t));
        System.out.println("  (training and evaluation passes only: data loading, plots and whole-image scoring are not included; "
                + "a loaded machine takes longer)");
    }
}
