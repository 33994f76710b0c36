package org.rramlab.experiment;

import java.nio.file.Path;
import java.util.List;
import org.rramlab.crossbar.MvmConfig;
import org.rramlab.device.DeviceModel;
import org.rramlab.prune.PruneConfig;
import org.rramlab.train.Progress;
import org.rramlab.util.Check;

/**
 * One experiment, as data: what a researcher changes, saves, shares and sweeps. Immutable; JSON both ways
 * ({@link #toJson()}, {@link #fromJson}); {@link #toString()} prints only what differs from its preset. The paper's three
 * experiments are presets ({@link Presets}); {@link #run()} runs one ({@link Experiment}).
 *
 * @param preset   the preset the spec starts from (its JSON names only what differs from it)
 * @param profile  the profile the preset's sizes were taken for (ci, quick, paper)
 * @param seed     the one seed every other seed derives from ({@link Seeds})
 * @param task     task and data
 * @param network  network and its shape
 * @param weights  trained, pruned software, or pruned on a formed device macro
 * @param prune    keep fraction and flip limit (ignored for trained weights)
 * @param mvm      the multiply chain of every layer (device weights; software weights use its DAC and ADC only)
 * @param training optimiser, schedule, epochs, batch, augmentation
 * @param baseline the conventional baseline to compare with, or null for none
 */
public record ExperimentSpec(String preset, Profile profile, long seed, TaskSpec task, NetworkSpec network, WeightsSpec weights,
                             PruneConfig prune, ChainSpec mvm, TrainingSpec training, BaselineSpec baseline) {

    public ExperimentSpec {
        Check.notNull("profile", profile);
        Check.notNull("task", task);
        Check.notNull("network", network);
        Check.notNull("weights", weights);
        Check.notNull("prune", prune);
        Check.notNull("mvm", mvm);
        Check.notNull("training", training);
        if (!network.task().isInstance(task)) {
            throw new IllegalArgumentException("network: a " + SpecJson.kindOf(network) + " network takes the "
                    + SpecJson.kindOf(network.task()) + " task, not " + SpecJson.kindOf(task));
        }
        network.checkTask(task);
    }

    /** The seeds of this run. */
    public Seeds seeds() {
        return new Seeds(seed);
    }

    /** This spec as JSON (every field). */
    public String toJson() {
        return SpecJson.write(this);
    }

    /** The fields that differ from the preset, as JSON: what a user would write to get this spec. */
    public String toJsonDifferences() {
        return SpecJson.writeDifferences(this);
    }

    /** Reads a spec: a preset and what differs from it, or a whole spec; errors name the JSON path. */
    public static ExperimentSpec fromJson(String json) {
        return SpecJson.read(json, "spec");
    }

    /** The fields that differ from the preset, as "path=value". */
    public List<String> differences() {
        return SpecJson.differences(this);
    }

    /** The spec with the field at a JSON path set (e.g. "prune.keepFraction", 0.3): what sweeps vary. */
    public ExperimentSpec with(String path, Object value) {
        return SpecJson.with(this, path, value);
    }

    public ExperimentSpec withSeed(long s) {
        return new ExperimentSpec(preset, profile, s, task, network, weights, prune, mvm, training, baseline);
    }

    public ExperimentSpec withKeep(double keepFraction) {
        return withPrune(new PruneConfig(keepFraction, prune.flipLimit()));
    }

    public ExperimentSpec withPrune(PruneConfig p) {
        return new ExperimentSpec(preset, profile, seed, task, network, weights, p, mvm, training, baseline);
    }

    public ExperimentSpec withEpochs(int epochs) {
        return withTraining(training.withEpochs(epochs));
    }

    public ExperimentSpec withTraining(TrainingSpec t) {
        return new ExperimentSpec(preset, profile, seed, task, network, weights, prune, mvm, t, baseline);
    }

    public ExperimentSpec withMvm(MvmConfig all) {
        return new ExperimentSpec(preset, profile, seed, task, network, weights, prune, ChainSpec.of(all), training, baseline);
    }

    public ExperimentSpec withWeights(WeightsSpec w) {
        return new ExperimentSpec(preset, profile, seed, task, network, w, prune, mvm, training, baseline);
    }

    /** Device weights of another device (the macro kept), e.g. {@code withDevice(DeviceModel.pcmLike())}. */
    public ExperimentSpec withDevice(DeviceModel device) {
        MacroSpec macro = weights instanceof WeightsSpec.Device d ? d.macro() : MacroSpec.paper();
        return withWeights(new WeightsSpec.Device(device, null, macro));
    }

    public ExperimentSpec withTask(TaskSpec t) {
        return new ExperimentSpec(preset, profile, seed, t, network, weights, prune, mvm, training, baseline);
    }

    public ExperimentSpec withNetwork(NetworkSpec n) {
        return new ExperimentSpec(preset, profile, seed, task, n, weights, prune, mvm, training, baseline);
    }

    public ExperimentSpec withBaseline(BaselineSpec b) {
        return new ExperimentSpec(preset, profile, seed, task, network, weights, prune, mvm, training, b);
    }

    public ExperimentSpec withoutBaseline() {
        return withBaseline(null);
    }

    /** Runs this spec into {@code target/runs/<preset>} (resuming a run killed there) with the default progress display. */
    public RunResult run() {
        return Experiment.run(this, Experiment.defaultOutput(this), Progress.display());
    }

    /** Runs this spec into {@code out}, resuming what a killed run left there. */
    public RunResult run(Path out) {
        return Experiment.run(this, out, Progress.display());
    }

    /** The preset's name and what differs from it. */
    @Override
    public String toString() {
        List<String> d = differences();
        return "ExperimentSpec[" + preset + ", " + profile.lowerName() + (d.isEmpty() ? "" : "; " + String.join(", ", d)) + "]";
    }
}
