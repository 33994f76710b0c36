package org.rramlab.experiment;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rramlab.data.retina.FundusImage;
import org.rramlab.data.retina.Patches;
import org.rramlab.data.retina.PreparedRetina;
import org.rramlab.layers.Layer;
import org.rramlab.layers.PixelCrossEntropy;
import org.rramlab.metrics.SegmentationScores;
import org.rramlab.plot.Images;
import org.rramlab.train.NativeMemory;

/**
 * The retina task's whole-image protocol and figures: vessel probability of full test images by overlapping tiles,
 * scores inside the field of view (the usual DRIVE protocol), overlays, ROC and precision-recall curves, peak memory.
 */
public final class RetinaFigures {
    private RetinaFigures() {}

    /**
     * What a retina run keeps of its whole test images: the vessel maps of the network at the epoch the validation
     * split selects (the headline: chosen without looking at the test set) and at the best test epoch (the authors'
     * selection, for comparison), with their scores inside the field of view, and the FOV scores of every epoch whose
     * maps were computed (those where the validation or the test score improved, and the last).
     *
     * @param selection   how {@code epoch} was chosen: "validation" (best validation score), or "last epoch" when the
     *                    run has no validation split
     * @param epoch       the epoch of {@code maps}, from 1
     * @param testEpoch   the best test epoch, from 1
     * @param perEpoch    epoch, FOV ROC AUC, PR AUC, F1, accuracy (NaN where not computed)
     */
    public record WholeImages(String selection, int epoch, List<float[]> maps, SegmentationScores fov,
                              int testEpoch, List<float[]> testMaps, SegmentationScores testFov, tech.tablesaw.api.Table perEpoch) {}

    /**
     * Keeps the whole-image maps of the validation-selected and test-selected epochs while a retina network trains:
     * the trainer's {@link org.rramlab.train.Trainer#afterEpoch} hook. Maps are computed only when a score improved
     * and at the last epoch, so the cost stays a fraction of training.
     */
    static final class WholeImageKeeper implements org.rramlab.train.Trainer.EpochHook {
        private final TaskSpec.Retina task;
        private final PreparedRetina data;
        private final int batch, epochs;
        private double bestVal = Double.NEGATIVE_INFINITY, bestTest = Double.NEGATIVE_INFINITY;
        private int valEpoch, testEpoch, lastEpoch;
        private List<float[]> valMaps = List.of(), testMaps = List.of(), lastMaps = List.of();
        private final Map<Integer, SegmentationScores> perEpoch = new java.util.TreeMap<>();
        private boolean anyValidation;

        WholeImageKeeper(TaskSpec.Retina task, PreparedRetina data, int batch, int epochs) {
            this.task = task;
            this.data = data;
            this.batch = batch;
            this.epochs = epochs;
        }

        @Override
        public void accept(Layer model, int epoch, double validation, double test) {
            boolean valBetter = !Double.isNaN(validation) && validation > bestVal, testBetter = test > bestTest, last = epoch == epochs;
            anyValidation |= !Double.isNaN(validation);
            if (!valBetter && !testBetter && !last) return;
            List<float[]> maps = fullImages(model, task.crop(), batch, task.fullImages(), data);
            perEpoch.put(epoch, fovScores(maps, data));
            if (valBetter) { bestVal = validation; valEpoch = epoch; valMaps = maps; }
            if (testBetter) { bestTest = test; testEpoch = epoch; testMaps = maps; }
            if (last) { lastEpoch = epoch; lastMaps = maps; }
        }

        /** What was kept; {@code model} (the final network) fills in what a resumed run did not see. */
        WholeImages result(Layer model, org.rramlab.train.TrainResult training) {
            if (lastMaps.isEmpty()) {   // resumed after the last epoch: only the final network is at hand
                lastEpoch = epochs;
                lastMaps = fullImages(model, task.crop(), batch, task.fullImages(), data);
                perEpoch.put(lastEpoch, fovScores(lastMaps, data));
            }
            boolean byValidation = anyValidation && !valMaps.isEmpty() && valEpoch == training.bestValidationEpoch();
            int epoch = byValidation ? valEpoch : lastEpoch;
            List<float[]> maps = byValidation ? valMaps : lastMaps;
            boolean haveTest = !testMaps.isEmpty() && testEpoch == training.bestTestEpoch();
            int tEpoch = haveTest ? testEpoch : epoch;
            List<float[]> tMaps = haveTest ? testMaps : maps;
            tech.tablesaw.api.IntColumn e = tech.tablesaw.api.IntColumn.create("epoch");
            tech.tablesaw.api.DoubleColumn roc = tech.tablesaw.api.DoubleColumn.create("FOV ROC AUC"), pr = tech.tablesaw.api.DoubleColumn.create("FOV PR AUC"),
                    f1 = tech.tablesaw.api.DoubleColumn.create("FOV F1"), acc = tech.tablesaw.api.DoubleColumn.create("FOV accuracy");
            for (int k = 1; k <= epochs; k++) {
                SegmentationScores s = perEpoch.get(k);
                e.append(k);
                roc.append(s == null ? Double.NaN : s.rocAuc());
                pr.append(s == null ? Double.NaN : s.prAuc());
                f1.append(s == null ? Double.NaN : s.f1());
                acc.append(s == null ? Double.NaN : s.accuracy());
            }
            return new WholeImages(byValidation ? "validation" : "last epoch", epoch, maps, fovScores(maps, data), tEpoch, tMaps,
                    fovScores(tMaps, data), tech.tablesaw.api.Table.create("whole test images inside the FOV, per epoch", e, roc, pr, f1, acc));
        }
    }

    /**
     * The score rows of a finished retina run: the pruned network at the validation-selected epoch (the headline) and
     * at the best test epoch (the authors' selection), the weight-trained network and the baseline programmed at the
     * reference point (their final epoch). Patch-pixel scores are the test scores of that epoch; whole-image scores
     * are inside the field of view.
     */
    public static List<Scores> scores(RunResult run) {
        TaskSpec.Retina task = (TaskSpec.Retina) run.spec().task();
        PreparedRetina data = run.data().retina();
        int batch = run.spec().training().batchSize();
        List<Scores> rows = new ArrayList<>();
        WholeImages w = run.wholeImages();
        org.rramlab.train.TrainResult t = run.training();
        if (w != null) {
            rows.add(new Scores("pruned, epoch " + w.epoch() + " (" + (w.selection().equals("validation") ? "validation-selected" : "last epoch") + ")",
                    patchAt(t, w.epoch()), w.fov(), w.epoch(), t.totalFlips(), w.maps()));
            if (w.testEpoch() != w.epoch()) {
                rows.add(new Scores("pruned, epoch " + w.testEpoch() + " (best test epoch)", patchAt(t, w.testEpoch()), w.testFov(), w.testEpoch(),
                        t.totalFlips(), w.testMaps()));
            }
        } else {
            rows.add(score("pruned (" + run.spec().preset() + "), last epoch", run.model(), t.totalFlips(), task, data, batch, run.maps(), t.metrics().rowCount()));
        }
        if (run.baseline() != null) {
            int last = run.baseline().training().metrics().rowCount();
            rows.add(score("trained weights (software), epoch " + last, run.baseline().trained(), 0, task, data, batch, null, last));
            if (run.baseline().reference() != null) {
                rows.add(score("trained, programmed (" + run.spec().baseline().reference().describe() + "), epoch " + last,
                        run.baseline().reference(), 0, task, data, batch, null, last));
            }
        }
        return rows;
    }

    /** The test patch scores of one epoch, from the run's metrics (their confusion counts are not kept per epoch). */
    private static SegmentationScores patchAt(org.rramlab.train.TrainResult t, int epoch) {
        return new SegmentationScores(t.testScoreAt(epoch, "ROC AUC"), t.testScoreAt(epoch, "PR AUC"), t.testScoreAt(epoch, "F1"),
                t.testScoreAt(epoch, "accuracy"), null);
    }

    private static Scores score(String name, Layer model, long flips, TaskSpec.Retina task, PreparedRetina data, int batch, List<float[]> maps, int epoch) {
        SegmentationScores patch = SegmentationScores.onPixels(org.rramlab.train.Segmentation.predict(model, data.testPatches().images(), batch),
                data.testPatches().truth());
        List<float[]> m = maps != null && !maps.isEmpty() ? maps : fullImages(model, task.crop(), batch, task.fullImages(), data);
        return new Scores(name, patch, fovScores(m, data), epoch, flips, m);
    }

    /** A run's result row for the score table: name, patch scores of that epoch, FOV scores, epoch, flips, whole-image maps. */
    public record Scores(String network, SegmentationScores patch, SegmentationScores fov, int epoch, long flips, List<float[]> maps) {}

    /** Vessel probability of the first {@code fullImages} test images by overlapping tiles (stride crop/2, blended: no seams). */
    public static List<float[]> fullImages(Layer model, int crop, int batchSize, int images, PreparedRetina data) {
        List<float[]> maps = new ArrayList<>();
        int count = Math.min(images, data.test().size());
        for (int i = 0; i < count; i++) {
            FundusImage f = data.set().test().get(i);
            maps.add(Patches.predictFull(data.test().get(i), f.width(), f.height(), crop, crop / 2, batchSize,
                    x -> PixelCrossEntropy.vesselProbability(model.forward(x, false))));
        }
        return maps;
    }

    /** Scores inside the FOV over all given maps together (null when there are none). */
    public static SegmentationScores fovScores(List<float[]> maps, PreparedRetina data) {
        if (maps.isEmpty()) return null;
        int total = 0;
        for (float[] m : maps) total += m.length;
        float[] p = new float[total];
        boolean[] vessel = new boolean[total], fov = new boolean[total];
        int at = 0;
        for (int i = 0; i < maps.size(); i++) {
            FundusImage f = data.set().test().get(i);
            System.arraycopy(maps.get(i), 0, p, at, maps.get(i).length);
            System.arraycopy(f.vessel(), 0, vessel, at, f.vessel().length);
            System.arraycopy(f.fov(), 0, fov, at, f.fov().length);
            at += maps.get(i).length;
        }
        return SegmentationScores.of(p, vessel, fov);
    }

    /** Rows of a row-major image as the [height][width] grid the notebook's image helpers take. */
    public static float[][] grid(float[] image, int width, int height) {
        if (image.length != width * height) {
            throw new IllegalArgumentException("grid: image has " + image.length + " values, expected " + width + " x " + height);
        }
        float[][] g = new float[height][width];
        for (int r = 0; r < height; r++) System.arraycopy(image, r * width, g[r], 0, width);
        return g;
    }

    /** The test image's preprocessed grey with predicted vessels (probability > 0.5) in red and missed vessels in blue. */
    public static BufferedImage overlay(PreparedRetina data, int testIndex, float[] probability, int scale) {
        FundusImage f = data.set().test().get(testIndex);
        boolean[][] predicted = new boolean[f.height()][f.width()], missed = new boolean[f.height()][f.width()];
        for (int i = 0; i < probability.length; i++) {
            boolean p = probability[i] > SegmentationScores.THRESHOLD && f.fov()[i];
            predicted[i / f.width()][i % f.width()] = p;
            missed[i / f.width()][i % f.width()] = !p && f.vessel()[i];
        }
        BufferedImage base = Images.maskOverlay(grid(data.test().get(testIndex), f.width(), f.height()), predicted, Color.RED, 0.6, scale);
        BufferedImage both = Images.maskOverlay(grid(data.test().get(testIndex), f.width(), f.height()), missed, Color.BLUE, 0.6, scale);
        // combine: red where predicted, blue where missed
        for (int y = 0; y < base.getHeight(); y++) {
            for (int x = 0; x < base.getWidth(); x++) {
                if (missed[y / scale][x / scale]) base.setRGB(x, y, both.getRGB(x, y));
            }
        }
        return base;
    }

    /**
     * Test image {@code testIndex} side by side: its vessel truth, then the vessel probability (black 0, white 1) of
     * each row's network, each labelled with the network and the epoch its map comes from.
     */
    public static BufferedImage sideBySide(PreparedRetina data, List<Scores> rows, int testIndex, int columns) {
        FundusImage f = data.set().test().get(testIndex);
        List<float[][]> images = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        float[] truth = new float[f.vessel().length];
        for (int i = 0; i < truth.length; i++) truth[i] = f.vessel()[i] ? 1 : 0;
        images.add(grid(truth, f.width(), f.height()));
        labels.add("truth (test image " + (testIndex + 1) + ")");
        for (Scores r : rows) {
            if (r.maps() == null || r.maps().size() <= testIndex) continue;
            images.add(grid(r.maps().get(testIndex), f.width(), f.height()));
            labels.add(shortLabel(r));
        }
        return Images.grid(images, labels, columns, Math.max(1, (int) Math.ceil(170.0 / f.width())));
    }

    /** A row's network in a few words with its epoch, for a label under a small picture. */
    static String shortLabel(Scores r) {
        String n = r.network();
        String what = n.startsWith("pruned") ? "pruned" : n.startsWith("trained, programmed") ? "programmed" : n.startsWith("trained") ? "trained" : n;
        String how = n.contains("validation-selected") ? " (val.)" : n.contains("best test") ? " (best test)" : "";
        return what + ", epoch " + r.epoch() + how;
    }

    /**
     * ROC AUC per epoch on test patches (every epoch), on the validation patches and on whole test images inside the
     * field of view (the epochs whose maps were computed), the selected epochs named in the title.
     */
    public static org.knowm.xchart.XYChart perEpochChart(RunResult run) {
        tech.tablesaw.api.Table m = run.training().metrics();
        double[] epochs = m.intColumn("epoch").asDoubleArray();
        Map<String, org.rramlab.plot.Charts.XY> series = new LinkedHashMap<>();
        series.put("test patches", new org.rramlab.plot.Charts.XY(epochs, m.doubleColumn("test ROC AUC").asDoubleArray()));
        double[] val = m.doubleColumn("val ROC AUC").asDoubleArray();
        if (java.util.Arrays.stream(val).anyMatch(v -> !Double.isNaN(v))) series.put("validation patches", new org.rramlab.plot.Charts.XY(epochs, val));
        WholeImages w = run.wholeImages();
        String title = "ROC AUC per epoch";
        if (w != null) {
            List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
            var fov = w.perEpoch();
            for (int i = 0; i < fov.rowCount(); i++) {
                double v = fov.doubleColumn("FOV ROC AUC").getDouble(i);
                if (!Double.isNaN(v)) {
                    xs.add((double) fov.intColumn("epoch").getInt(i));
                    ys.add(v);
                }
            }
            series.put("whole test images (FOV)", new org.rramlab.plot.Charts.XY(xs.stream().mapToDouble(Double::doubleValue).toArray(),
                    ys.stream().mapToDouble(Double::doubleValue).toArray()));
            title += "; maps: epoch " + w.epoch() + " (" + (w.selection().equals("validation") ? "val." : "last") + "), best test: epoch " + w.testEpoch();
        }
        var chart = org.rramlab.plot.Charts.xy(title, "epoch", "ROC AUC", series);
        chart.getStyler().setMarkerSize(7);
        for (var s : chart.getSeriesMap().values()) s.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.CIRCLE);
        var fovSeries = chart.getSeriesMap().get("whole test images (FOV)");
        if (fovSeries != null) fovSeries.setXYSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);   // points only: epochs between are not computed
        return chart;
    }

    /**
     * One row per network: whole-image scores inside the field of view first (the headline), then the patch-pixel
     * scores of the same epoch (the paper's protocol); mask flips.
     */
    public static tech.tablesaw.api.Table scoreTable(List<Scores> runs) {
        var t = tech.tablesaw.api.Table.create("vessel segmentation scores: whole test images inside the field of view (FOV), and test patches",
                tech.tablesaw.api.StringColumn.create("network"));
        String[] names = {"FOV ROC AUC", "FOV PR AUC", "FOV F1", "FOV accuracy", "patch ROC AUC", "patch PR AUC", "patch F1", "patch accuracy"};
        for (String n : names) t.addColumns(tech.tablesaw.api.DoubleColumn.create(n));
        t.addColumns(tech.tablesaw.api.LongColumn.create("mask flips"));
        for (Scores r : runs) {
            t.stringColumn(0).append(r.network());
            SegmentationScores p = r.patch(), f = r.fov();
            double[] v = {f == null ? Double.NaN : f.rocAuc(), f == null ? Double.NaN : f.prAuc(), f == null ? Double.NaN : f.f1(),
                    f == null ? Double.NaN : f.accuracy(), p.rocAuc(), p.prAuc(), p.f1(), p.accuracy()};
            for (int i = 0; i < v.length; i++) t.doubleColumn(i + 1).append(v[i]);
            t.longColumn(names.length + 1).append(r.flips());
        }
        return t;
    }

    /** ROC curves of the runs' full-image maps inside the FOV. */
    public static org.knowm.xchart.XYChart rocChart(List<Scores> runs, PreparedRetina data) {
        return curveChart(runs, data, true);
    }

    /** Precision–recall curves of the runs' full-image maps inside the FOV. */
    public static org.knowm.xchart.XYChart prChart(List<Scores> runs, PreparedRetina data) {
        return curveChart(runs, data, false);
    }

    private static org.knowm.xchart.XYChart curveChart(List<Scores> runs, PreparedRetina data, boolean roc) {
        Map<String, org.rramlab.plot.Charts.XY> series = new LinkedHashMap<>();
        for (Scores r : runs) {
            if (r.maps().isEmpty()) continue;
            int total = 0;
            for (float[] m : r.maps()) total += m.length;
            float[] p = new float[total];
            boolean[] v = new boolean[total], fov = new boolean[total];
            int at = 0;
            for (int i = 0; i < r.maps().size(); i++) {
                FundusImage f = data.set().test().get(i);
                System.arraycopy(r.maps().get(i), 0, p, at, f.vessel().length);
                System.arraycopy(f.vessel(), 0, v, at, f.vessel().length);
                System.arraycopy(f.fov(), 0, fov, at, f.fov().length);
                at += f.vessel().length;
            }
            SegmentationCurves c = SegmentationCurves.of(p, v, fov);
            series.put(r.network(), roc ? c.roc() : c.pr());
        }
        return roc ? org.rramlab.plot.Charts.xy("ROC (full images, inside FOV)", "false-positive rate", "true-positive rate", series)
                : org.rramlab.plot.Charts.xy("precision-recall (full images, inside FOV)", "recall", "precision", series);
    }

    /**
     * Peak memory of a run: the JVM heap in use (sampled every 100 ms on a daemon thread), the bytes ND4J accounts for
     * (workspaces; sampled) and the process's resident set size, whose peak is the kernel's exact high-water mark
     * ({@link NativeMemory#peakResidentBytes()}; sampling where /proc is missing). ND4J's plain arrays show only in the
     * resident size (see {@link NativeMemory}).
     */
    public static final class PeakMemory {
        private final Thread thread;
        private volatile boolean running = true;
        private volatile long heap, heapCommitted, nd4j, rss;

        private PeakMemory() {
            thread = new Thread(() -> {
                while (running) {
                    sample();
                    try { Thread.sleep(100); } catch (InterruptedException e) { return; }
                }
            }, "peak-memory");
            thread.setDaemon(true);
        }

        public static PeakMemory start() {
            PeakMemory m = new PeakMemory();
            m.thread.start();
            return m;
        }

        private synchronized void sample() {
            Runtime rt = Runtime.getRuntime();
            heap = Math.max(heap, rt.totalMemory() - rt.freeMemory());
            heapCommitted = Math.max(heapCommitted, rt.totalMemory());
            nd4j = Math.max(nd4j, NativeMemory.nd4jAccountedBytes());
            rss = Math.max(rss, Math.max(NativeMemory.residentBytes(), NativeMemory.peakResidentBytes()));
        }

        /** Stops sampling and describes the peaks. */
        public String stop() {
            running = false;
            sample();
            return String.format(Locale.ROOT, "peak process RSS %.2f GB (kernel high-water mark); heap: peak in use %.2f GB, peak committed %.2f GB, max %.1f GB; peak ND4J-accounted %.2f GB",
                    rss / 1e9, heap / 1e9, heapCommitted / 1e9, Runtime.getRuntime().maxMemory() / 1e9, nd4j / 1e9);
        }

        public long peakHeapBytes() { return heap; }
        public long peakHeapCommittedBytes() { return heapCommitted; }
        public long peakNd4jAccountedBytes() { return nd4j; }
        public long peakRssBytes() { return rss; }
    }
}
