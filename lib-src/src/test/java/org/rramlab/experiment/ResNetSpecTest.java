package org.rramlab.experiment;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.rramlab.data.FashionMnist;
import org.rramlab.data.LabelledImages;
import org.rramlab.network.ResNet;
import org.rramlab.train.Progress;

/** The residual networks' specs: presets through JSON, bad input named by path, the padded and image-folder tasks. */
class ResNetSpecTest {

    private static SpecJson.SpecException bad(String json) {
        return assertThrows(SpecJson.SpecException.class, () -> SpecJson.read(json, "test.json", Profile.CI));
    }

    @Test void presetsRoundTripAndBothKeepFractionsAreReachable() {
        for (String name : List.of("resnet20-fashion", "resnet20-fashion-trained", "resnet20-fashion-software", "resnet50-imagenet100")) {
            for (Profile p : Profile.values()) {
                ExperimentSpec spec = Presets.get(name, p);
                assertEquals(spec, SpecJson.read(spec.toJson(), name, Profile.QUICK), name + " " + p);
                assertEquals(spec, SpecJson.read(spec.toJsonDifferences(), name, Profile.QUICK), name + " " + p);
            }
        }
        ExperimentSpec r20 = Presets.get("resnet20-fashion", Profile.QUICK);
        assertEquals(0.5, r20.prune().keepFraction());
        assertInstanceOf(NetworkSpec.ResNetNet.class, r20.network());
        ExperimentSpec keep3 = SpecJson.read("{\"preset\": \"resnet20-fashion\", \"prune\": {\"keepFraction\": 0.3}}", "f", Profile.QUICK);
        assertEquals(0.3, keep3.prune().keepFraction());
        assertEquals(keep3, r20.with("prune.keepFraction", 0.3));
        assertTrue(keep3.toJsonDifferences().contains("\"keepFraction\" : 0.3"), keep3.toJsonDifferences());
        ExperimentSpec r50 = Presets.get("resnet50-imagenet100", Profile.CI);
        NetworkSpec.ResNetNet net = (NetworkSpec.ResNetNet) r50.network();
        assertEquals(ResNet.Depth.RESNET50, net.depth());
        assertEquals(224, net.inputSize());
        assertEquals(100, net.classes());
        assertEquals(0.3, r50.prune().keepFraction());
        assertEquals(net, Presets.get("resnet50-imagenet100", Profile.PAPER).network(), "the same network at every profile");
        ExperimentSpec wider = r20.with("network.width", 16).with("network.depth", "RESNET18").with("network.inputSize", 32);
        assertEquals(ResNet.Depth.RESNET18, ((NetworkSpec.ResNetNet) wider.network()).depth());
    }

    @Test void badInputNamesThePathTheValueAndWhatWasExpected() {
        var e = bad("{\"preset\": \"resnet20-fashion\", \"network\": {\"depth\": \"RESNET34\"}}");
        assertEquals("network.depth", e.path(), e.getMessage());
        assertTrue(e.getMessage().contains("RESNET34") && e.getMessage().contains("RESNET50"), e.getMessage());
        e = bad("{\"preset\": \"resnet20-fashion\", \"network\": {\"width\": 0}}");
        assertEquals("network.width", e.path(), e.getMessage());
        assertTrue(e.getMessage().contains("width = 0") && e.getMessage().contains(">= 1"), e.getMessage());
        e = bad("{\"preset\": \"resnet20-fashion\", \"network\": {\"widht\": 8}}");
        assertEquals("network.widht", e.path());
        assertTrue(e.getMessage().contains("unknown field") && e.getMessage().contains("inputChannels"), e.getMessage());
        e = bad("{\"preset\": \"resnet20-fashion\", \"network\": {\"inputSize\": 64}}");
        assertEquals("network", e.path(), e.getMessage());
        assertTrue(e.getMessage().contains("32 x 32") && e.getMessage().contains("network.inputSize = 32"), e.getMessage());
        e = bad("{\"preset\": \"resnet20-fashion\", \"network\": {\"inputSize\": 30}}");
        assertEquals("network.inputSize", e.path(), e.getMessage());
        assertTrue(e.getMessage().contains("multiple of 4"), e.getMessage());
        e = bad("{\"preset\": \"resnet20-fashion\", \"task\": {\"side\": 20}}");
        assertEquals("task.side", e.path(), e.getMessage());
        assertTrue(e.getMessage().contains(">= 28"), e.getMessage());
        e = bad("{\"preset\": \"resnet20-fashion\", \"network\": {\"classes\": 7}}");
        assertTrue(e.getMessage().contains("Fashion-MNIST has 10"), e.getMessage());
        e = bad("{\"preset\": \"resnet20-fashion\", \"task\": {\"kind\": \"fashion-mnist\", \"trainSize\": 0, \"testSize\": 0}}");
        assertTrue(e.getMessage().contains("resnet network takes the fashion-mnist-padded or image-folder task, not fashion-mnist"), e.getMessage());
        e = bad("{\"preset\": \"resnet50-imagenet100\", \"task\": {\"dataDir\": \"/no/such/imagenet100\"}}");
        assertEquals("task.dataDir", e.path());
        assertTrue(e.getMessage().contains("no such folder"), e.getMessage());
        e = bad("{\"preset\": \"resnet50-imagenet100\", \"task\": {\"crop\": 300}}");
        assertEquals("task.crop", e.path(), e.getMessage());
        e = bad("{\"preset\": \"resnet20-fashion\", \"task\": {\"kind\": \"image-folder\", \"crop\": 32}}");
        assertTrue(e.path().startsWith("task.") && e.getMessage().contains("missing"), e.getMessage());
    }

    @Test void paddedFashionIsCentredOnTheBackground() {
        Nd4j.getRandom().setSeed(1);
        LabelledImages set = new LabelledImages(Nd4j.rand(DataType.FLOAT, 3, 1, 28, 28), new int[] {0, 1, 2});
        LabelledImages padded = TaskData.pad(set, 32);
        assertArrayEquals(new long[] {3, 1, 32, 32}, padded.images().shape());
        INDArray centre = padded.images().get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(2, 30), NDArrayIndex.interval(2, 30));
        assertEquals(set.images(), centre.dup());
        float background = (float) ((0 - FashionMnist.MEAN) / FashionMnist.STD);
        assertEquals(background, padded.images().getFloat(1, 0, 0, 0), 1e-6);
        assertEquals(background, padded.images().getFloat(2, 0, 31, 17), 1e-6);
        assertSame(set, TaskData.pad(set, 28));
    }

    /** A small generated image folder: {@code classes} classes of {@code per} PNG pictures, each class its own colour. */
    static Path folder(Path root, int classes, int per, int side) throws Exception {
        for (String split : List.of("train", "val")) {
            for (int c = 0; c < classes; c++) {
                Path dir = Files.createDirectories(root.resolve(split).resolve("class" + c));
                for (int i = 0; i < per; i++) {
                    BufferedImage img = new BufferedImage(side + i, side, BufferedImage.TYPE_INT_RGB);
                    java.util.Random r = new java.util.Random(31L * c + i);
                    for (int y = 0; y < side; y++) for (int x = 0; x < side + i; x++) {
                        int v = 60 * c + r.nextInt(40);
                        img.setRGB(x, y, (v << 16) | ((255 - v) << 8) | (x * 4 % 256));
                    }
                    ImageIO.write(img, "png", dir.resolve("p" + i + ".png").toFile());
                }
            }
        }
        return root;
    }

    private static ExperimentSpec onFolder(Path root, int classes) {
        ExperimentSpec preset = Presets.get("resnet50-imagenet100", Profile.CI);
        return new ExperimentSpec(preset.preset(), preset.profile(), preset.seed(), new TaskSpec.ImageFolder(root.toString(), 36, 32, true, 0, 0),
                new NetworkSpec.ResNetNet(ResNet.Depth.RESNET50, 2, 32, 3, classes, 8, false), new WeightsSpec.Trained(), preset.prune(),
                ChainSpec.of(org.rramlab.crossbar.MvmConfig.ideal()), preset.training().withBatchSize(4), null);
    }

    @Test void anImageFolderTaskLoadsAndTrainsResNet50(@TempDir Path dir) throws Exception {
        Path root = folder(dir.resolve("pictures"), 3, 4, 40);
        ExperimentSpec spec = onFolder(root, 3);
        TaskData data = TaskData.load(spec);
        assertArrayEquals(new long[] {12, 3, 32, 32}, data.train().inputs().shape());
        assertEquals(12, data.test().size());
        int[] counts = new int[3];
        for (int l : data.test().labels()) counts[l]++;
        assertArrayEquals(new int[] {4, 4, 4}, counts, Arrays.toString(data.test().labels()));
        assertTrue(data.sha256().containsKey("train/ manifest"));
        assertEquals(data.train().inputs(), TaskData.load(spec).train().inputs(), "same seed, same crops");
        RunResult r = Experiment.run(spec, dir.resolve("run"), Progress.none());
        assertTrue(r.figure("best test acc") >= 0 && Files.exists(dir.resolve("run").resolve("summary.csv")));
        assertEquals(1, r.training().metrics().rowCount());
    }

    @Test void badImageFoldersAreNamed(@TempDir Path dir) throws Exception {
        Path root = folder(dir.resolve("pictures"), 2, 2, 40);
        var e = assertThrows(SpecJson.SpecException.class, () -> TaskData.load(onFolder(root, 5)));
        assertEquals("network.classes", e.path());
        assertTrue(e.getMessage().contains("has 2 classes"), e.getMessage());
        var missing = assertThrows(SpecJson.SpecException.class, () -> TaskData.load(Presets.get("resnet50-imagenet100", Profile.CI)));
        assertEquals("task.dataDir", missing.path());
        assertTrue(missing.getMessage().contains("train/ and val/"), missing.getMessage());
        ExperimentSpec paperSize = SpecJson.read("{\"preset\": \"resnet50-imagenet100\", \"task\": {\"dataDir\": \"" + root + "\"}, "
                + "\"network\": {\"classes\": 2}}", "f", Profile.PAPER);
        long eightPictures = 8L * 3 * 224 * 224 * 4;
        var tooBig = assertThrows(SpecJson.SpecException.class, () -> ImageFolderData.load((TaskSpec.ImageFolder) paperSize.task(), paperSize,
                eightPictures - 1));
        assertEquals("task.trainSize", tooBig.path());
        assertTrue(tooBig.getMessage().contains("4 training and 4 validation pictures of 224 x 224") && tooBig.getMessage().contains("smaller"),
                tooBig.getMessage());
        assertEquals(4, ImageFolderData.load((TaskSpec.ImageFolder) paperSize.task(), paperSize, eightPictures).train().size());
        Files.createDirectories(root.resolve("val").resolve("class9"));
        var empty = assertThrows(org.rramlab.data.DataFileException.class, () -> TaskData.load(onFolder(root, 2)));
        assertTrue(empty.getMessage().contains("class9") && empty.getMessage().contains("empty class"), empty.getMessage());
    }
}
