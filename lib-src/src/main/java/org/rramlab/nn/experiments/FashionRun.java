package org.rramlab.nn.experiments;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.Map;
import org.rramlab.crossbar.DeviceEdgeWeights;
import org.rramlab.data.FashionMnist;
import org.rramlab.device.DeviceModel;
import org.rramlab.nn.train.Examples;
import org.rramlab.nn.train.TrainConfig;
import org.rramlab.notebook.Profile;
import org.rramlab.notebook.Progress;
import org.rramlab.prune.PruneConfig;
import org.rramlab.prune.SoftwareEdgeWeights;

/**
 * Headless Fashion-MNIST run: {@code java ... org.rramlab.nn.experiments.FashionRun
 * [ci|quick|paper] [outDir] [epochs] [parts]}. Trains the pruned CNN without and with the flip limit (software
 * signed-constant weights), the weight-trained CNN, and sweeps write noise on it; prints one line per epoch and the
 * summaries; writes metrics CSVs and provenance JSON to outDir (default target/fashion-run). {@code epochs} overrides
 * the profile's (the cosine schedule then spans that many); {@code parts} is a comma-separated subset of
 * {@code pruned,limited,device,trained,float,float-augmented} (default pruned,limited,trained; {@code device} prunes the
 * conductances of a formed TaOx array with read noise in every test batch and the flip limit, as notebook 03;
 * {@code float} trains the weights with 16-bit activations instead of the paper's 4, the float reference;
 * {@code float-augmented} the same with {@link FashionExperiment#FLOAT_AUGMENTATION} and
 * {@link FashionExperiment#FLOAT_DROPOUT} (flips, no dropout: the best recipe measured)). Each part checkpoints every epoch into outDir, so a killed run
 * started again with the same arguments resumes where it stopped.
 */
public final class FashionRun {
    private FashionRun() {}

    public static void main(String[] args) {
        Profile profile = args.length > 0 ? Profile.parse(args[0], "argument 1") : Profile.current();
        Path out = Path.of(args.length > 1 ? args[1] : "target/fashion-run");
        FashionExperiment.Settings s = FashionExperiment.Settings.of(profile);
        if (args.length > 2) {
            s = new FashionExperiment.Settings(profile, s.trainSize(), s.testSize(), s.training().withEpochs(Integer.parseInt(args[2])));
        }
        Set<String> parts = new LinkedHashSet<>(List.of((args.length > 3 ? args[3] : "pruned,limited,trained").split(",")));
        if (!Set.of("pruned", "limited", "device", "trained", "float", "float-augmented").containsAll(parts)) {
            throw new IllegalArgumentException("argument 4 (parts) = " + args[3]
                    + ": expected a comma-separated subset of pruned,limited,device,trained,float,float-augmented");
        }
        Path dir = FashionMnist.locate();
        Examples train = FashionExperiment.load(dir, true, s.trainSize()), test = FashionExperiment.load(dir, false, s.testSize());
        PruneConfig prune = PruneConfig.paper();
        TrainConfig cfg = s.training();
        Progress lines = Progress.lines(System.out);
        System.out.println("profile " + profile.lowerName() + ": " + train.size() + " train, " + test.size() + " test, " + cfg + ", parts " + parts);

        if (parts.contains("pruned")) {
            FashionExperiment.Run pruned = FashionExperiment.trainPruned(train, test, SoftwareEdgeWeights.factory(SoftwareEdgeWeights.Kind.SIGNED_CONSTANT),
                    prune, cfg, lines, 1, out.resolve("pruned.ckpt"));
            pruned.result().writeCsv(out.resolve("pruned-metrics.csv"));
            FashionExperiment.writeProvenance(out.resolve("pruned-provenance.json"), s, prune, "software signed constant", Map.of());
            System.out.println(pruned.ledger().toTable().printAll());
            System.out.printf(Locale.ROOT, "pruned: best test %.2f %% (epoch %d), val-selected test %.2f %% (epoch %d), final %.2f %%, flips %d, %.1f s/epoch%n",
                    100 * pruned.result().bestTestAccuracy(), pruned.result().bestTestEpoch(), 100 * pruned.result().testAtBestValidation(),
                    pruned.result().bestValidationEpoch(), 100 * pruned.result().finalTestAccuracy(), pruned.result().totalFlips(), pruned.result().meanEpochSeconds());
        }
        if (parts.contains("limited")) {
            FashionExperiment.Run limited = FashionExperiment.trainPruned(train, test, SoftwareEdgeWeights.factory(SoftwareEdgeWeights.Kind.SIGNED_CONSTANT),
                    PruneConfig.paperWithFlipLimit(), cfg, lines, 1, out.resolve("limited.ckpt"));
            limited.result().writeCsv(out.resolve("pruned-fliplimit-metrics.csv"));
            System.out.println(limited.ledger().toTable().printAll());
            System.out.printf(Locale.ROOT, "pruned with flip limit: best test %.2f %% (epoch %d), val-selected test %.2f %%, flips %d%n",
                    100 * limited.result().bestTestAccuracy(), limited.result().bestTestEpoch(), 100 * limited.result().testAtBestValidation(), limited.result().totalFlips());
        }
        if (parts.contains("device")) {
            DeviceModel device = DeviceModel.taox40nm();
            FashionExperiment.Run onArray = FashionExperiment.trainPruned(train, test,
                    (shape, fanIn, seed) -> DeviceEdgeWeights.form(device, shape, fanIn, seed), PruneConfig.paperWithFlipLimit(), cfg, lines, 1,
                    out.resolve("device.ckpt"));
            onArray.result().writeCsv(out.resolve("device-metrics.csv"));
            FashionExperiment.writeProvenance(out.resolve("device-provenance.json"), s, PruneConfig.paperWithFlipLimit(),
                    "formed array " + device.name() + ", read noise in every test batch", Map.of());
            System.out.println(onArray.ledger().toTable().printAll());
            System.out.printf(Locale.ROOT, "pruned on device weights (read noise, flip limit): best test %.2f %% (epoch %d), val-selected test %.2f %%, "
                    + "final %.2f %%, flips %d, %.1f s/epoch%n", 100 * onArray.result().bestTestAccuracy(), onArray.result().bestTestEpoch(),
                    100 * onArray.result().testAtBestValidation(), 100 * onArray.result().finalTestAccuracy(), onArray.result().totalFlips(),
                    onArray.result().meanEpochSeconds());
        }
        if (parts.contains("trained")) {
            FashionExperiment.Run trained = FashionExperiment.trainWeights(train, test, cfg, lines, 1, out.resolve("trained.ckpt"));
            trained.result().writeCsv(out.resolve("trained-metrics.csv"));
            System.out.println(FashionExperiment.noiseSweep(trained.model(), test, WeightProgrammer.software(),
                    new double[] {0, 0.05, 0.1, 0.2, 0.3}, cfg.batchSize(), 7, Progress.none()).printAll());
            System.out.printf(Locale.ROOT, "weight-trained, 4-bit activations: best test %.2f %% (epoch %d), %.1f s/epoch%n",
                    100 * trained.result().bestTestAccuracy(), trained.result().bestTestEpoch(), trained.result().meanEpochSeconds());
        }
        if (parts.contains("float")) {
            FashionExperiment.Run floatNet = FashionExperiment.trainWeights(train, test, cfg, lines, 1, out.resolve("float.ckpt"),
                    FashionExperiment.FLOAT_ACTIVATION_BITS);
            floatNet.result().writeCsv(out.resolve("float-metrics.csv"));
            System.out.printf(Locale.ROOT, "weight-trained float (16-bit activations): best test %.2f %% (epoch %d), val-selected test %.2f %%, %.1f s/epoch%n",
                    100 * floatNet.result().bestTestAccuracy(), floatNet.result().bestTestEpoch(), 100 * floatNet.result().testAtBestValidation(),
                    floatNet.result().meanEpochSeconds());
        }
            if (parts.contains("float-augmented")) {
            FashionExperiment.Run augmented = FashionExperiment.trainWeights(train, test, cfg.withAugmentation(FashionExperiment.FLOAT_AUGMENTATION),
                    lines, 1, out.resolve("float-augmented.ckpt"), FashionExperiment.FLOAT_ACTIVATION_BITS, FashionExperiment.FLOAT_DROPOUT);
            augmented.result().writeCsv(out.resolve("float-augmented-metrics.csv"));
            System.out.printf(Locale.ROOT, "weight-trained float, augmented (%s, dropout %.2f before fc1): best test %.2f %% (epoch %d), val-selected test %.2f %%, final %.2f %%, %.1f s/epoch%n",
                    FashionExperiment.FLOAT_AUGMENTATION, FashionExperiment.FLOAT_DROPOUT, 100 * augmented.result().bestTestAccuracy(), augmented.result().bestTestEpoch(),
                    100 * augmented.result().testAtBestValidation(), 100 * augmented.result().finalTestAccuracy(), augmented.result().meanEpochSeconds());
        }
    }
}
