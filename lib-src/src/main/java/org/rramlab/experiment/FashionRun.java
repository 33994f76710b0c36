package org.rramlab.experiment;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.Map;
import org.rramlab.crossbar.Macro;
import org.rramlab.crossbar.MvmConfig;
import org.rramlab.data.FashionMnist;
import org.rramlab.data.LabelledImages;
import org.rramlab.device.DeviceModel;
import org.rramlab.train.Examples;
import org.rramlab.train.TrainConfig;
import org.rramlab.experiment.Profile;
import org.rramlab.train.Progress;
import org.rramlab.prune.PruneConfig;
import org.rramlab.prune.SoftwareEdgeWeights;
import org.rramlab.prune.TileEdges;

/**
 * Headless Fashion-MNIST run: {@code java ... org.rramlab.experiment.FashionRun
 * [ci|quick|paper] [outDir] [epochs] [parts]}. Trains the pruned CNN without and with the flip limit (software
 * signed-constant weights), the weight-trained CNN, and sweeps write noise on it; prints one line per epoch and the
 * summaries; writes metrics CSVs and provenance JSON to outDir (default target/fashion-run). {@code epochs} overrides
 * the profile's (the cosine schedule then spans that many); {@code parts} is a comma-separated subset of
 * {@code pruned,limited,device,trained,float,float-reference,mlp-pruned,mlp-float} (default pruned,limited,trained; {@code device} prunes the
 * conductances of a formed TaOx array with read noise in every test batch and the flip limit, as notebook 03;
 * {@code float} trains the weights with 16-bit activations instead of the paper's 4 (the paper's SGD recipe);
 * {@code float-reference} the float reference ({@link FashionExperiment#trainFloatReference}: affine batch norm, Adam,
 * flips; run it for 20 epochs); {@code mlp-pruned} edge-prunes the MLP 784-512-512-10 at batch 128 on formed-array weights (the
 * notes' PyTorch anchor: 89 % after 10 epochs), {@code mlp-float} trains its weights with the float reference's recipe
 * (anchor 90.1 %). Each part checkpoints every epoch into outDir, so a killed run
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
        if (!Set.of("pruned", "limited", "device", "trained", "float", "float-reference", "mlp-pruned", "mlp-float").containsAll(parts)) {
            throw new IllegalArgumentException("argument 4 (parts) = " + args[3]
                    + ": expected a comma-separated subset of pruned,limited,device,trained,float,float-reference,mlp-pruned,mlp-float");
        }
        Path dir = FashionMnist.locate();
        LabelledImages trainSet = FashionMnist.load(dir, true), testSet = FashionMnist.load(dir, false);
        Examples train = FashionExperiment.examples(trainSet, s.trainSize()), test = FashionExperiment.examples(testSet, s.testSize());
        Map<String, String> checksums = new java.util.TreeMap<>(trainSet.sha256());   // hashed while reading, for provenance
        checksums.putAll(testSet.sha256());
        PruneConfig prune = PruneConfig.paper();
        TrainConfig cfg = s.training();
        Progress lines = Progress.lines(System.out);
        System.out.println("profile " + profile.lowerName() + ": " + train.size() + " train, " + test.size() + " test, parts " + parts
                + "; base settings (each part applies its own flip limit, recipe, batch) " + cfg);

        if (parts.contains("pruned")) {
            FashionExperiment.Run pruned = FashionExperiment.trainPruned(train, test, SoftwareEdgeWeights.factory(SoftwareEdgeWeights.Kind.SIGNED_CONSTANT),
                    MvmConfig.ideal(), prune, cfg, lines, 1, out.resolve("pruned.ckpt"));
            finish(out, "pruned", "pruned", pruned, s, prune, "software signed constant", checksums);
        }
        if (parts.contains("limited")) {
            FashionExperiment.Run limited = FashionExperiment.trainPruned(train, test, SoftwareEdgeWeights.factory(SoftwareEdgeWeights.Kind.SIGNED_CONSTANT),
                    MvmConfig.ideal(), PruneConfig.paperWithFlipLimit(), cfg, lines, 1, out.resolve("limited.ckpt"));
            finish(out, "pruned-fliplimit", "pruned with flip limit", limited, s, PruneConfig.paperWithFlipLimit(), "software signed constant", checksums);
        }
        if (parts.contains("device")) {
            DeviceModel device = DeviceModel.taox40nm();
            FashionExperiment.Run onArray = FashionExperiment.trainPruned(train, test,
                    TileEdges.factory(Macro.paper(device, 1)), MvmConfig.paper(), PruneConfig.paperWithFlipLimit(), cfg, lines, 1,
                    out.resolve("device.ckpt"));
            finish(out, "device", "pruned on device weights (analogue tiles: read noise, 14-bit ADC; flip limit)", onArray, s, PruneConfig.paperWithFlipLimit(),
                    "formed macro " + device.name() + ", " + MvmConfig.paper(), checksums);
        }
        if (parts.contains("trained")) {
            FashionExperiment.Run trained = FashionExperiment.trainWeights(train, test, cfg, lines, 1, out.resolve("trained.ckpt"));
            System.out.println(FashionExperiment.noiseSweep(trained.model(), test, DeviceModel.taox40nm(), MvmConfig.paper(),
                    new double[] {0, 0.05, 0.1, 0.2, 0.3}, cfg.batchSize(), 7, Progress.none()).printAll());
            finish(out, "trained", "weight-trained, 4-bit activations", trained, s, null, "trained", checksums);
        }
        if (parts.contains("float")) {
            FashionExperiment.Run floatNet = FashionExperiment.trainWeights(train, test, cfg, lines, 1, out.resolve("float.ckpt"),
                    FashionExperiment.FLOAT_ACTIVATION_BITS);
            finish(out, "float", "weight-trained float (16-bit activations, paper's SGD recipe)", floatNet, s, null, "trained", checksums);
        }
        if (parts.contains("float-reference")) {
            FashionExperiment.Run reference = FashionExperiment.trainFloatReference(train, test, cfg, lines, 1, out.resolve("float-reference.ckpt"));
            finish(out, "float-reference", "float reference CNN (16-bit activations, affine batch norm, Adam, flips)", reference,
                    s.withTraining(FashionExperiment.floatReference(cfg)), null, "trained, batch norm with affine parameters", checksums);
        }
        if (parts.contains("mlp-pruned")) {
            DeviceModel device = DeviceModel.taox40nm();
            TrainConfig mlpConfig = cfg.withBatchSize(FashionExperiment.MLP_BATCH);
            FashionExperiment.Run mlp = FashionExperiment.trainPrunedMlp(train, test, TileEdges.factory(Macro.paper(device, 1)),
                    MvmConfig.paper(), prune, mlpConfig, lines, 1, out.resolve("mlp-pruned.ckpt"));
            finish(out, "mlp-pruned", "pruned MLP 784-512-512-10 on device weights (read noise, no flip limit, batch 128)", mlp, s.withTraining(mlpConfig),
                    prune, "formed macro " + device.name() + ", " + MvmConfig.paper(), checksums);
        }
        if (parts.contains("mlp-float")) {
            TrainConfig recipe = FashionExperiment.floatReference(cfg).withBatchSize(FashionExperiment.MLP_BATCH);
            FashionExperiment.Run mlp = FashionExperiment.trainMlpWeights(train, test, recipe, lines, 1, out.resolve("mlp-float.ckpt"));
            finish(out, "mlp-float", "weight-trained MLP 784-512-512-10 (float reference recipe, batch 128)", mlp, s.withTraining(recipe), null, "trained", checksums);
        }
    }

    /**
     * Writes {@code name}-metrics.csv and {@code name}-provenance.json into {@code out}, prints the programming ledger of
     * a pruned run ({@code prune} not null) and one summary line: best, validation-selected and final test accuracy, mask
     * flips, epoch time.
     */
    private static void finish(Path out, String name, String what, FashionExperiment.Run run, FashionExperiment.Settings settings, PruneConfig prune,
                               String weights, Map<String, String> dataChecksums) {
        var r = run.result();
        r.writeCsv(out.resolve(name + "-metrics.csv"));
        FashionExperiment.writeProvenance(out.resolve(name + "-provenance.json"), settings, prune, weights, dataChecksums);
        if (prune != null) System.out.println(run.ledger().toTable().printAll());
        System.out.printf(Locale.ROOT, "%s: best test %.2f %% (epoch %d), val-selected test %.2f %% (epoch %d), final %.2f %%, flips %d, %.1f s/epoch%n",
                what, 100 * r.bestTestAccuracy(), r.bestTestEpoch(), 100 * r.testAtBestValidation(), r.bestValidationEpoch(),
                100 * r.finalTestAccuracy(), r.totalFlips(), r.meanEpochSeconds());
    }
}
