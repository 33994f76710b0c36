package org.rramlab.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fashion-MNIST (Zalando Research, MIT licence): 60,000 training and 10,000 test 28×28 grey images of 10 clothing
 * classes, read from the four IDX files ({@code train|t10k-images-idx3-ubyte}, {@code ...-labels-idx1-ubyte}, raw or
 * {@code .gz}).
 *
 * <p>{@link #load} gives pixels in [0, 1]; the paper's script then normalises with {@link #MEAN} and {@link #STD}
 * (the MNIST constants, which the authors reuse for Fashion-MNIST): {@code load(dir, true).normalised(MEAN, STD)}.
 */
public final class FashionMnist {

    /** Environment variable naming the folder with the four IDX files. */
    public static final String ENV = "RRAMLAB_FASHION_MNIST";

    /** Normalisation the authors' script uses (MNIST's mean and standard deviation). */
    public static final double MEAN = 0.1307, STD = 0.3081;

    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    public static final int SIDE = 28;

    private FashionMnist() {
    }

    /**
     * The folder holding the data: {@code $RRAMLAB_FASHION_MNIST}, then {@code ../data/fashion-mnist},
     * {@code data/fashion-mnist}, {@code /usr/share/datasets/fashion-mnist}; the first that holds the training images.
     *
     * @throws DataFileException listing every place looked at and how to get the data
     */
    public static Path locate() {
        List<Path> candidates = new ArrayList<>();
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env));
        }
        candidates.add(Path.of("..", "data", "fashion-mnist"));
        candidates.add(Path.of("data", "fashion-mnist"));
        candidates.add(Path.of("/usr/share/datasets/fashion-mnist"));
        for (Path candidate : candidates) {
            if (find(candidate, "train-images-idx3-ubyte") != null) {
                return candidate;
            }
        }
        StringBuilder looked = new StringBuilder();
        for (Path candidate : candidates) {
            looked.append("\n  ").append(candidate.toAbsolutePath().normalize());
        }
        throw new DataFileException(candidates.get(0), "Fashion-MNIST not found (no train-images-idx3-ubyte[.gz]). "
                + "Looked in (" + ENV + " first, when set):" + looked
                + "\nGet it with `sudo apt-get install dataset-fashion-mnist` (Debian/Ubuntu, installs into"
                + " /usr/share/datasets/fashion-mnist), or download the four *-ubyte.gz files from Zalando Research's"
                + " GitHub (github.com/zalandoresearch/fashion-mnist, folder data/fashion) into data/fashion-mnist/,"
                + " or set " + ENV + " to their folder.");
    }

    /** The training (60,000) or test (10,000) set, pixels in [0, 1], images {@code [n, 1, 28, 28]} float. */
    public static LabelledImages load(Path dir, boolean train) {
        String prefix = train ? "train" : "t10k";
        Path imagesFile = require(dir, prefix + "-images-idx3-ubyte");
        Path labelsFile = require(dir, prefix + "-labels-idx1-ubyte");
        Idx images = Idx.read(imagesFile, 3);
        Idx labels = Idx.read(labelsFile, 1);
        if (images.dims()[0] != labels.dims()[0]) {
            throw new DataFileException(labelsFile, labels.dims()[0] + " labels but " + imagesFile.getFileName()
                    + " holds " + images.dims()[0] + " images; expected the same count");
        }
        int n = images.dims()[0], h = images.dims()[1], w = images.dims()[2];
        if (h != SIDE || w != SIDE) {
            throw new DataFileException(imagesFile, "images are " + h + "x" + w + ", expected " + SIDE + "x" + SIDE);
        }
        byte[] raw = images.data();
        float[] pixels = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            pixels[i] = (raw[i] & 0xff) / 255f;
        }
        int[] classes = new int[n];
        for (int i = 0; i < n; i++) {
            classes[i] = labels.data()[i] & 0xff;
            if (classes[i] >= CLASS_NAMES.size()) {
                throw new DataFileException(labelsFile, "label " + classes[i] + " at entry " + i
                        + " is outside 0.." + (CLASS_NAMES.size() - 1));
            }
        }
        Map<String, String> sha = new LinkedHashMap<>();
        sha.put(prefix + "-images-idx3-ubyte", images.sha256());
        sha.put(prefix + "-labels-idx1-ubyte", labels.sha256());
        return new LabelledImages(LabelledImages.floats(pixels, n, 1, h, w), classes, sha);
    }

    /** SHA-256 of the decompressed files a {@link #load} reads, keyed by the uncompressed file name. */
    public static Map<String, String> checksums(Path dir, boolean train) {
        String prefix = train ? "train" : "t10k";
        Map<String, String> sha = new LinkedHashMap<>();
        for (String name : List.of(prefix + "-images-idx3-ubyte", prefix + "-labels-idx1-ubyte")) {
            sha.put(name, Sha256.of(Idx.decompressedBytes(require(dir, name))));
        }
        return sha;
    }

    /** The raw file if present, else the {@code .gz}; null when neither exists. */
    private static Path find(Path dir, String name) {
        Path raw = dir.resolve(name);
        if (Files.isRegularFile(raw)) {
            return raw;
        }
        Path gz = dir.resolve(name + ".gz");
        return Files.isRegularFile(gz) ? gz : null;
    }

    private static Path require(Path dir, String name) {
        if (!Files.isDirectory(dir)) {
            throw new DataFileException(dir, "Fashion-MNIST folder does not exist");
        }
        Path file = find(dir, name);
        if (file == null) {
            throw new DataFileException(dir.resolve(name), "missing: expected " + name + " or " + name + ".gz in " + dir);
        }
        return file;
    }
}
