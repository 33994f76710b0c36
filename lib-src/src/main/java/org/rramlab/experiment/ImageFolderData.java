package org.rramlab.experiment;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rramlab.data.LabelledImages;
import org.rramlab.data.images.ImageBatches;
import org.rramlab.data.images.ImageFolder;
import org.rramlab.train.Examples;

/**
 * An image-folder task's pictures as a run uses them: train/ and val/ opened (the classes must agree, and be as many as
 * the network's outputs), the pictures used decoded once through the streaming batches into memory for the trainer.
 * A set that would not fit the limit is refused before decoding, naming the field to lower.
 */
final class ImageFolderData {
    private ImageFolderData() {}

    /** Most bytes of decoded pictures a run holds (train + validation). */
    static final long MAX_BYTES = 2L << 30;

    static TaskData load(TaskSpec.ImageFolder f, ExperimentSpec spec) {
        return load(f, spec, MAX_BYTES);
    }

    /** As {@link #load(TaskSpec.ImageFolder, ExperimentSpec)} with at most {@code maxBytes} of decoded pictures. */
    static TaskData load(TaskSpec.ImageFolder f, ExperimentSpec spec, long maxBytes) {
        if (f.dataDir() == null) {
            throw new SpecJson.SpecException("spec", "task.dataDir", "missing: an image-folder task needs the folder holding train/ and val/ "
                    + "(one sub-folder per class of JPEG or PNG files), e.g. ImageNet-100");
        }
        Path root = Path.of(f.dataDir());
        ImageFolder train = ImageFolder.open(root, "train");
        ImageFolder val = ImageFolder.open(root, "val").requireClassesOf(train);
        if (spec.network() instanceof NetworkSpec.ResNetNet r && r.classes() != train.classes().size()) {
            throw new SpecJson.SpecException("spec", "network.classes", "= " + r.classes() + ": the image folder " + root + " has "
                    + train.classes().size() + " classes; expected network.classes = " + train.classes().size());
        }
        int nTrain = f.trainSize() > 0 ? Math.min(f.trainSize(), train.size()) : train.size();
        int nTest = f.testSize() > 0 ? Math.min(f.testSize(), val.size()) : val.size();
        long bytes = 4L * 3 * f.crop() * f.crop() * ((long) nTrain + nTest);
        if (bytes > maxBytes) {
            throw new SpecJson.SpecException("spec", "task.trainSize", "= " + f.trainSize() + ": " + nTrain + " training and " + nTest
                    + " validation pictures of " + f.crop() + " x " + f.crop() + " take " + String.format(java.util.Locale.ROOT, "%.1f", bytes / 1048576.0) + " MiB decoded, more than the "
                    + String.format(java.util.Locale.ROOT, "%.1f", maxBytes / 1048576.0) + " MiB a run holds in memory; expected smaller task.trainSize / task.testSize");
        }
        Examples trainSet = decode(train, f, true, nTrain, spec.seeds().data());
        Examples testSet = decode(val, f, false, nTest, spec.seeds().data());
        Map<String, String> sums = new TreeMap<>();
        sums.put("train/ manifest", train.manifestSha256());
        sums.put("val/ manifest", val.manifestSha256());
        LabelledImages testImages = new LabelledImages(testSet.inputs(), testSet.labels());
        return new TaskData("image folder " + root + ": " + train.classes().size() + " classes, " + nTrain + " training, " + nTest
                + " validation pictures of " + f.crop() + " px", trainSet, testSet, sums, testImages);
    }

    /** The first {@code n} pictures of the split in a seeded order (a part of every class, not the first classes). */
    private static Examples decode(ImageFolder folder, TaskSpec.ImageFolder f, boolean train, int n, long seed) {
        int batch = Math.max(1, Math.min(n, 128));
        INDArray out = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, n, 3, f.crop(), f.crop());
        int[] labels = new int[n];
        int done = 0;
        try (ImageBatches batches = new ImageBatches(folder, f.transform(train), batch, true, seed + (train ? 0 : 1))) {
            while (done < n && batches.hasNext()) {
                LabelledImages b = batches.next();
                int take = Math.min(b.size(), n - done);
                out.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(done, done + take)).assign(
                        take == b.size() ? b.images() : b.images().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, take)));
                System.arraycopy(b.labels(), 0, labels, done, take);
                done += take;
            }
        }
        if (done != n) throw new IllegalStateException(folder.root() + "/" + folder.split() + ": decoded " + done + " of " + n + " pictures");
        return new Examples(out, Arrays.copyOf(labels, n));
    }
}
