package org.rramlab.data.retina;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.rramlab.data.DataFileException;
import org.rramlab.data.Sha256;

/**
 * Reads (and, for synthetic data, writes) the standard DRIVE layout:
 * <pre>
 *   training/images/21_training.tif   training/1st_manual/21_manual1.gif   training/mask/21_training_mask.gif
 *   test/images/01_test.tif           test/1st_manual/01_manual1.gif       test/mask/01_test_mask.gif
 * </pre>
 * Files are matched by the number before the first underscore. DRIVE itself is never part of this project (its
 * terms forbid redistribution): the user downloads it from drive.grand-challenge.org and names the folder (see
 * data/README.md). TIFF and GIF are read by the JDK's own ImageIO plugins (TIFF since Java 9), no extra library.
 *
 * <p>Everything wrong is collected and reported together: missing folders or files, images without annotation or
 * mask and the reverse, sizes that disagree, unreadable files. A {@code test/1st_manual} folder that is missing
 * altogether is accepted (some downloads lack it): those test images then have no annotation.
 */
public final class DriveDataset {

    public static final String ENV = "RRAMLAB_DRIVE";
    private static final List<String> SPLITS = List.of("training", "test");

    private DriveDataset() {
    }

    /** The DRIVE folder if one is found: {@code $RRAMLAB_DRIVE}, then {@code ../data/drive}, {@code data/drive}. */
    public static Optional<Path> find() {
        for (Path c : candidates()) {
            if (Files.isDirectory(c.resolve("training").resolve("images"))) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** Like {@link #find()} but throws, listing where it looked and how to get DRIVE. */
    public static Path locate() {
        return find().orElseThrow(() -> {
            StringBuilder looked = new StringBuilder();
            candidates().forEach(c -> looked.append("\n  ").append(c.toAbsolutePath().normalize()));
            return new DataFileException(candidates().get(0), "DRIVE not found (no training/images/). Looked in:"
                    + looked + "\nDownload it yourself from https://drive.grand-challenge.org/ (its terms forbid"
                    + " redistribution, so rramlab cannot ship it), unpack it to data/drive/ or set " + ENV
                    + ". Without it, use SyntheticFundus.");
        });
    }

    /** DRIVE when found, otherwise a synthetic set of the given size and seed; {@link RetinaSet#source()} says which. */
    public static RetinaSet loadOrSynthetic(int trainCount, int testCount, int size, long seed) {
        return find().map(DriveDataset::load).orElseGet(() -> SyntheticFundus.set(trainCount, testCount, size, seed));
    }

    private static List<Path> candidates() {
        List<Path> list = new ArrayList<>();
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            list.add(Path.of(env));
        }
        list.add(Path.of("..", "data", "drive"));
        list.add(Path.of("data", "drive"));
        return list;
    }

    /** Reads both splits. @throws DataFileException listing every problem found */
    public static RetinaSet load(Path root) {
        List<String> problems = new ArrayList<>();
        Map<String, String> sha = new LinkedHashMap<>();
        if (!Files.isDirectory(root)) {
            throw new DataFileException(root, "DRIVE folder does not exist");
        }
        List<FundusImage> training = readSplit(root, "training", problems, sha);
        List<FundusImage> test = readSplit(root, "test", problems, sha);
        if (!problems.isEmpty()) {
            throw new DataFileException(root, "not a usable DRIVE layout, " + problems.size() + " problem"
                    + (problems.size() == 1 ? "" : "s") + ":\n  - " + String.join("\n  - ", problems));
        }
        return new RetinaSet("DRIVE at " + root.toAbsolutePath().normalize() + " (" + training.size() + " training + "
                + test.size() + " test images)", false, training, test, sha);
    }

    private static List<FundusImage> readSplit(Path root, String split, List<String> problems, Map<String, String> sha) {
        Path dir = root.resolve(split);
        Path imagesDir = dir.resolve("images"), manualDir = dir.resolve("1st_manual"), maskDir = dir.resolve("mask");
        boolean manualOptional = split.equals("test") && !Files.isDirectory(manualDir);
        for (Path d : List.of(imagesDir, maskDir)) {
            if (!Files.isDirectory(d)) {
                problems.add("missing folder " + root.relativize(d));
            }
        }
        if (!manualOptional && !Files.isDirectory(manualDir)) {
            problems.add("missing folder " + root.relativize(manualDir));
        }
        Map<String, Path> images = byId(imagesDir, ".tif", ".tiff");
        Map<String, Path> manuals = manualOptional ? Map.of() : byId(manualDir, ".gif");
        Map<String, Path> masks = byId(maskDir, ".gif");
        if (Files.isDirectory(imagesDir) && images.isEmpty()) {
            problems.add("no *.tif images in " + root.relativize(imagesDir));
        }
        for (String id : images.keySet()) {
            if (!manualOptional && !manuals.containsKey(id)) {
                problems.add(split + " image " + id + ": no annotation " + id + "_manual1.gif in " + root.relativize(manualDir));
            }
            if (!masks.containsKey(id)) {
                problems.add(split + " image " + id + ": no mask " + id + "_" + split + "_mask.gif in " + root.relativize(maskDir));
            }
        }
        for (String id : manuals.keySet()) {
            if (!images.containsKey(id)) {
                problems.add(root.relativize(manuals.get(id)) + ": annotation without an image " + id + "_" + split + ".tif");
            }
        }
        for (String id : masks.keySet()) {
            if (!images.containsKey(id)) {
                problems.add(root.relativize(masks.get(id)) + ": mask without an image " + id + "_" + split + ".tif");
            }
        }
        List<FundusImage> out = new ArrayList<>();
        for (Map.Entry<String, Path> e : images.entrySet()) {
            String id = e.getKey();
            BufferedImage rgb = readImage(root, e.getValue(), problems, sha);
            BufferedImage manual = manuals.containsKey(id) ? readImage(root, manuals.get(id), problems, sha) : null;
            BufferedImage mask = masks.containsKey(id) ? readImage(root, masks.get(id), problems, sha) : null;
            if (rgb == null || mask == null || (manual == null && !manualOptional)) {
                continue;
            }
            int w = rgb.getWidth(), h = rgb.getHeight();
            boolean sizesAgree = true;
            for (BufferedImage other : manual == null ? List.of(mask) : List.of(manual, mask)) {
                if (other.getWidth() != w || other.getHeight() != h) {
                    Path which = other == mask ? masks.get(id) : manuals.get(id);
                    problems.add(root.relativize(which) + ": " + other.getWidth() + "x" + other.getHeight()
                            + " but its image is " + w + "x" + h);
                    sizesAgree = false;
                }
            }
            if (!sizesAgree) {
                continue;
            }
            String name = e.getValue().getFileName().toString().replaceFirst("\\.tiff?$", "");
            out.add(new FundusImage(name, w, h, channels(rgb), manual == null ? null : binary(manual), binary(mask)));
        }
        return out;
    }

    /** Files in {@code dir} ending in one of {@code suffixes}, keyed by the id before the first underscore, sorted. */
    private static Map<String, Path> byId(Path dir, String... suffixes) {
        Map<String, Path> map = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return map;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.sorted(Comparator.comparing(Path::toString)).forEach(p -> {
                String name = p.getFileName().toString();
                for (String suffix : suffixes) {
                    if (name.toLowerCase().endsWith(suffix)) {
                        map.put(name.contains("_") ? name.substring(0, name.indexOf('_')) : name, p);
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return map;
    }

    private static BufferedImage readImage(Path root, Path file, List<String> problems, Map<String, String> sha) {
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null) {
                problems.add(root.relativize(file) + ": unreadable (no image reader recognises it)");
                return null;
            }
            sha.put(root.relativize(file).toString(), Sha256.ofFile(file));
            return image;
        } catch (IOException | RuntimeException e) {
            problems.add(root.relativize(file) + ": unreadable (" + e.getMessage() + ")");
            return null;
        }
    }

    private static float[][] channels(BufferedImage image) {
        int w = image.getWidth(), h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        float[][] rgb = new float[3][w * h];
        for (int i = 0; i < argb.length; i++) {
            rgb[0][i] = ((argb[i] >> 16) & 0xff) / 255f;
            rgb[1][i] = ((argb[i] >> 8) & 0xff) / 255f;
            rgb[2][i] = (argb[i] & 0xff) / 255f;
        }
        return rgb;
    }

    /** True where the (grey or palette) image is brighter than half. */
    private static boolean[] binary(BufferedImage image) {
        int w = image.getWidth(), h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        boolean[] out = new boolean[w * h];
        for (int i = 0; i < argb.length; i++) {
            int g = ((argb[i] >> 16) & 0xff) + ((argb[i] >> 8) & 0xff) + (argb[i] & 0xff);
            out[i] = g > 3 * 127;
        }
        return out;
    }

    /**
     * Writes a set in the DRIVE layout under {@code root} (which must not exist yet): training images numbered from 21,
     * test images from 01, as DRIVE does. Written to a temporary sibling folder first and moved into place, so a
     * failure leaves nothing half-written.
     */
    public static void write(RetinaSet set, Path root) {
        if (Files.exists(root)) {
            throw new IllegalArgumentException("write: " + root + " already exists; expected a new folder");
        }
        Path parent = root.toAbsolutePath().getParent();
        Path tmp = parent.resolve(root.getFileName() + ".partial-" + ProcessHandle.current().pid());
        try {
            for (String split : SPLITS) {
                List<FundusImage> images = split.equals("training") ? set.training() : set.test();
                int first = split.equals("training") ? 21 : 1;
                for (String sub : List.of("images", "1st_manual", "mask")) {
                    Files.createDirectories(tmp.resolve(split).resolve(sub));
                }
                for (int k = 0; k < images.size(); k++) {
                    FundusImage f = images.get(k);
                    String id = String.format("%02d", first + k);
                    Path dir = tmp.resolve(split);
                    writeOrFail(rgbImage(f), "tiff", dir.resolve("images").resolve(id + "_" + split + ".tif"));
                    if (f.vessel() != null) {
                        writeOrFail(binaryImage(f.vessel(), f.width(), f.height()), "gif",
                                dir.resolve("1st_manual").resolve(id + "_manual1.gif"));
                    }
                    writeOrFail(binaryImage(f.fov(), f.width(), f.height()), "gif",
                            dir.resolve("mask").resolve(id + "_" + split + "_mask.gif"));
                }
            }
            Files.move(tmp, root);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException("cannot write the DRIVE layout to " + root, e);
        }
    }

    private static void writeOrFail(BufferedImage image, String format, Path file) throws IOException {
        if (!ImageIO.write(image, format, file.toFile())) {
            throw new IOException("no ImageIO writer for " + format + " (" + file + ")");
        }
    }

    private static BufferedImage rgbImage(FundusImage f) {
        BufferedImage image = new BufferedImage(f.width(), f.height(), BufferedImage.TYPE_INT_RGB);
        int[] argb = new int[f.width() * f.height()];
        for (int i = 0; i < argb.length; i++) {
            int r = Math.round(f.rgb()[0][i] * 255), g = Math.round(f.rgb()[1][i] * 255), b = Math.round(f.rgb()[2][i] * 255);
            argb[i] = (r << 16) | (g << 8) | b;
        }
        image.setRGB(0, 0, f.width(), f.height(), argb, 0, f.width());
        return image;
    }

    private static BufferedImage binaryImage(boolean[] on, int w, int h) {
        byte[] level = {0, (byte) 255};
        IndexColorModel palette = new IndexColorModel(8, 2, level, level, level);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, palette);
        byte[] pixels = new byte[w * h];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (on[i] ? 1 : 0);
        }
        image.getRaster().setDataElements(0, 0, w, h, pixels);
        return image;
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: the folder is a temporary sibling, clearly named .partial
        }
    }
}
