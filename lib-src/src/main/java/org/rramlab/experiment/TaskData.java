package org.rramlab.experiment;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.rramlab.data.FashionMnist;
import org.rramlab.data.LabelledImages;
import org.rramlab.data.audio.SpokenDigits;
import org.rramlab.data.retina.DriveDataset;
import org.rramlab.data.retina.PreparedRetina;
import org.rramlab.data.retina.RetinaSet;
import org.rramlab.data.retina.SyntheticFundus;
import org.rramlab.train.Examples;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A task's data as a run loaded it: the training and test examples, the SHA-256 of every file read (provenance), a
 * description, and the data set itself for figures ({@link #fashionTest()}, {@link #spokenDigits()}, {@link #retina()}). Image
 * folders are read by {@link ImageFolderData}.
 */
public record TaskData(String description, Examples train, Examples test, Map<String, String> sha256, Object source) {

    /** Loads the data of {@code spec}'s task. */
    public static TaskData load(ExperimentSpec spec) {
        TaskSpec task = spec.task();
        if (task instanceof TaskSpec.FashionMnist f) {
            Path dir = f.dataDir() != null ? Path.of(f.dataDir()) : FashionMnist.locate();
            LabelledImages train = FashionMnist.load(dir, true), test = FashionMnist.load(dir, false);
            Map<String, String> sums = new TreeMap<>(train.sha256());
            sums.putAll(test.sha256());
            LabelledImages trainUsed = limit(train, f.trainSize()), testUsed = limit(test, f.testSize());
            return new TaskData("Fashion-MNIST (" + dir + "): " + trainUsed.size() + " training, " + testUsed.size() + " test images",
                    examples(trainUsed), examples(testUsed), sums, testUsed);
        }
        if (task instanceof TaskSpec.SpokenDigits s) {
            SpokenDigits data = SpokenDigits.load(s.dataDir() != null ? Path.of(s.dataDir()) : SpokenDigits.locate());
            LabelledImages.Split split = s.split() == TaskSpec.SpokenDigits.Split.OFFICIAL ? data.officialSplit()
                    : data.randomSplit(s.trainFraction(), spec.seeds().split());
            return new TaskData("spoken digits (" + data.dir() + "): " + split.first().size() + " training, " + split.second().size()
                    + " test recordings, " + s.split().name().toLowerCase(java.util.Locale.ROOT) + " split",
                    new Examples(split.first().images(), split.first().labels()), new Examples(split.second().images(), split.second().labels()),
                    new TreeMap<>(data.sha256()), data);
        }
        if (task instanceof TaskSpec.FashionMnistPadded f) return paddedFashion(f);
        if (task instanceof TaskSpec.ImageFolder f) return ImageFolderData.load(f, spec);
        TaskSpec.Retina r = (TaskSpec.Retina) task;
        long seed = spec.seeds().data();
        RetinaSet set = switch (r.source()) {
            case SYNTHETIC -> SyntheticFundus.set(r.trainImages(), r.testImages(), r.imageSize(), seed);
            case DRIVE -> DriveDataset.load(r.dataDir() != null ? Path.of(r.dataDir()) : DriveDataset.locate());
            case AUTO -> r.dataDir() != null ? DriveDataset.load(Path.of(r.dataDir()))
                    : DriveDataset.loadOrSynthetic(r.trainImages(), r.testImages(), r.imageSize(), seed);
        };
        PreparedRetina prepared = PreparedRetina.of(set, r.trainPatches(), r.testPatches(), r.patchSide(), seed);
        return new TaskData("retina (" + set.source() + "): " + prepared.trainPatches().size() + " training and " + prepared.testPatches().size()
                + " test patches of " + r.patchSide() + " px", Examples.dense(prepared.trainPatches().images(), prepared.trainPatches().truth()),
                Examples.dense(prepared.testPatches().images(), prepared.testPatches().truth()), new TreeMap<>(set.sha256()), prepared);
    }

    /** Fashion-MNIST centred on a larger canvas of the normalised background value. */
    private static TaskData paddedFashion(TaskSpec.FashionMnistPadded f) {
        Path dir = f.dataDir() != null ? Path.of(f.dataDir()) : FashionMnist.locate();
        LabelledImages train = FashionMnist.load(dir, true), test = FashionMnist.load(dir, false);
        Map<String, String> sums = new TreeMap<>(train.sha256());
        sums.putAll(test.sha256());
        LabelledImages trainUsed = pad(limit(train, f.trainSize()), f.side()), testUsed = pad(limit(test, f.testSize()), f.side());
        return new TaskData("Fashion-MNIST padded to " + f.side() + " x " + f.side() + " (" + dir + "): " + trainUsed.size() + " training, "
                + testUsed.size() + " test images", examples(trainUsed), examples(testUsed), sums, testUsed);
    }

    /** The normalised images centred on a {@code side} x {@code side} canvas of background (a pixel of 0 before normalising). */
    static LabelledImages pad(LabelledImages set, int side) {
        INDArray in = set.images();
        int h = (int) in.size(2), w = (int) in.size(3);
        if (side == h && side == w) return set;
        INDArray out = org.nd4j.linalg.factory.Nd4j.valueArrayOf(new long[] {in.size(0), in.size(1), side, side},
                (0 - FashionMnist.MEAN) / FashionMnist.STD, in.dataType());
        int top = (side - h) / 2, left = (side - w) / 2;
        out.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(top, top + h), NDArrayIndex.interval(left, left + w)).assign(in);
        return new LabelledImages(out, set.labels(), set.sha256());
    }

    private static LabelledImages limit(LabelledImages set, int limit) {
        LabelledImages s = limit > 0 && limit < set.size() ? set.subset(0, limit) : set;
        return s.normalised(FashionMnist.MEAN, FashionMnist.STD);
    }

    private static Examples examples(LabelledImages set) {
        return new Examples(set.images(), set.labels());
    }

    /** The Fashion-MNIST test images used (normalised), for figures. */
    public LabelledImages fashionTest() {
        return as(LabelledImages.class, "Fashion-MNIST");
    }

    public SpokenDigits spokenDigits() {
        return as(SpokenDigits.class, "spoken digits");
    }

    public PreparedRetina retina() {
        return as(PreparedRetina.class, "retina");
    }

    private <T> T as(Class<T> type, String task) {
        if (!type.isInstance(source)) throw new IllegalStateException("this run's data is not " + task + ": " + description);
        return type.cast(source);
    }
}
