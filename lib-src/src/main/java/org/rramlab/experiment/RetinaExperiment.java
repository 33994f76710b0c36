package org.rramlab.experiment;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rramlab.crossbar.Macro;
import org.rramlab.crossbar.MvmConfig;
import org.rramlab.data.retina.DriveDataset;
import org.rramlab.data.retina.FundusImage;
import org.rramlab.data.retina.Patches;
import org.rramlab.data.retina.PreparedRetina;
import org.rramlab.device.DeviceModel;
import org.rramlab.device.WriteNoise;
import org.rramlab.metrics.SegmentationScores;
import org.rramlab.layers.BatchNorm;
import org.rramlab.layers.Layers;
import org.rramlab.layers.Layer;
import org.rramlab.layers.LayerWeights;
import org.rramlab.layers.MaskedConv2d;
import org.rramlab.layers.Param;
import org.rramlab.layers.PixelCrossEntropy;
import org.rramlab.layers.Sequential;
import org.rramlab.layers.TrainableWeights;
import org.rramlab.network.UNet;
import org.rramlab.network.WeightsProvider;
import org.rramlab.train.Adam;
import org.rramlab.train.Optimizer;
import org.rramlab.train.Sgd;
import org.rramlab.train.NativeMemory;
import org.rramlab.train.SegmentationTrainer;
import org.rramlab.plot.Images;
import org.rramlab.experiment.Profile;
import org.rramlab.train.Progress;
import org.rramlab.notebook.ProgressBar;
import org.rramlab.prune.FlipLimit;
import org.rramlab.prune.ProgrammingLedger;
import org.rramlab.prune.PruneConfig;
import org.rramlab.prune.SoftwareEdgeWeights;
import org.rramlab.prune.TileEdges;

/**
 * The paper's third experiment: retinal-vessel segmentation with a U-Net whose weights are the random conductances
 * of formed cells, trained by edge pruning, against the conventional baseline (the same U-Net with trained weights,
 * programmed onto cells with write noise) and the pure-software variants.
 *
 * <p>Data: DRIVE when {@link DriveDataset#find()} finds it, otherwise the synthetic fundus set; {@link
 * #prepare} says which in {@code set().source()}. Scores: ROC AUC, PR AUC, F1 and accuracy on the pixels of the test
 * patches (the paper's protocol) and inside the field of view of the full test images (the usual DRIVE protocol,
 * by overlapping tiles whose predictions are averaged).
 *
 * <p>Run headless: {@code java -cp 'lib-src/target/notebook-lib/*' org.rramlab.experiment.RetinaExperiment}
 * (profile from {@code RRAMLAB_PROFILE}, default quick).
 */
public final class RetinaExperiment {
    private RetinaExperiment() {}

    /** Which weights the U-Net's convs get. */
    public enum Variant {
        /** Edge pruning of formed-cell conductances (read noise on every test read): the paper's method. */
        PRUNED_DEVICE("pruned, random device weights"),
        /** Edge pruning of software signed-constant weights (no device). */
        PRUNED_SOFTWARE("pruned, random software weights"),
        /** Conventionally trained float weights (software; program them with {@link #programmed} for the baseline). */
        TRAINED("trained weights (software)");

        private final String label;
        Variant(String label) { this.label = label; }
        public String label() { return label; }
    }

    /**
     * Everything that sizes a run.
     *
     * @param imageSize     side of the synthetic images (DRIVE keeps its own 565×584)
     * @param trainImages   synthetic training images (DRIVE: 20)
     * @param testImages    synthetic test images (DRIVE: 20)
     * @param trainPatches  training patches per run (the paper: 5000)
     * @param testPatches   test patches for the patch-pixel metric
     * @param patchSide     side of the sampled patches (the paper: 64)
     * @param crop          random training crop and full-image tile side (the paper: 48; a multiple of 16)
     * @param net           U-Net width, input bits, upsampling mode
     * @param epochs        training epochs (the paper: 60)
     * @param batchSize     patches per step (the paper: 64)
     * @param adam          Adam (true, the paper's software run) or SGD with momentum 0.9 (the hardware run)
     * @param learningRate  initial learning rate, cosine to 0
     * @param weightDecay   L2 weight decay (the paper: 5e-4)
     * @param keepFraction  fraction of edges each conv keeps (the paper: 0.5)
     * @param flipLimit     hardware-aware flip limit of the device-pruned U-Net (the paper for DRIVE: a constant 0.001,
     *                      {@link FlipLimit#drive()}); the software-pruned variant never has one, as in the authors' software
     *                      scripts
     * @param fullImages    test images scored in full inside the FOV (0 skips the full-image protocol)
     * @param seed          data, weights, augmentation and shuffling seed
     */
    public record Config(int imageSize, int trainImages, int testImages, int trainPatches, int testPatches, int patchSide, int crop,
                         UNet.Shape net, int epochs, int batchSize, boolean adam, double learningRate, double weightDecay,
                         double keepFraction, FlipLimit flipLimit, int fullImages, long seed) {
        public Config {
            positive("imageSize", imageSize); positive("trainImages", trainImages); positive("testImages", testImages);
            positive("trainPatches", trainPatches); positive("testPatches", testPatches); positive("epochs", epochs);
            positive("batchSize", batchSize);
            if (crop < 16 || crop % 16 != 0) throw new IllegalArgumentException("crop: expected a positive multiple of 16 (four 2x2 poolings), got " + crop);
            if (patchSide < crop || patchSide % 16 != 0) {
                throw new IllegalArgumentException("patchSide: expected a multiple of 16 and >= crop " + crop + ", got " + patchSide);
            }
            if (imageSize < patchSide) throw new IllegalArgumentException("imageSize: expected >= patchSide " + patchSide + ", got " + imageSize);
            if (net == null) throw new IllegalArgumentException("net: expected a UNet.Shape, got null");
            if (!(learningRate > 0)) throw new IllegalArgumentException("learningRate: expected > 0, got " + learningRate);
            if (!(weightDecay >= 0)) throw new IllegalArgumentException("weightDecay: expected >= 0, got " + weightDecay);
            if (!(keepFraction > 0 && keepFraction <= 1)) throw new IllegalArgumentException("keepFraction: expected (0, 1], got " + keepFraction);
            if (flipLimit == null) throw new IllegalArgumentException("flipLimit: expected a FlipLimit (FlipLimit.NONE for none), got null");
            if (fullImages < 0) throw new IllegalArgumentException("fullImages: expected >= 0, got " + fullImages);
        }

        private static void positive(String name, int v) {
            if (v < 1) throw new IllegalArgumentException(name + ": expected >= 1, got " + v);
        }

        /**
         * The paper: base 32, 5000 patches of 64 → crops of 48, Adam 1e-4, wd 5e-4, 60 epochs, batch 64, flip limit 0.001
         * on the device-pruned U-Net.
         */
        public static Config paper() {
            return new Config(584, 20, 20, 5000, 1000, 64, 48, UNet.Shape.paper(), 60, 64, true, 1e-4, 5e-4, 0.5, FlipLimit.drive(), 20, 1);
        }

        /**
         * Minutes on 2 cores: base-8 U-Net (269,656 weights instead of 4.3 M), 640 patches of 64 → crops of 32,
         * batch 16, 8 epochs, Adam 3e-3 (the paper's 1e-4 learns too slowly for a run this short). The pruned
         * network's test ROC AUC swings from epoch to epoch (0.91–0.98 at 3e-3, measured) while its loss falls;
         * 8 epochs rather than 5 give the best-epoch selection (the paper's protocol) more than a lucky draw.
         */
        public static Config quick() {
            return new Config(256, 8, 4, 640, 160, 64, 32, UNet.Shape.paper().withBase(8), 8, 16, true, 3e-3, 5e-4, 0.5, FlipLimit.drive(), 2, 1);
        }

        /** Seconds, for CI: base 4, 96 patches of 32 → 32, 2 epochs. Numbers mean nothing; the code path is the same. */
        public static Config ci() {
            return new Config(96, 3, 2, 96, 32, 32, 32, UNet.Shape.paper().withBase(4), 2, 16, true, 3e-3, 5e-4, 0.5, FlipLimit.drive(), 1, 1);
        }

        public static Config forProfile(Profile p) { return p.pick(ci(), quick(), paper()); }

        public Config withEpochs(int e) {
            return new Config(imageSize, trainImages, testImages, trainPatches, testPatches, patchSide, crop, net, e, batchSize, adam,
                    learningRate, weightDecay, keepFraction, flipLimit, fullImages, seed);
        }

        public Config withNet(UNet.Shape s) {
            return new Config(imageSize, trainImages, testImages, trainPatches, testPatches, patchSide, crop, s, epochs, batchSize, adam,
                    learningRate, weightDecay, keepFraction, flipLimit, fullImages, seed);
        }

        public Config withFlipLimit(FlipLimit f) {
            return new Config(imageSize, trainImages, testImages, trainPatches, testPatches, patchSide, crop, net, epochs, batchSize, adam,
                    learningRate, weightDecay, keepFraction, f, fullImages, seed);
        }

        public Optimizer newOptimizer() { return adam ? new Adam(weightDecay) : new Sgd(0.9, weightDecay); }
    }

    /**
     * One trained network and its scores.
     *
     * @param variant    which weights
     * @param model      the trained U-Net
     * @param training   per-epoch history and best / last patch scores
     * @param fov        full-image scores inside the FOV of the first {@code fullImages} test images (null if none)
     * @param maps       the vessel probability of each of those test images, row-major
     */
    public record Run(String variant, Sequential model, SegmentationTrainer.Result training, SegmentationScores fov, List<float[]> maps) {
        /** Patch-pixel scores of the paper's model selection (best test ROC AUC epoch). */
        public SegmentationScores patch() { return training.best(); }
    }

    /** Loads DRIVE if present (else generates the synthetic set), preprocesses, samples the patches. */
    public static PreparedRetina prepare(Config c) {
        return PreparedRetina.of(DriveDataset.loadOrSynthetic(c.trainImages(), c.testImages(), c.imageSize(), c.seed()),
                c.trainPatches(), c.testPatches(), c.patchSide(), c.seed());
    }

    /** The stages of every multiply of the device U-Nets (pruned and programmed): the paper's chip. */
    public static final MvmConfig DEVICE_MVM = MvmConfig.paper();

    /**
     * The weights provider of a variant (a fresh ledger counts the pruned variants' mask flips). The flip limit is a
     * hardware setting, so only the device-pruned variant gets {@code c.flipLimit()} (constant for DRIVE, so it needs
     * no schedule); the software-pruned variant uses the plain top-k, as the authors' software scripts. The device
     * variant's layers are formed on a fresh macro of the paper's arrays and multiply through {@link #DEVICE_MVM}.
     */
    public static WeightsProvider weights(Variant v, Config c) {
        return switch (v) {
            case PRUNED_DEVICE -> WeightsProvider.pruned(
                    TileEdges.factory(Macro.paper(DeviceModel.taox40nm(), c.seed())),
                    new PruneConfig(c.keepFraction(), c.flipLimit()), new ProgrammingLedger()).withMvm(DEVICE_MVM);
            case PRUNED_SOFTWARE -> WeightsProvider.pruned(SoftwareEdgeWeights.factory(SoftwareEdgeWeights.Kind.SIGNED_CONSTANT),
                    new PruneConfig(c.keepFraction(), FlipLimit.NONE), new ProgrammingLedger());
            case TRAINED -> WeightsProvider.trained();
        };
    }

    /** Builds and trains the U-Net of {@code variant}, then scores the full test images inside the FOV. */
    public static Run train(Variant variant, Config c, PreparedRetina data, Progress progress) {
        Sequential model = UNet.build(weights(variant, c), c.net(), c.seed());
        SegmentationTrainer.Result result = new SegmentationTrainer(model, c.newOptimizer(), c.learningRate(), c.epochs(), c.batchSize(),
                c.crop(), c.seed()).progress(progress).fit(data.trainPatches(), data.testPatches());
        List<float[]> maps = fullImages(model, c, data);
        return new Run(variant.label(), model, result, fovScores(maps, data), maps);
    }

    /**
     * The conventional baseline: the trained U-Net's weights programmed onto a fresh macro by write-verify with
     * {@code noise}, batch norm kept as trained, every multiply through {@link #DEVICE_MVM} on the programmed tiles;
     * every test batch reads the cells afresh. Scored on the same test patches and full images.
     */
    public static Run programmed(Run trained, DeviceModel device, WriteNoise noise, Config c, PreparedRetina data) {
        for (MaskedConv2d conv : Sequential.leavesOf(trained.model(), MaskedConv2d.class)) {
            if (!(conv.layerWeights() instanceof TrainableWeights)) {
                throw new IllegalArgumentException("programmed: run '" + trained.variant() + "' layer " + conv.name()
                        + " does not hold trained weights; expected a TRAINED run");
            }
        }
        Map<String, INDArray> weights = FashionExperiment.trainedWeights(trained.model());
        Sequential model = UNet.build(WeightsProvider.programmed(weights, Macro.paper(device, c.seed() * 1_000L), noise, c.seed() * 1_000L)
                .withMvm(DEVICE_MVM), c.net(), c.seed());
        copyBatchNorm(trained.model(), model);
        SegmentationScores patch = SegmentationScores.onPixels(
                SegmentationTrainer.predict(model, data.testPatches().images(), c.batchSize()), data.testPatches().truth());
        List<float[]> maps = fullImages(model, c, data);
        String label = "trained, programmed (" + noise.kind().name().toLowerCase(Locale.ROOT) + " noise " + noise.sigma() + ")";
        SegmentationTrainer.Result r = new SegmentationTrainer.Result(trained.training().history(), patch, trained.training().bestEpoch(), patch, 0, 0);
        return new Run(label, model, r, fovScores(maps, data), maps);
    }

    /** Copies batch-norm affine parameters and running statistics between two U-Nets of the same shape. */
    static void copyBatchNorm(Layer from, Layer to) {
        FashionExperiment.copyBatchNorm(from, to);
    }

    /** Vessel probability of the first {@code fullImages} test images by overlapping tiles (stride crop/2). */
    public static List<float[]> fullImages(Layer model, Config c, PreparedRetina data) {
        List<float[]> maps = new ArrayList<>();
        int count = Math.min(c.fullImages(), data.test().size());
        for (int i = 0; i < count; i++) {
            FundusImage f = data.set().test().get(i);
            maps.add(Patches.predictFull(data.test().get(i), f.width(), f.height(), c.crop(), c.crop() / 2, c.batchSize(),
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

    /**
     * The macro {@code model}'s layers run on (a device U-Net: its tiles' placement), e.g. for the mapping report:
     * {@code arrays().size()} arrays, {@code report()} lists the cells each layer uses.
     */
    public static Macro macro(Layer model) {
        return Layers.macro(model);
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

    /** One row per run: patch-pixel and full-image (FOV) ROC AUC, PR AUC, F1, accuracy; best epoch; flips. */
    public static tech.tablesaw.api.Table scoreTable(List<Run> runs) {
        var t = tech.tablesaw.api.Table.create("vessel segmentation scores", tech.tablesaw.api.StringColumn.create("network"));
        String[] names = {"patch ROC AUC", "patch PR AUC", "patch F1", "patch accuracy", "FOV ROC AUC", "FOV PR AUC", "FOV F1", "FOV accuracy"};
        for (String n : names) t.addColumns(tech.tablesaw.api.DoubleColumn.create(n));
        t.addColumns(tech.tablesaw.api.IntColumn.create("best epoch"), tech.tablesaw.api.LongColumn.create("mask flips"));
        for (Run r : runs) {
            t.stringColumn(0).append(r.variant());
            SegmentationScores p = r.patch(), f = r.fov();
            double[] v = {p.rocAuc(), p.prAuc(), p.f1(), p.accuracy(), f == null ? Double.NaN : f.rocAuc(), f == null ? Double.NaN : f.prAuc(),
                    f == null ? Double.NaN : f.f1(), f == null ? Double.NaN : f.accuracy()};
            for (int i = 0; i < v.length; i++) t.doubleColumn(i + 1).append(v[i]);
            t.intColumn(names.length + 1).append(r.training().bestEpoch());
            t.longColumn(names.length + 2).append(r.training().flips());
        }
        return t;
    }

    /** The paper's gains next to ours (percentage points). */
    public static tech.tablesaw.api.Table paperVsOurs(double prGainPp, double rocGainPp) {
        return tech.tablesaw.api.Table.create("paper vs ours (pruned minus conventional baseline)",
                tech.tablesaw.api.StringColumn.create("quantity", "PR AUC gain (pp)", "ROC AUC gain (pp)"),
                tech.tablesaw.api.DoubleColumn.create("paper", 9.8, 2.0),
                tech.tablesaw.api.DoubleColumn.create("ours", prGainPp, rocGainPp));
    }

    /** ROC curves of the runs' full-image maps inside the FOV. */
    public static org.knowm.xchart.XYChart rocChart(List<Run> runs, PreparedRetina data) {
        return curveChart(runs, data, true);
    }

    /** Precision–recall curves of the runs' full-image maps inside the FOV. */
    public static org.knowm.xchart.XYChart prChart(List<Run> runs, PreparedRetina data) {
        return curveChart(runs, data, false);
    }

    private static org.knowm.xchart.XYChart curveChart(List<Run> runs, PreparedRetina data, boolean roc) {
        Map<String, org.rramlab.plot.Charts.XY> series = new LinkedHashMap<>();
        for (Run r : runs) {
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
            series.put(r.variant(), roc ? c.roc() : c.pr());
        }
        return roc ? org.rramlab.plot.Charts.xy("ROC (full images, inside FOV)", "false-positive rate", "true-positive rate", series)
                : org.rramlab.plot.Charts.xy("precision-recall (full images, inside FOV)", "recall", "precision", series);
    }

    /** Runs the profile's pruned device U-Net, the trained baseline and its programmed versions; prints the scores. */
    public static void main(String[] args) {
        Profile profile = Profile.current();
        Config c = Config.forProfile(profile);
        long t0 = System.nanoTime();
        PeakMemory memory = PeakMemory.start();
        PreparedRetina data = prepare(c);
        System.out.printf(Locale.ROOT, "profile %s, data: %s, U-Net base %d (%,d weights), %d patches, %d epochs%n",
                profile.lowerName(), data.set().source(), c.net().base(), UNet.weightCount(c.net().base()), c.trainPatches(), c.epochs());
        Progress bar = ProgressBar.headless(System.out);
        Run pruned = train(Variant.PRUNED_DEVICE, c, data, bar);
        print(pruned);
        Run trained = train(Variant.TRAINED, c, data, bar);
        print(trained);
        for (double sigma : new double[] {0.05, 0.1, 0.2}) {
            print(programmed(trained, DeviceModel.taox40nm(), WriteNoise.range(sigma), c, data));
        }
        Macro macro = macro(pruned.model());
        System.out.printf(Locale.ROOT, "the pruned U-Net runs on %d arrays of %d x %d cells (utilisation %.1f %%)%n", macro.arrays().size(),
                macro.arrayRows(), 2 * macro.arrayCols(), 100 * macro.utilisation());
        double total = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "total %.1f s; %s%n", total, memory.stop());
        System.out.printf(Locale.ROOT, "pruned U-Net (flip limit %s): trained in %.1f s, %,d mask flips%n",
                c.flipLimit().enabled() ? String.valueOf(c.flipLimit().start()) : "none", pruned.training().seconds(), pruned.training().flips());
        if (profile == Profile.QUICK) {
            boolean rocMet = pruned.patch().rocAuc() >= QUICK_TARGET_ROC_AUC, timeMet = total <= QUICK_TARGET_SECONDS;
            System.out.printf(Locale.ROOT, "quick-profile targets: patch ROC AUC %.4f >= %.2f %s; whole run %.0f s <= %.0f s %s%n",
                    pruned.patch().rocAuc(), QUICK_TARGET_ROC_AUC, rocMet ? "met" : "NOT MET", total, QUICK_TARGET_SECONDS, timeMet ? "met" : "NOT MET");
        }
    }

    /** Issue 6's targets for the quick profile on synthetic data, 2 cores: ROC AUC of the pruned U-Net, and run time. */
    static final double QUICK_TARGET_ROC_AUC = 0.95, QUICK_TARGET_SECONDS = 600;

    private static void print(Run r) {
        System.out.printf(Locale.ROOT, "%-45s patch ROC AUC %.4f PR AUC %.4f F1 %.4f acc %.4f (epoch %d)%s%n", r.variant(),
                r.patch().rocAuc(), r.patch().prAuc(), r.patch().f1(), r.patch().accuracy(), r.training().bestEpoch(),
                r.fov() == null ? "" : String.format(Locale.ROOT, " | FOV ROC AUC %.4f PR AUC %.4f F1 %.4f acc %.4f",
                        r.fov().rocAuc(), r.fov().prAuc(), r.fov().f1(), r.fov().accuracy()));
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
