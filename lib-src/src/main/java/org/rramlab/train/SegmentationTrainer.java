package org.rramlab.train;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rramlab.data.retina.PatchBatch;
import org.rramlab.data.retina.Patches;
import org.rramlab.metrics.SegmentationScores;
import org.rramlab.layers.Buffers;
import org.rramlab.layers.Layer;
import org.rramlab.layers.Param;
import org.rramlab.layers.PixelCrossEntropy;
import org.rramlab.train.CosineSchedule;
import org.rramlab.train.Optimizer;
import org.rramlab.train.Progress;
import org.rramlab.prune.ProgrammingLedger;
import org.rramlab.prune.PrunedWeights;
import org.rramlab.prune.Pruning;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/**
 * Trains a segmentation network (logits [n, 2, h, w]) on patches with per-pixel cross-entropy, as the paper's DRIVE
 * script: every epoch a fresh augmentation of the training patches (random crop, flips, right-angle rotations),
 * cosine learning rate, then ROC AUC and PR AUC on the pixels of the test patches. Model selection as the paper: the
 * best epoch by test ROC AUC (and the last epoch is reported too).
 *
 * <p>The classification {@link Trainer} works on class labels per example; segmentation needs per-pixel targets and
 * pixel metrics, hence this separate loop (it shares the optimisers, schedule and pruning ledger).
 */
public final class SegmentationTrainer {

    /**
     * @param history     per epoch: epoch, lr, train loss, test ROC AUC, test PR AUC, test F1, test accuracy, flips, seconds
     * @param best        scores of the best epoch by test ROC AUC
     * @param bestEpoch   that epoch (1-based)
     * @param last        scores after the last epoch
     * @param flips       mask flips over the whole run (0 for trained weights)
     * @param seconds     wall time of the whole run
     */
    public record Result(Table history, SegmentationScores best, int bestEpoch, SegmentationScores last, long flips, double seconds) {}

    private final Layer model;
    private final int epochs, batchSize, crop;
    private final double learningRate;
    private final Optimizer optimizer;
    private final long seed;
    private Progress progress = Progress.none();

    /**
     * @param crop side of the random training crop (the paper: 48 from 64×64 patches); must suit the network
     *             (a multiple of 16 for the U-Net)
     */
    public SegmentationTrainer(Layer model, Optimizer optimizer, double learningRate, int epochs, int batchSize, int crop, long seed) {
        if (epochs < 1) throw new IllegalArgumentException("epochs: expected >= 1, got " + epochs);
        if (batchSize < 1) throw new IllegalArgumentException("batchSize: expected >= 1, got " + batchSize);
        if (!(learningRate > 0)) throw new IllegalArgumentException("learningRate: expected > 0, got " + learningRate);
        if (crop < 1) throw new IllegalArgumentException("crop: expected >= 1, got " + crop);
        this.model = model;
        this.optimizer = optimizer;
        this.learningRate = learningRate;
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.crop = crop;
        this.seed = seed;
    }

    public SegmentationTrainer progress(Progress p) { this.progress = p == null ? Progress.none() : p; return this; }

    public Result fit(PatchBatch train, PatchBatch test) {
        long start = System.nanoTime();
        List<Param> params = model.params();
        CosineSchedule schedule = new CosineSchedule(learningRate, epochs);
        List<PrunedWeights> pruned = Pruning.prunedLayers(model);
        List<ProgrammingLedger> ledgers = pruned.stream().map(PrunedWeights::ledger).distinct().toList();
        Table history = Table.create("training", IntColumn.create("epoch"), DoubleColumn.create("lr"), DoubleColumn.create("train loss"),
                DoubleColumn.create("test ROC AUC"), DoubleColumn.create("test PR AUC"), DoubleColumn.create("test F1"),
                DoubleColumn.create("test accuracy"), LongColumn.create("flips"), DoubleColumn.create("seconds"));
        SegmentationScores best = null, last = null;
        int bestEpoch = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            long t0 = System.nanoTime();
            long flipsBefore = ledgers.stream().mapToLong(ProgrammingLedger::total).sum();
            double lr = schedule.at(epoch);
            PatchBatch augmented = Patches.augment(train, crop, seed * 1_000_003L + epoch);
            int n = augmented.size();
            int[] order = Examples.permutation(n, new Random(seed * 7_919L + epoch));
            int batches = (n + batchSize - 1) / batchSize;
            progress.start(String.format(Locale.ROOT, "epoch %d/%d", epoch + 1, epochs), batches);
            double lossSum = 0;
            for (int b = 0; b < batches; b++) {
                int[] idx = Arrays.copyOfRange(order, b * batchSize, Math.min(n, (b + 1) * batchSize));
                INDArray x = rows(augmented.images(), idx), t = rows(augmented.truth(), idx);
                INDArray logits = model.forward(x, true);
                PixelCrossEntropy.Result r = PixelCrossEntropy.evaluate(logits, t);
                INDArray gradInput = model.backward(r.gradLogits());
                optimizer.step(params, lr);
                Buffers.free(gradInput, r.gradLogits(), logits, x, t);   // the step's arrays: free now, not at a collection
                lossSum += r.loss() * idx.length;
                NativeMemory.collectIfAbove(NativeMemory.DEFAULT_BUDGET_BYTES);
                if ((b + 1) % 5 == 0 || b + 1 == batches) {
                    progress.advance(b + 1, String.format(Locale.ROOT, "loss %.4f", lossSum / Math.min(n, (b + 1) * batchSize)));
                }
            }
            last = SegmentationScores.onPixels(predict(model, test.images(), batchSize), test.truth());
            if (best == null || last.rocAuc() > best.rocAuc()) { best = last; bestEpoch = epoch + 1; }
            long flips = ledgers.stream().mapToLong(ProgrammingLedger::total).sum() - flipsBefore;
            double seconds = (System.nanoTime() - t0) / 1e9;
            history.intColumn(0).append(epoch + 1);
            history.doubleColumn(1).append(lr);
            history.doubleColumn(2).append(lossSum / n);
            history.doubleColumn(3).append(last.rocAuc());
            history.doubleColumn(4).append(last.prAuc());
            history.doubleColumn(5).append(last.f1());
            history.doubleColumn(6).append(last.accuracy());
            history.longColumn(7).append(flips);
            history.doubleColumn(8).append(seconds);
            progress.finish(String.format(Locale.ROOT, "loss %.4f, test ROC AUC %.4f, PR AUC %.4f, %d flips, %.1f s",
                    lossSum / n, last.rocAuc(), last.prAuc(), flips, seconds));
        }
        long totalFlips = ledgers.stream().mapToLong(ProgrammingLedger::total).sum();
        return new Result(history, best, bestEpoch, last, totalFlips, (System.nanoTime() - start) / 1e9);
    }

    /** Vessel probability [n, 1, h, w] of {@code images} [n, 1, h, w], in evaluation mode, batch by batch. */
    public static INDArray predict(Layer model, INDArray images, int batchSize) {
        long n = images.size(0);
        INDArray out = Nd4j.create(images.dataType(), images.shape());
        for (long from = 0; from < n; from += batchSize) {
            long to = Math.min(n, from + batchSize);
            INDArray x = images.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to)).dup('c');
            INDArray logits = model.forward(x, false);
            INDArray p = PixelCrossEntropy.vesselProbability(logits);
            out.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to)).assign(p);
            Buffers.free(p, logits, x);
        }
        return out;
    }

    /** The examples {@code idx} of {@code a} [n, ...], as a new array that owns its buffer (so it can be freed). */
    private static INDArray rows(INDArray a, int[] idx) {
        long[] shape = a.shape().clone();
        long per = a.length() / shape[0];
        shape[0] = idx.length;
        INDArray picked = Nd4j.create(a.dataType(), shape);
        Nd4j.pullRows(a.reshape('c', a.size(0), per), picked.reshape('c', idx.length, per), 1, idx);
        return picked;
    }
}
