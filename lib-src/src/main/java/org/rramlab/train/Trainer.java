package org.rramlab.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rramlab.layers.BatchNorm;
import org.rramlab.layers.Buffers;
import org.rramlab.layers.Dropout;
import org.rramlab.layers.Layer;
import org.rramlab.layers.Param;
import org.rramlab.layers.Sequential;
import org.rramlab.train.CosineSchedule;
import org.rramlab.train.Optimizer;
import org.rramlab.train.Progress;
import org.rramlab.prune.ProgrammingLedger;
import org.rramlab.prune.PrunedWeights;
import org.rramlab.prune.Pruning;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Trains a model (edge-pruned or weight-trained) for an {@link Objective} (classification or segmentation) with a
 * cosine learning-rate schedule and SGD or Adam; evaluates on the test set (and a held-out validation split) after
 * every epoch. One loop for every task of the lab.
 *
 * <p>Metrics table columns: epoch, lr, train loss, train &lt;score&gt; (classification: train acc), val &lt;score&gt;,
 * test &lt;each score&gt; (classification: test loss, test acc; segmentation: test ROC AUC, PR AUC, F1, accuracy), flips
 * (this epoch), flip limit, seconds. Model selection: best test epoch (the authors' scripts) and best validation epoch.
 *
 * <p>With a checkpoint file the state after every epoch is saved atomically; starting again with the same file
 * resumes after the last saved epoch. Shuffling draws from a generator seeded per epoch and the checkpoint holds
 * each pruned layer's cells, read-noise generator state and counters, so a resumed run, software or device, gives the
 * same numbers (and the same SET/RESET counts) as an uninterrupted one.
 */
public final class Trainer {
    private final Layer model;
    private final TrainConfig config;
    private final Objective objective;
    private Progress progress = Progress.none();
    private Path checkpoint;
    private java.util.function.BiConsumer<Layer, Examples> beforeEvaluation = (m, train) -> { };
    private EpochHook afterEpoch = (m, epoch, validation, test) -> { };

    /** Called after each epoch's evaluation, before its checkpoint: what a run keeps of the network at that epoch. */
    @FunctionalInterface
    public interface EpochHook {
        /**
         * @param epoch      the epoch just finished, from 1
         * @param validation the epoch's validation score (NaN without a validation split)
         * @param test       the epoch's test score
         */
        void accept(Layer model, int epoch, double validation, double test);
    }

    /** Classification with the config's augmentation and label smoothing. */
    public Trainer(Layer model, TrainConfig config) {
        this(model, config, new Classification(config.augmentation(), config.labelSmoothing()));
    }

    public Trainer(Layer model, TrainConfig config, Objective objective) {
        if (model == null || config == null || objective == null) {
            throw new IllegalArgumentException("trainer: model, config and objective are required");
        }
        this.model = model;
        this.config = config;
        this.objective = objective;
    }

    public Trainer progress(Progress p) { this.progress = p == null ? Progress.none() : p; return this; }

    /**
     * Runs {@code hook(model, training set)} after every epoch's training steps, before the validation and test
     * passes (e.g. to re-estimate batch-norm statistics). Default: nothing.
     */
    public Trainer beforeEvaluation(java.util.function.BiConsumer<Layer, Examples> hook) {
        if (hook == null) throw new IllegalArgumentException("hook: expected a BiConsumer<Layer, Examples>, got null");
        this.beforeEvaluation = hook;
        return this;
    }

    /**
     * Runs {@code hook} after every epoch's validation and test passes, before the checkpoint (e.g. to score whole
     * images with the network of that epoch, or keep the maps of the best validation epoch). Whatever random state
     * the hook uses (a fresh array read) is saved with the checkpoint, so a resumed run stays identical.
     */
    public Trainer afterEpoch(EpochHook hook) {
        if (hook == null) throw new IllegalArgumentException("hook: expected an EpochHook, got null");
        this.afterEpoch = hook;
        return this;
    }

    /** Saves after every epoch to {@code file} and resumes from it if it exists. */
    public Trainer checkpoint(Path file) { this.checkpoint = file; return this; }

    /** Trains (or resumes) to {@code config.epochs()}. */
    public TrainResult fit(Examples train, Examples test) { return fit(train, test, config.epochs()); }

    /** Trains up to epoch {@code stopAfter} (≤ epochs) and returns, as a killed run would; resumable. */
    public TrainResult fit(Examples train, Examples test, int stopAfter) {
        Examples[] parts = config.validationFraction() > 0 ? train.split(config.validationFraction(), config.seed() ^ 0x5EEDL) : new Examples[] {null, train};
        Examples validation = parts[0], fitSet = parts[1];
        List<Param> params = model.params();
        Optimizer optimizer = config.newOptimizer();
        CosineSchedule schedule = new CosineSchedule(config.learningRate(), config.epochs());
        List<PrunedWeights> pruned = Pruning.prunedLayers(model);
        List<ProgrammingLedger> ledgers = distinctLedgers(pruned);
        List<BatchNorm> norms = Sequential.leavesOf(model, BatchNorm.class);

        List<double[]> rows = new ArrayList<>();
        int start = 0, flipStep = 0;
        double bestTest = -1, bestVal = -1;
        if (checkpoint != null && Files.exists(checkpoint)) {
            Checkpoint c = Checkpoint.read(checkpoint);
            restore(c, params, optimizer, pruned, ledgers, norms);
            start = c.epochsDone();
            flipStep = c.flipStep();
            rows.addAll(c.metricRows());
            bestTest = c.scalars()[0];
            bestVal = c.scalars()[1];
        }
        double limit = config.flipLimit().at(flipStep);
        if (config.flipLimit().enabled()) for (PrunedWeights p : pruned) p.setFlipLimit(limit);

        int end = Math.min(stopAfter, config.epochs());
        String score = objective.score();
        for (int epoch = start; epoch < end; epoch++) {
            long t0 = System.nanoTime();
            long flipsBefore = totalFlips(ledgers);
            double lr = schedule.at(epoch);
            long epochSeed = config.seed() * 1_000_003L + epoch;
            Examples epochSet = objective.epoch(fitSet, epochSeed);
            int[] order = Examples.permutation(epochSet.size(), new Random(epochSeed));
            int batches = (epochSet.size() + config.batchSize() - 1) / config.batchSize();
            progress.start(String.format(Locale.ROOT, "epoch %d/%d", epoch + 1, config.epochs()), batches);
            double lossSum = 0, scoreSum = 0;
            for (int b = 0; b < batches; b++) {
                int from = b * config.batchSize(), to = Math.min(epochSet.size(), from + config.batchSize());
                Examples batch = epochSet.select(Arrays.copyOfRange(order, from, to));
                INDArray inputs = objective.batchInputs(batch, epochSeed * 1_000_033L + b);
                INDArray output = model.forward(inputs, true);
                Objective.Loss r = objective.loss(output, batch);
                INDArray gradInput = model.backward(r.gradient());
                optimizer.step(params, lr);
                lossSum += r.value() * batch.size();
                scoreSum += r.scoreSum();
                // the step's arrays now, not at a garbage collection; then a collection if native memory still grows
                // (ND4J frees a buffer only with its Java handle: a 10-epoch weight-trained MLP reached 24 GB without)
                Buffers.free(gradInput, r.gradient(), output, inputs, batch.inputs(), batch.targets());
                NativeMemory.collectIfAbove(NativeMemory.DEFAULT_BUDGET_BYTES);
                if ((b + 1) % 25 == 0 || b + 1 == batches) {
                    progress.advance(b + 1, String.format(Locale.ROOT, "loss %.3f", lossSum / to));
                }
            }
            beforeEvaluation.accept(model, fitSet);
            Map<String, Double> val = validation == null ? null : objective.evaluate(model, validation, config.batchSize());
            Map<String, Double> tst = objective.evaluate(model, test, config.batchSize());
            long flips = totalFlips(ledgers) - flipsBefore;
            double testScore = tst.get(score), valScore = val == null ? Double.NaN : val.get(score);
            if (testScore > bestTest) {
                if (bestTest >= 0 && config.flipLimit().enabled()) {
                    // the authors lower the limit one step each time the best accuracy improves
                    flipStep++;
                    limit = config.flipLimit().at(flipStep);
                    for (PrunedWeights p : pruned) p.setFlipLimit(limit);
                }
                bestTest = testScore;
            }
            if (val != null && valScore > bestVal) bestVal = valScore;
            double seconds = (System.nanoTime() - t0) / 1e9;
            List<Double> row = new ArrayList<>(List.of((double) epoch + 1, lr, lossSum / epochSet.size()));
            if (objective.scoresTraining()) row.add(scoreSum / epochSet.size());
            row.add(valScore);
            for (String name : objective.scores()) row.add(tst.get(name));
            row.addAll(List.of((double) flips, config.flipLimit().enabled() ? limit : 0, seconds));
            rows.add(row.stream().mapToDouble(Double::doubleValue).toArray());
            progress.finish(String.format(Locale.ROOT, "train loss %.4f%s, %stest %s %s, %d flips, %.1f s", lossSum / epochSet.size(),
                    objective.scoresTraining() ? String.format(Locale.ROOT, " %s %s", score, format(score, scoreSum / epochSet.size())) : "",
                    val == null ? "" : String.format(Locale.ROOT, "val %s %s, ", score, format(score, valScore)), score, format(score, testScore),
                    flips, seconds));
            afterEpoch.accept(model, epoch + 1, valScore, testScore);
            if (checkpoint != null) {
                saveCheckpoint(epoch + 1, flipStep, bestTest, bestVal, params, optimizer, pruned, ledgers, norms, rows);
            }
        }
        return result(rows, totalFlips(ledgers));
    }

    /** Accuracies as percentages, other scores as they are (ROC AUC 0.9612). */
    private static String format(String score, double value) {
        return score.equals("acc") ? String.format(Locale.ROOT, "%.2f %%", 100 * value) : String.format(Locale.ROOT, "%.4f", value);
    }

    /** The metrics table's columns for this objective (see the class comment). */
    private List<String> columns() {
        List<String> c = new ArrayList<>(List.of("epoch", "lr", "train loss"));
        if (objective.scoresTraining()) c.add("train " + objective.score());
        c.add("val " + objective.score());
        for (String name : objective.scores()) c.add("test " + name);
        c.addAll(List.of("flips", "flip limit", "seconds"));
        return c;
    }

    /** Mean loss and accuracy of {@code model} on {@code data}, in batches (each batch a fresh array read): {loss, acc}. */
    public static double[] evaluate(Layer model, Examples data, int batchSize) {
        Map<String, Double> s = Classification.plain().evaluate(model, data, batchSize);
        return new double[] {s.get("loss"), s.get("acc")};
    }

    private TrainResult result(List<double[]> rows, long flips) {
        List<String> names = columns();
        Table t = Table.create("training");
        t.addColumns(IntColumn.create(names.get(0)));
        for (int c = 1; c < names.size(); c++) t.addColumns(DoubleColumn.create(names.get(c)));
        int val = names.indexOf("val " + objective.score()), test = names.indexOf("test " + objective.score());
        int bestTestEpoch = 0, bestValEpoch = 0;
        double bestTest = -1, bestVal = -1, testAtVal = Double.NaN;
        for (double[] r : rows) {
            if (r.length != names.size()) {
                throw new IllegalArgumentException("checkpoint " + checkpoint + ": its metrics rows have " + r.length + " columns, this "
                        + "objective has " + names.size() + ": it belongs to another task");
            }
            t.intColumn(0).append((int) r[0]);
            for (int c = 1; c < names.size(); c++) t.doubleColumn(c).append(r[c]);
            if (r[test] > bestTest) { bestTest = r[test]; bestTestEpoch = (int) r[0]; }
            if (!Double.isNaN(r[val]) && r[val] > bestVal) { bestVal = r[val]; bestValEpoch = (int) r[0]; testAtVal = r[test]; }
        }
        return new TrainResult(t, objective.score(), bestTestEpoch, bestTest, bestValEpoch, testAtVal, flips);
    }

    private static List<ProgrammingLedger> distinctLedgers(List<PrunedWeights> pruned) {
        Map<ProgrammingLedger, Boolean> seen = new IdentityHashMap<>();
        List<ProgrammingLedger> list = new ArrayList<>();
        for (PrunedWeights p : pruned) if (seen.put(p.ledger(), true) == null) list.add(p.ledger());
        return list;
    }

    private static long totalFlips(List<ProgrammingLedger> ledgers) {
        return ledgers.stream().mapToLong(ProgrammingLedger::total).sum();
    }

    private void saveCheckpoint(int epochsDone, int flipStep, double bestTest, double bestVal, List<Param> params, Optimizer optimizer,
                                List<PrunedWeights> pruned, List<ProgrammingLedger> ledgers, List<BatchNorm> norms, List<double[]> rows) {
        List<INDArray> arrays = new ArrayList<>();
        for (Param p : params) arrays.add(p.value());
        for (BatchNorm bn : norms) { arrays.add(bn.runningMean()); arrays.add(bn.runningVar()); }
        List<INDArray> state = optimizer.state(params);
        arrays.addAll(state);
        List<boolean[]> masks = new ArrayList<>();
        List<float[]> refs = new ArrayList<>();
        List<long[]> ledger = new ArrayList<>();
        List<long[]> sourceStates = new ArrayList<>();
        List<byte[]> sourceCells = new ArrayList<>();
        for (PrunedWeights p : pruned) {
            masks.add(p.maskBits());
            refs.add(p.references());
            ledger.add(new long[] {p.ledger().sets(p.layer()), p.ledger().resets(p.layer())});
            sourceStates.add(p.sourceState());
            sourceCells.add(p.sourceCells());
        }
        new Checkpoint(epochsDone, flipStep, optimizer.steps(), new double[] {bestTest, bestVal, state.size()}, arrays, masks, refs, ledger,
                sourceStates, sourceCells, rows).write(checkpoint);
    }

    private void restore(Checkpoint c, List<Param> params, Optimizer optimizer, List<PrunedWeights> pruned,
                         List<ProgrammingLedger> ledgers, List<BatchNorm> norms) {
        int stateSize = (int) c.scalars()[2];
        int expected = params.size() + 2 * norms.size() + stateSize;
        if (c.arrays().size() != expected || c.masks().size() != pruned.size()) {
            throw new IllegalArgumentException("checkpoint " + checkpoint + ": holds " + c.arrays().size() + " arrays and " + c.masks().size()
                    + " masks, this model needs " + expected + " and " + pruned.size() + ": it belongs to another model");
        }
        int i = 0;
        for (Param p : params) {
            INDArray saved = c.arrays().get(i++);
            if (!Arrays.equals(saved.shape(), p.value().shape())) {
                throw new IllegalArgumentException("checkpoint " + checkpoint + ": parameter " + p.name() + " has shape " + Arrays.toString(saved.shape())
                        + ", expected " + Arrays.toString(p.value().shape()));
            }
            p.value().assign(saved);
        }
        for (BatchNorm bn : norms) { bn.runningMean().assign(c.arrays().get(i++)); bn.runningVar().assign(c.arrays().get(i++)); }
        optimizer.restore(params, c.arrays().subList(i, i + stateSize), c.optimizerSteps());
        for (Dropout d : Sequential.leavesOf(model, Dropout.class)) d.seek(c.optimizerSteps());   // one training pass per step
        for (int k = 0; k < pruned.size(); k++) {
            PrunedWeights p = pruned.get(k);
            p.restore(c.masks().get(k), c.references().get(k), c.sourceStates().get(k), c.sourceCells().get(k));
            p.ledger().restore(p.layer(), c.ledger().get(k)[0], c.ledger().get(k)[1]);
        }
    }
}
