package org.rramlab.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rramlab.crossbar.MvmChain;
import org.rramlab.device.ConductanceTable;
import org.rramlab.device.DeviceModel;
import org.rramlab.device.WriteNoise;
import org.rramlab.energy.EnergyBreakdown;
import org.rramlab.energy.ProgrammingCost;
import org.rramlab.energy.RunEnergy;
import org.rramlab.layers.Layers;
import org.rramlab.layers.MaskedConv2d;
import org.rramlab.layers.MaskedDense;
import org.rramlab.layers.Sequential;
import org.rramlab.layers.TrainableWeights;
import org.rramlab.network.WeightsProvider;
import org.rramlab.prune.ProgrammingLedger;
import org.rramlab.prune.SoftwareEdgeWeights;
import org.rramlab.prune.TileEdges;
import org.rramlab.train.BatchNormStatistics;
import org.rramlab.train.Classification;
import org.rramlab.train.Examples;
import org.rramlab.train.Objective;
import org.rramlab.train.Progress;
import org.rramlab.train.Segmentation;
import org.rramlab.train.TrainConfig;
import org.rramlab.train.TrainResult;
import org.rramlab.train.Trainer;
import org.rramlab.util.AtomicFiles;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Runs an {@link ExperimentSpec}: one skeleton for every task. Loads the data, builds the network on the spec's
 * weights (trained, pruned software, or pruned on a formed macro with every layer on its tile), trains it with the one
 * {@link Trainer} and the task's {@link Objective} (classification or segmentation), checkpointing every epoch; then,
 * when the spec has a baseline, trains the same network's weights and programs them onto a fresh macro across write
 * noise (one routine for every task); computes the run's energy from its tiles; and writes into the output folder:
 * <ul>
 *   <li>{@code metrics.csv} (one row per epoch), {@code baseline-metrics.csv} and {@code baseline.csv} (the sweep);</li>
 *   <li>{@code summary.csv}: the run's headline figures;</li>
 *   <li>{@code spec.json} (what differs from the preset: {@code ./lab run spec.json} repeats the run) and
 *       {@code provenance.json};</li>
 *   <li>{@code checkpoint.bin}, {@code baseline-checkpoint.bin}: a killed run started again with the same spec and
 *       folder resumes after its last finished epoch and gives the same numbers.</li>
 * </ul>
 * A folder holding a run of another spec is refused.
 */
public final class Experiment {
    private Experiment() {}

    /** Where {@link ExperimentSpec#run()} writes: {@code <repository>/target/runs/<preset>-<profile>-<time>}. */
    static Path defaultOutput(ExperimentSpec spec) {
        String env = System.getProperty("rramlab.runs", System.getenv("RRAMLAB_RUNS"));
        Path base = env != null && !env.isBlank() ? Path.of(env) : repositoryRoot().resolve("target").resolve("runs");
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC).format(Instant.now());
        return base.resolve(spec.preset() + "-" + spec.profile().lowerName() + "-" + stamp);
    }

    private static Path repositoryRoot() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("lab")) && Files.isDirectory(d.resolve("lib-src"))) return d;
        }
        return Path.of("").toAbsolutePath();
    }

    /** Runs {@code spec} into {@code out} (resuming what is there), reporting to {@code progress}. */
    public static RunResult run(ExperimentSpec spec, Path out, Progress progress) {
        return run(spec, out, progress, Integer.MAX_VALUE);
    }

    /**
     * Runs up to epoch {@code stopAfter} of the main network and stops there, as a killed run would (no baseline, no
     * summary): for tests of resuming.
     */
    static RunResult run(ExperimentSpec spec, Path out, Progress progress, int stopAfter) {
        if (spec == null || out == null) throw new IllegalArgumentException("run: spec and output folder are required");
        Progress p = progress == null ? Progress.none() : progress;
        Instant start = Instant.now();
        prepare(spec, out);
        TaskData data = TaskData.load(spec);
        p.start("data: " + data.description(), 1);
        p.finish("loaded");
        Objective objective = objective(spec);
        ProgrammingLedger ledger = new ProgrammingLedger();
        Sequential model = build(spec, spec.weights(), ledger);
        TrainConfig config = trainConfig(spec);
        Trainer trainer = trainer(spec, model, config, objective, data).progress(p).checkpoint(out.resolve("checkpoint.bin"));
        RetinaFigures.WholeImageKeeper keeper = spec.task() instanceof TaskSpec.Retina r && r.fullImages() > 0
                ? new RetinaFigures.WholeImageKeeper(r, data.retina(), spec.training().batchSize(), config.epochs()) : null;
        if (keeper != null) trainer.afterEpoch(keeper);
        TrainResult result = trainer.fit(data.train(), data.test(), Math.min(stopAfter, config.epochs()));
        result.writeCsv(out.resolve("metrics.csv"));
        if (stopAfter < config.epochs()) {
            return new RunResult(spec, out, data, model, result, ledger, null, Map.of(), List.of(), null, List.of(), table(Map.of()), null, null);
        }
        // Retina: whole test images inside the field of view, by the network of the validation-selected epoch (the
        // headline) and of the best test epoch (the authors' selection).
        Map<String, Double> fov = new LinkedHashMap<>();
        List<float[]> maps = List.of();
        RetinaFigures.WholeImages whole = keeper == null ? null : keeper.result(model, result);
        if (whole != null) {
            maps = whole.maps();
            String at = whole.selection().equals("validation") ? "validation-selected epoch" : "last epoch";
            fov.put("ROC AUC, " + at, whole.fov().rocAuc());
            fov.put("PR AUC, " + at, whole.fov().prAuc());
            fov.put("F1, " + at, whole.fov().f1());
            fov.put("accuracy, " + at, whole.fov().accuracy());
            fov.put("epoch, " + at, (double) whole.epoch());
            fov.put("ROC AUC, best test epoch", whole.testFov().rocAuc());
            fov.put("PR AUC, best test epoch", whole.testFov().prAuc());
            fov.put("F1, best test epoch", whole.testFov().f1());
        }
        RunResult.Baseline baseline = spec.baseline() == null ? null : baseline(spec, model, result, objective, data, out, p);
        EnergyBreakdown energy = Layers.tiles(model).isEmpty() ? null : RunEnergy.inference(spec.preset(), model, spec.network().inputBits());
        List<ProgrammingCost> programming = new ArrayList<>(Layers.tiles(model).isEmpty() ? List.of() : RunEnergy.programming("this run", model));
        if (baseline != null && baseline.reference() != null) programming.addAll(RunEnergy.programming("baseline", baseline.reference()));
        Map<String, Object> summary = summary(spec, result, objective, fov, baseline, energy, programming, start);
        Table summaryTable = table(summary);
        write(out.resolve("summary.csv"), summaryTable);
        Provenance provenance = Provenance.of(spec, data.sha256(), start, Instant.now(), files(out));
        provenance.write(out.resolve("provenance.json"));
        p.start("run " + spec.preset(), 1);
        p.finish(headline(summary) + " -> " + shown(out));
        return new RunResult(spec, out, data, model, result, ledger, baseline, fov, maps, energy, programming, summaryTable, provenance, whole);
    }

    /** Refuses a folder that holds another spec's run; records this spec there (so a resume can be checked). */
    private static void prepare(ExperimentSpec spec, Path out) {
        try {
            Files.createDirectories(out);
            Path specFile = out.resolve("spec.json");
            String json = spec.toJsonDifferences();
            if (Files.isRegularFile(specFile)) {
                ExperimentSpec there;
                try {
                    there = SpecJson.read(Files.readString(specFile), specFile.toString(), spec.profile());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("output folder " + out + ": its spec.json cannot be read (" + e.getMessage()
                            + "); choose another folder or delete it");
                }
                if (!there.equals(spec)) {
                    List<String> diff = new ArrayList<>(SpecJson.differences(there));
                    throw new IllegalArgumentException("output folder " + out + " holds a run of another spec (" + there + "; this one: " + spec
                            + "); choose another folder or delete it to start afresh");
                }
            } else {
                AtomicFiles.writeString(specFile, json);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("output folder " + out + ": " + e.getMessage(), e);
        }
    }

    /** The spec's network, built on its weights (a fresh macro for device weights), not trained: for benchmarks and studies. */
    public static Sequential network(ExperimentSpec spec) {
        return build(spec, spec.weights(), new ProgrammingLedger());
    }

    /** The trainer settings a run of {@code spec} uses (the flip limit for pruned weights, the shuffling seed). */
    public static TrainConfig trainConfig(ExperimentSpec spec) {
        return spec.training().config(spec.weights() instanceof WeightsSpec.Trained ? org.rramlab.prune.FlipLimit.NONE : spec.prune().flipLimit(),
                spec.seeds().shuffle());
    }

    /** The task's objective. */
    public static Objective objective(ExperimentSpec spec) {
        if (spec.task() instanceof TaskSpec.Retina r) return new Segmentation(r.crop());
        return new Classification(spec.training().augmentation(), spec.training().labelSmoothing());
    }

    private static Trainer trainer(ExperimentSpec spec, Sequential model, TrainConfig config, Objective objective, TaskData data) {
        Trainer t = new Trainer(model, config, objective);
        if (spec.training().reestimateBatchNorm()) {
            t.beforeEvaluation((m, fit) -> BatchNormStatistics.reestimate(m, fit, spec.training().batchSize()));
        }
        return t;
    }

    /** The network of {@code spec} on {@code weights} (the spec's, or trained ones for the baseline). */
    static Sequential build(ExperimentSpec spec, WeightsSpec weights, ProgrammingLedger ledger) {
        WeightsProvider provider;
        if (weights instanceof WeightsSpec.Software s) {
            provider = WeightsProvider.pruned(SoftwareEdgeWeights.factory(s.distribution()), spec.prune(), ledger);
        } else if (weights instanceof WeightsSpec.Device d) {
            provider = WeightsProvider.pruned(TileEdges.factory(d.macro().build(device(d), spec.seeds().macro())), spec.prune(), ledger);
        } else {
            provider = WeightsProvider.trained();
        }
        Sequential model = spec.network().build(provider.withMvm(spec.mvm()::forLayer), spec.seeds().model());
        checkLayerNames(spec, model);
        return model;
    }

    /** The device of a weights spec, with its measured table when given. */
    static DeviceModel device(WeightsSpec.Device d) {
        return d.measuredTable() == null ? d.device() : d.device().withMeasured(ConductanceTable.load(Path.of(d.measuredTable())));
    }

    private static void checkLayerNames(ExperimentSpec spec, Sequential model) {
        Set<String> names = new LinkedHashSet<>();
        for (MvmChain c : Layers.chains(model)) names.add(c.layer());
        for (String layer : spec.mvm().layers().keySet()) {
            if (!names.contains(layer)) {
                throw new SpecJson.SpecException("spec", "mvm.layers." + layer, "not a layer of the " + SpecJson.kindOf(spec.network())
                        + " network; its layers are " + names);
            }
        }
    }

    /** The conventional baseline: the network's weights trained, then programmed across write noise. */
    private static RunResult.Baseline baseline(ExperimentSpec spec, Sequential model, TrainResult result, Objective objective, TaskData data,
                                               Path out, Progress p) {
        BaselineSpec b = spec.baseline();
        Sequential trained = model;
        TrainResult trainedResult = result;
        if (!(spec.weights() instanceof WeightsSpec.Trained)) {
            trained = build(spec, new WeightsSpec.Trained(), new ProgrammingLedger());
            TrainConfig config = spec.training().config(org.rramlab.prune.FlipLimit.NONE, spec.seeds().shuffle());
            trainedResult = trainer(spec, trained, config, objective, data).progress(p).checkpoint(out.resolve("baseline-checkpoint.bin"))
                    .fit(data.train(), data.test());
            trainedResult.writeCsv(out.resolve("baseline-metrics.csv"));
        }
        Map<String, INDArray> weights = trainedWeights(trained);
        StringColumn kind = StringColumn.create("noise");
        DoubleColumn sigma = DoubleColumn.create("sigma");
        Map<String, DoubleColumn> scores = new LinkedHashMap<>();
        for (String s : objective.scores()) if (!s.equals("loss")) scores.put(s, DoubleColumn.create(s));
        DoubleColumn sd = DoubleColumn.create(objective.score() + " sd");
        int points = b.kinds().size() * b.sigmas().size();
        p.start("baseline: trained weights programmed across write noise", (long) points * b.repeats());
        Sequential referenceModel = null;
        int done = 0, programming = 0;
        for (WriteNoise.Kind k : b.kinds()) {
            for (double s : b.sigmas()) {
                WriteNoise noise = new WriteNoise(k, s);
                Map<String, double[]> got = new LinkedHashMap<>();
                for (String name : scores.keySet()) got.put(name, new double[b.repeats()]);
                for (int r = 0; r < b.repeats(); r++) {
                    long seed = spec.seeds().baseline(programming++);
                    Sequential programmed = programmed(spec, trained, weights, b.device(), noise, seed);
                    Map<String, Double> e = objective.evaluate(programmed, data.test(), spec.training().batchSize());
                    for (String name : scores.keySet()) got.get(name)[r] = e.get(name);
                    if (noise.equals(b.reference()) && r == 0) referenceModel = programmed;
                    p.advance(++done, String.format(Locale.ROOT, "%s %.3f: %s %.4f", k.name().toLowerCase(Locale.ROOT), s, objective.score(),
                            e.get(objective.score())));
                }
                kind.append(k.name().toLowerCase(Locale.ROOT));
                sigma.append(s);
                for (var e : got.entrySet()) scores.get(e.getKey()).append(mean(e.getValue()));
                sd.append(sd(got.get(objective.score())));
            }
        }
        p.finish(points + " write-noise points, " + b.repeats() + " programming(s) each");
        Table sweep = Table.create("conventional baseline: trained weights programmed with write noise", kind, sigma);
        scores.values().forEach(sweep::addColumns);
        sweep.addColumns(sd);
        write(out.resolve("baseline.csv"), sweep);
        Map<String, Double> atReference = new LinkedHashMap<>();
        for (int i = 0; i < sweep.rowCount(); i++) {
            if (sweep.stringColumn("noise").get(i).equals(b.reference().kind().name().toLowerCase(Locale.ROOT))
                    && Math.abs(sweep.doubleColumn("sigma").getDouble(i) - b.reference().sigma()) < 1e-12) {
                for (String name : scores.keySet()) atReference.put(name, sweep.doubleColumn(name).getDouble(i));
            }
        }
        return new RunResult.Baseline(trained, trainedResult, sweep, atReference, referenceModel);
    }

    /**
     * The one routine that programs a weight-trained network onto the devices: the same network (from the spec),
     * every layer's trained weights written by write-verify with {@code noise} onto a fresh macro of {@code device},
     * batch norm copied, every multiply through the spec's chain on the programmed tiles.
     */
    public static Sequential programmed(ExperimentSpec spec, Sequential trained, DeviceModel device, WriteNoise noise, long seed) {
        return programmed(spec, trained, trainedWeights(trained), device, noise, seed);
    }

    private static Sequential programmed(ExperimentSpec spec, Sequential trained, Map<String, INDArray> weights, DeviceModel device,
                                         WriteNoise noise, long seed) {
        MacroSpec macro = spec.weights() instanceof WeightsSpec.Device d ? d.macro() : MacroSpec.paper();
        WeightsProvider provider = WeightsProvider.programmed(weights, macro.build(device, seed), noise, seed).withMvm(spec.mvm()::forLayer);
        Sequential copy = spec.network().build(provider, spec.seeds().model());
        BatchNormStatistics.copy(trained, copy);
        return copy;
    }

    /** Layer name -> trained weight tensor, for every dense, conv and recurrent matrix of a weight-trained model. */
    public static Map<String, INDArray> trainedWeights(org.rramlab.layers.Layer model) {
        Map<String, INDArray> weights = new LinkedHashMap<>();
        Sequential.visitLeaves(model, l -> {
            if (l instanceof MaskedConv2d c && c.layerWeights() instanceof TrainableWeights t) weights.put(c.name(), t.weight().value());
            if (l instanceof MaskedDense d && d.layerWeights() instanceof TrainableWeights t) weights.put(d.name(), t.weight().value());
        });
        if (weights.isEmpty()) throw new IllegalArgumentException("trainedWeights: the model has no trained weights (a pruned model?)");
        return weights;
    }

    private static Map<String, Object> summary(ExperimentSpec spec, TrainResult r, Objective objective, Map<String, Double> fov,
                                               RunResult.Baseline baseline, EnergyBreakdown energy, List<ProgrammingCost> programming, Instant start) {
        Map<String, Object> s = new LinkedHashMap<>();
        String score = objective.score();
        s.put("best test " + score, r.bestTestScore());
        s.put("best test epoch", (double) r.bestTestEpoch());
        s.put("validation-selected test " + score, r.testAtBestValidation());
        s.put("final test " + score, r.finalTestScore());
        for (String name : objective.scores()) {
            if (!name.equals(score) && !name.equals("loss")) s.put("test " + name + " at the best epoch", r.testScoreAt(r.bestTestEpoch(), name));
        }
        for (var e : fov.entrySet()) s.put("whole images (FOV) " + e.getKey(), e.getValue());
        s.put("mask flips", (double) r.totalFlips());
        s.put("seconds per epoch", r.meanEpochSeconds());
        if (baseline != null) {
            for (var e : baseline.atReference().entrySet()) {
                s.put("baseline " + e.getKey() + " at " + spec.baseline().reference().describe(), e.getValue());
                double mine = e.getKey().equals(score) ? r.bestTestScore() : r.testScoreAt(r.bestTestEpoch(), e.getKey());
                s.put("gain in " + e.getKey() + " (points)", 100 * (mine - e.getValue()));
            }
        }
        if (energy != null) s.put("inference energy per example (nJ)", energy.total() * 1e9);
        for (ProgrammingCost c : programming) s.put("programming: " + c.label() + " (pulses)", c.pulses());
        s.put("run seconds", (Instant.now().toEpochMilli() - start.toEpochMilli()) / 1000.0);
        return s;
    }

    /** A run folder as people read it: relative to the repository when inside it. */
    /** A folder as a reader is shown it: relative to the repository when inside it (no machine's absolute path). */
    public static String shown(Path out) {
        Path root = repositoryRoot(), abs = out.toAbsolutePath().normalize();
        return abs.startsWith(root) ? root.relativize(abs).toString() : abs.toString();
    }

    private static String headline(Map<String, Object> s) {
        StringBuilder b = new StringBuilder();
        s.entrySet().stream().filter(e -> e.getKey().startsWith("best test ") || e.getKey().startsWith("gain")).limit(3).forEach(e ->
                b.append(b.length() == 0 ? "" : ", ").append(e.getKey().replace(" (points)", "")).append(' ').append(RunResult.format(e.getKey(), (Double) e.getValue())));
        return b.toString();
    }

    private static Table table(Map<String, Object> summary) {
        StringColumn what = StringColumn.create("figure");
        DoubleColumn value = DoubleColumn.create("value");
        summary.forEach((k, v) -> { what.append(k); value.append(((Number) v).doubleValue()); });
        return Table.create("summary", what, value);
    }

    private static void write(Path file, Table table) {
        try {
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
            table.write().csv(tmp.toFile());
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("results " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<String> files(Path out) {
        try (var s = Files.list(out)) {
            return s.map(f -> f.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }

    private static double sd(double[] v) {
        double m = mean(v), s = 0;
        for (double x : v) s += (x - m) * (x - m);
        return Math.sqrt(s / Math.max(1, v.length - 1));
    }
}
