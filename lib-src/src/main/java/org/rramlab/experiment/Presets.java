package org.rramlab.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.rramlab.crossbar.MvmConfig;
import org.rramlab.device.DeviceModel;
import org.rramlab.device.WriteNoise;
import org.rramlab.layers.BilinearUpsample2d;
import org.rramlab.network.SpokenDigitCrnn;
import org.rramlab.prune.FlipLimit;
import org.rramlab.prune.PruneConfig;
import org.rramlab.prune.SoftwareEdgeWeights;
import org.rramlab.train.Augmentation;
import org.rramlab.train.TrainConfig.OptimizerKind;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The named experiments: the paper's three (fashion, spoken-digits, retina: pruned on a formed TaOx macro, with the
 * programmed baseline) and their variants. Each preset is given for a {@link Profile}: ci (seconds), quick (minutes),
 * paper (the authors' settings); the profile changes sizes and epochs, never the code path.
 */
public final class Presets {
    private Presets() {}

    private static final Map<String, Preset> PRESETS = new LinkedHashMap<>();

    private record Preset(String description, Function<Profile, ExperimentSpec> make) {}

    static {
        add("fashion", "Fashion-MNIST CNN pruned on a formed TaOx macro (read noise, 14-bit ADCs, flip limit), with the programmed baseline",
                p -> fashion(p, "fashion"));
        add("fashion-software", "the same CNN pruned on software signed-constant weights, no flip limit (the authors' script)",
                p -> fashion(p, "fashion-software").withWeights(new WeightsSpec.Software(SoftwareEdgeWeights.Kind.SIGNED_CONSTANT))
                        .withPrune(PruneConfig.paper()).withMvm(MvmConfig.ideal()).withoutBaseline());
        add("fashion-software-limited", "software weights with the flip limit: the limit's effect at equal weights",
                p -> fashion(p, "fashion-software-limited").withWeights(new WeightsSpec.Software(SoftwareEdgeWeights.Kind.SIGNED_CONSTANT))
                        .withMvm(MvmConfig.ideal()).withoutBaseline());
        add("fashion-trained", "the CNN's weights trained (4-bit activations), then programmed across write noise: the baseline alone",
                p -> fashion(p, "fashion-trained").withWeights(new WeightsSpec.Trained()).withMvm(MvmConfig.ideal()));
        add("fashion-float", "the CNN's weights trained with 16-bit activations (the paper's SGD recipe)",
                p -> fashion(p, "fashion-float").withWeights(new WeightsSpec.Trained()).withMvm(MvmConfig.ideal()).withoutBaseline()
                        .withNetwork(new NetworkSpec.FashionCnn(16, false, 0)));
        add("fashion-float-reference", "the float reference: 16-bit activations, affine batch norm, Adam 1e-3, wd 1e-4, flips (20 epochs at paper)",
                p -> fashion(p, "fashion-float-reference").withWeights(new WeightsSpec.Trained()).withMvm(MvmConfig.ideal()).withoutBaseline()
                        .withNetwork(new NetworkSpec.FashionCnn(16, true, 0)).withTraining(floatRecipe(p, 60, p.pick(2, 4, 20))));
        add("fashion-mlp", "the MLP 784-512-512-10 pruned on a formed TaOx macro, batch 128 (the reproduction notes' PyTorch anchor)",
                p -> fashion(p, "fashion-mlp").withNetwork(new NetworkSpec.Mlp(512)).withPrune(PruneConfig.paper()).withoutBaseline()
                        .withTraining(fashionTraining(p).withBatchSize(128).withEpochs(p.pick(1, 2, 10))));
        add("fashion-mlp-float", "the same MLP's weights trained with the float reference's recipe, batch 128",
                p -> fashion(p, "fashion-mlp-float").withNetwork(new NetworkSpec.Mlp(512)).withWeights(new WeightsSpec.Trained())
                        .withMvm(MvmConfig.ideal()).withoutBaseline().withTraining(floatRecipe(p, 128, p.pick(1, 2, 20))));
        add("spoken-digits", "spoken-digit CRNN pruned on a formed TaOx macro (read noise, 14-bit ADCs, flip limit), with the programmed baseline",
                p -> spokenDigits(p, "spoken-digits"));
        add("spoken-digits-software", "the same CRNN pruned on software signed-constant weights, no flip limit (the authors' script)",
                p -> spokenDigits(p, "spoken-digits-software").withWeights(new WeightsSpec.Software(SoftwareEdgeWeights.Kind.SIGNED_CONSTANT))
                        .withPrune(new PruneConfig(0.5, FlipLimit.NONE)).withMvm(MvmConfig.ideal()).withoutBaseline());
        add("retina", "retinal-vessel U-Net pruned on a formed TaOx macro (read noise, 14-bit ADCs, flip limit), with the programmed baseline",
                p -> retina(p, "retina"));
        add("retina-software", "the same U-Net pruned on software signed-constant weights, no flip limit",
                p -> retina(p, "retina-software").withWeights(new WeightsSpec.Software(SoftwareEdgeWeights.Kind.SIGNED_CONSTANT))
                        .withPrune(new PruneConfig(0.5, FlipLimit.NONE)).withMvm(MvmConfig.ideal()).withoutBaseline());
    }

    static {
        add("resnet20-fashion", "ResNet-20 (16-32-64) on Fashion-MNIST padded to 32 x 32, pruned on a formed TaOx macro (keep 0.5; "
                + "prune.keepFraction 0.3 for the other), with the programmed baseline", p -> resnet20Fashion(p, "resnet20-fashion"));
        add("resnet20-fashion-trained", "the same ResNet-20's weights trained, then programmed across write noise: the baseline alone",
                p -> resnet20Fashion(p, "resnet20-fashion-trained").withWeights(new WeightsSpec.Trained()).withMvm(MvmConfig.ideal()));
        add("resnet20-fashion-software", "the same ResNet-20 pruned on software signed-constant weights, no flip limit (edge-popup's setting)",
                p -> resnet20Fashion(p, "resnet20-fashion-software").withWeights(new WeightsSpec.Software(SoftwareEdgeWeights.Kind.SIGNED_CONSTANT))
                        .withPrune(PruneConfig.paper()).withMvm(MvmConfig.ideal()).withoutBaseline());
        add("resnet50-imagenet100", "ResNet-50 (ImageNet-100 head) pruned at keep 0.3 on a formed TaOx macro, edge-popup's ImageNet recipe; "
                + "needs task.dataDir (an image folder); the scaling study maps it without training", Presets::resnet50ImageNet100);
    }

    /**
     * ResNet-20 on Fashion-MNIST at 32 x 32 with the Fashion CNN's recipe (SGD 0.1, momentum 0.9, wd 5e-4, cosine, batch 60,
     * 1/12 held out), batch-norm statistics re-estimated before every evaluation. paper: width 16, all images, 65 epochs. quick: width 6, 1,200 training and 600 test images, 2 epochs
     * (width 8 on 2,000 / 1,000 images for 3 epochs took notebook 09 532 s on 2 shared cores, width 6 for 3 epochs 328 s,
     * Dec 2026; the limit is 5 minutes).
     * ci: width 4, 300 and 100 images, 1 epoch. Short runs are not comparable to a paper-profile run.
     */
    private static ExperimentSpec resnet20Fashion(Profile p, String name) {
        TaskSpec task = new TaskSpec.FashionMnistPadded(null, p.pick(300, 1_200, 0), p.pick(100, 600, 0), 32);
        NetworkSpec net = new NetworkSpec.ResNetNet(org.rramlab.network.ResNet.Depth.RESNET20, p.pick(4, 6, 16), 32, 1, 10, 4, false);
        // batch-norm statistics re-estimated before every evaluation: with 19 batch norms the running averages of a short
        // run are far off (ci-size trained ResNet-20, 2 epochs: 23.3 % test accuracy with them, 41.3 % re-estimated)
        TrainingSpec training = new TrainingSpec(OptimizerKind.SGD, 0.1, 0.9, 5e-4, p.pick(1, 2, 65), 60, 1.0 / 12, Augmentation.NONE, 0, true);
        BaselineSpec baseline = new BaselineSpec(DeviceModel.taox40nm(),
                p.pick(List.of(0.0, 0.1), List.of(0.0, 0.05, 0.1, 0.2, 0.3), List.of(0.0, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3)),
                List.of(WriteNoise.Kind.RANGE), 1, WriteNoise.range(0.1));
        return new ExperimentSpec(name, p, 1, task, net, device(), PruneConfig.paperWithFlipLimit(), ChainSpec.of(MvmConfig.paper()), training,
                baseline);
    }

    /**
     * ResNet-50 with a 100-class head at 224 x 224, pruned at keep 0.3 (edge-popup's ImageNet setting) on a formed TaOx
     * macro, with edge-popup's ImageNet recipe (allenai/hidden-networks' ResNet-50 configs: SGD 0.256 cosine, momentum
     * 0.875, weight decay 2^-15, batch 256, label smoothing 0.1, 100 epochs; their 5 warm-up epochs are not modelled).
     * The network is the same at every profile; ci and quick only use fewer pictures and epochs.
     */
    private static ExperimentSpec resnet50ImageNet100(Profile p) {
        TaskSpec task = new TaskSpec.ImageFolder(null, 256, 224, true, p.pick(64, 2_000, 0), p.pick(32, 500, 0));
        NetworkSpec net = new NetworkSpec.ResNetNet(org.rramlab.network.ResNet.Depth.RESNET50, 64, 224, 3, 100, 8, false);
        TrainingSpec training = new TrainingSpec(OptimizerKind.SGD, 0.256, 0.875, 0.000030517578125, p.pick(1, 2, 100), p.pick(16, 32, 256), 0,
                Augmentation.NONE, 0.1, p != Profile.PAPER);   // short runs: batch-norm statistics re-estimated (as ResNet-20)
        return new ExperimentSpec("resnet50-imagenet100", p, 1, task, net, device(), new PruneConfig(0.3, FlipLimit.NONE),
                ChainSpec.of(MvmConfig.paper()), training, null);
    }

    private static void add(String name, String description, Function<Profile, ExperimentSpec> make) {
        PRESETS.put(name, new Preset(description, make));
    }

    /** The preset {@code name} at {@code profile}. */
    public static ExperimentSpec get(String name, Profile profile) {
        Preset p = name == null ? null : PRESETS.get(name.trim());
        if (p == null) {
            throw new IllegalArgumentException("preset '" + name + "': expected one of " + names());
        }
        return p.make().apply(profile);
    }

    public static List<String> names() {
        return List.copyOf(PRESETS.keySet());
    }

    /** One row per preset: name, what it runs. */
    public static Table table() {
        StringColumn name = StringColumn.create("preset"), what = StringColumn.create("what it runs");
        PRESETS.forEach((n, p) -> { name.append(n); what.append(p.description()); });
        return Table.create("experiment presets", name, what);
    }

    private static ExperimentSpec fashion(Profile p, String name) {
        // quick: 12,000 training images (1/12 held out) and 2,000 test images, so that notebook 03's three trainings, the
        // baseline's sweep and the ADC study fit in 5 minutes on 2 shared cores (all 60,000 / 10,000 took 900 s there, Dec 2026)
        TaskSpec task = new TaskSpec.FashionMnist(null, p.pick(2_000, 12_000, 0), p.pick(500, 2_000, 0));
        BaselineSpec baseline = new BaselineSpec(DeviceModel.taox40nm(),
                p.pick(List.of(0.0, 0.1, 0.3), List.of(0.0, 0.05, 0.1, 0.15, 0.2, 0.3), List.of(0.0, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3)),
                List.of(WriteNoise.Kind.RANGE, WriteNoise.Kind.PROPORTIONAL), 1, WriteNoise.range(0.1));
        return new ExperimentSpec(name, p, 1, task, new NetworkSpec.FashionCnn(4, false, 0), device(), PruneConfig.paperWithFlipLimit(),
                ChainSpec.of(MvmConfig.paper()), fashionTraining(p), baseline);
    }

    /**
     * The authors' Fashion-MNIST recipe: SGD 0.1, momentum 0.9, wd 5e-4, cosine, batch 60; 65 epochs (quick 4: 12,000 images,
     * ~15 s per epoch on 2 shared cores; ci 2); 1/12 of the training set held out for validation.
     */
    private static TrainingSpec fashionTraining(Profile p) {
        return new TrainingSpec(OptimizerKind.SGD, 0.1, 0.9, 5e-4, p.pick(2, 4, 65), 60, 1.0 / 12, Augmentation.NONE, 0, false);
    }

    /** The float reference's recipe: Adam 1e-3, L2 weight decay 1e-4, horizontal flips, cosine. */
    private static TrainingSpec floatRecipe(Profile p, int batch, int epochs) {
        return new TrainingSpec(OptimizerKind.ADAM, 1e-3, 0.9, 1e-4, epochs, batch, 1.0 / 12, Augmentation.flips(), 0, false);
    }

    private static WeightsSpec device() {
        return new WeightsSpec.Device(DeviceModel.taox40nm(), null, MacroSpec.paper());
    }

    private static ExperimentSpec spokenDigits(Profile p, String name) {
        TaskSpec task = new TaskSpec.SpokenDigits(null, TaskSpec.SpokenDigits.Split.RANDOM, 0.7);
        // the authors' quantile levels win at 60 epochs (96.9 vs 94.8 %), min-max learns faster in short runs (docs/spoken-digits.md)
        NetworkSpec net = new NetworkSpec.Crnn(3, p == Profile.PAPER ? SpokenDigitCrnn.Quantisation.QUANTILE : SpokenDigitCrnn.Quantisation.MIN_MAX);
        TrainingSpec training = new TrainingSpec(OptimizerKind.SGD, 0.1, 0.9, 5e-4, p.pick(1, 30, 60), 30, 0, Augmentation.NONE, 0, false);
        BaselineSpec baseline = new BaselineSpec(DeviceModel.taox40nm(),
                p.pick(List.of(0.0, 0.1), List.of(0.0, 0.05, 0.1, 0.2, 0.3), List.of(0.0, 0.02, 0.05, 0.1, 0.2, 0.3)),
                List.of(WriteNoise.Kind.RANGE, WriteNoise.Kind.PROPORTIONAL), p.pick(1, 2, 3), WriteNoise.range(0.1));
        return new ExperimentSpec(name, p, 1, task, net, device(), new PruneConfig(0.5, FlipLimit.spokenDigits()),
                ChainSpec.of(MvmConfig.paper()), training, baseline);
    }

    /**
     * The DRIVE experiment. paper: base-32 U-Net, 5000 patches of 64 -> crops of 48, Adam 1e-4, wd 5e-4, 60 epochs, batch 64.
     * quick: base 8 (269,656 weights), 480 patches of 64 -> crops of 32, batch 16, 8 epochs, Adam 3e-3 (1e-4 learns too
     * slowly for a run this short; 640 patches took notebook 05 312 s on 2 shared cores, Dec 2026: over its 5 minutes). ci: base 4, 96 patches of 32, 2 epochs.
     */
    private static ExperimentSpec retina(Profile p, String name) {
        TaskSpec task = p.pick(new TaskSpec.Retina(null, TaskSpec.Retina.Source.AUTO, 96, 3, 2, 96, 32, 32, 32, 1),
                new TaskSpec.Retina(null, TaskSpec.Retina.Source.AUTO, 256, 8, 4, 480, 160, 64, 32, 2),
                new TaskSpec.Retina(null, TaskSpec.Retina.Source.AUTO, 584, 20, 20, 5000, 1000, 64, 48, 20));
        NetworkSpec net = new NetworkSpec.UNetNet(p.pick(4, 8, 32), 6, BilinearUpsample2d.Corners.ALIGNED);
        // 1/8 of the training patches held out: the whole-image figures come from the network of the best validation
        // epoch, chosen without looking at the test images (the authors' script picks the best test epoch; shown beside).
        TrainingSpec training = new TrainingSpec(OptimizerKind.ADAM, p == Profile.PAPER ? 1e-4 : 3e-3, 0.9, 5e-4, p.pick(2, 8, 60),
                p.pick(16, 16, 64), 0.125, Augmentation.NONE, 0, false);
        BaselineSpec baseline = new BaselineSpec(DeviceModel.taox40nm(), p.pick(List.of(0.1), List.of(0.05, 0.1, 0.2), List.of(0.05, 0.1, 0.2)),
                List.of(WriteNoise.Kind.RANGE), 1, WriteNoise.range(0.1));
        return new ExperimentSpec(name, p, 1, task, net, device(), new PruneConfig(0.5, FlipLimit.drive()), ChainSpec.of(MvmConfig.paper()),
                training, baseline);
    }
}
