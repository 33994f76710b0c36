package org.rramlab.data.images;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.rramlab.data.DataFileException;
import org.rramlab.data.Sha256;

/**
 * One split ({@code train} or {@code val}) of an image-classification data set in the folder layout
 * {@code ROOT/SPLIT/CLASS/IMAGE}: one sub-folder per class, named as the class (ImageNet's are WordNet ids such as
 * {@code n01440764}), holding JPEG or PNG files. Classes are sorted by name and numbered from 0; files are sorted
 * within a class, so the index, and every batch drawn with a seed, is the same on every machine.
 *
 * <p>Opening a split lists the files only (ImageNet-100's 130,000 pictures index in seconds); pictures are decoded
 * when a batch needs them ({@link #decode}, {@link ImageBatches}). Files whose names do not end in .jpg, .jpeg or .png
 * (any case) and hidden files are ignored and counted. Provenance is the SHA-256 of the manifest (every relative path
 * and its size), not of every picture: hashing 13 GB per run would cost minutes.
 */
public final class ImageFolder {

    /** One picture: its file and its class number. */
    public record Entry(Path file, int label) {}

    private final Path root;
    private final String split;
    private final List<String> classes;
    private final List<Entry> entries;
    private final int ignoredFiles;
    private final String manifestSha256;
    /** Width and height of the first picture decoded without resizing: every other must match it. */
    private final int[] firstSize = new int[2];

    private ImageFolder(Path root, String split, List<String> classes, List<Entry> entries, int ignoredFiles, String manifestSha256) {
        this.root = root;
        this.split = split;
        this.classes = List.copyOf(classes);
        this.entries = List.copyOf(entries);
        this.ignoredFiles = ignoredFiles;
        this.manifestSha256 = manifestSha256;
    }

    /**
     * Indexes {@code root/split}.
     *
     * @throws DataFileException naming the folder: the root or the split is missing, it has no class folders, or a
     *                           class folder holds no JPEG or PNG file
     */
    public static ImageFolder open(Path root, String split) {
        if (!Files.isDirectory(root)) throw new DataFileException(root, "no such folder; expected an image folder with train/ and val/ sub-folders");
        Path dir = root.resolve(split);
        if (!Files.isDirectory(dir)) {
            throw new DataFileException(dir, "no such folder; expected the '" + split + "' split: one sub-folder per class of JPEG or PNG files");
        }
        List<Path> classDirs = list(dir).stream().filter(Files::isDirectory).filter(p -> !hidden(p)).sorted().toList();
        if (classDirs.isEmpty()) throw new DataFileException(dir, "no class folders; expected one sub-folder per class of JPEG or PNG files");
        List<String> classes = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        MessageDigest manifest = Sha256.digest();
        int ignored = 0;
        for (Path classDir : classDirs) {
            int label = classes.size();
            classes.add(classDir.getFileName().toString());
            int before = entries.size();
            for (Path f : list(classDir).stream().sorted().toList()) {
                if (Files.isDirectory(f) || hidden(f) || !isPicture(f)) {
                    ignored++;
                    continue;
                }
                entries.add(new Entry(f, label));
                manifest.update((dir.relativize(f).toString().replace('\\', '/') + "\t" + size(f) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            if (entries.size() == before) throw new DataFileException(classDir, "empty class: no .jpg, .jpeg or .png file in it");
        }
        return new ImageFolder(root, split, classes, entries, ignored, Sha256.hex(manifest));
    }

    /** The split's classes must be the training split's, in the same order (a val/ with a class train/ lacks is refused). */
    public ImageFolder requireClassesOf(ImageFolder train) {
        if (!classes.equals(train.classes)) {
            List<String> missing = new ArrayList<>(train.classes);
            missing.removeAll(classes);
            List<String> extra = new ArrayList<>(classes);
            extra.removeAll(train.classes);
            throw new DataFileException(root.resolve(split), "its classes differ from " + train.split + "/'s: "
                    + (missing.isEmpty() ? "" : "missing " + head(missing)) + (missing.isEmpty() || extra.isEmpty() ? "" : ", ")
                    + (extra.isEmpty() ? "" : "not in " + train.split + "/: " + head(extra)));
        }
        return this;
    }

    public Path root() { return root; }
    public String split() { return split; }
    public List<String> classes() { return classes; }
    public int size() { return entries.size(); }
    public Entry entry(int i) { return entries.get(i); }
    /** Files in the class folders that are not pictures (or hidden), ignored. */
    public int ignoredFiles() { return ignoredFiles; }
    /** SHA-256 of the manifest: every picture's path relative to the split folder and its size in bytes. */
    public String manifestSha256() { return manifestSha256; }

    /** Pictures per class, in class order. */
    public int[] classCounts() {
        int[] n = new int[classes.size()];
        for (Entry e : entries) n[e.label()]++;
        return n;
    }

    /**
     * Picture {@code i} decoded and transformed, channels first ({@code [channels * crop * crop]}), into {@code out}
     * at {@code offset}. {@code random} draws the crop position and the flip when the transform augments.
     *
     * @throws DataFileException the file cannot be read or decoded, it is smaller than the crop, or (no resize) its
     *                           size differs from the first picture's this folder decoded
     */
    public void decode(int i, ImageTransform t, Random random, float[] out, int offset) {
        Path file = entries.get(i).file();
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new DataFileException(file, "unreadable image: " + e.getMessage(), e);
        }
        if (img == null) throw new DataFileException(file, "unreadable image: not a JPEG or PNG that Java's ImageIO can decode");
        if (t.resize() > 0) {
            img = resizeShorterSide(img, t.resize());
        } else {
            synchronized (firstSize) {
                if (firstSize[0] == 0) {
                    firstSize[0] = img.getWidth();
                    firstSize[1] = img.getHeight();
                } else if (img.getWidth() != firstSize[0] || img.getHeight() != firstSize[1]) {
                    throw new DataFileException(file, String.format(Locale.ROOT, "%d x %d px, but the pictures before it are %d x %d px: mixed "
                            + "sizes need resizing (set resize > 0)", img.getWidth(), img.getHeight(), firstSize[0], firstSize[1]));
                }
            }
        }
        int w = img.getWidth(), h = img.getHeight(), c = t.crop();
        if (w < c || h < c) {
            throw new DataFileException(file, String.format(Locale.ROOT, "%d x %d px after resizing is smaller than the %d px crop", w, h, c));
        }
        int x0, y0;
        boolean flip;
        if (t.augment()) {
            x0 = random.nextInt(w - c + 1);
            y0 = random.nextInt(h - c + 1);
            flip = random.nextBoolean();
        } else {
            x0 = (w - c) / 2;
            y0 = (h - c) / 2;
            flip = false;
        }
        int[] rgb = img.getRGB(x0, y0, c, c, null, 0, c);
        double[] mean = t.mean(), std = t.std();
        int plane = c * c;
        for (int y = 0; y < c; y++) {
            for (int x = 0; x < c; x++) {
                int p = rgb[y * c + (flip ? c - 1 - x : x)];
                float r = ((p >> 16) & 0xff) / 255f, g = ((p >> 8) & 0xff) / 255f, b = (p & 0xff) / 255f;
                int o = offset + y * c + x;
                if (t.channels() == 3) {
                    out[o] = (float) ((r - mean[0]) / std[0]);
                    out[o + plane] = (float) ((g - mean[1]) / std[1]);
                    out[o + 2 * plane] = (float) ((b - mean[2]) / std[2]);
                } else {
                    out[o] = (float) ((0.299f * r + 0.587f * g + 0.114f * b - mean[0]) / std[0]);
                }
            }
        }
    }

    /** Bilinear resize so that the shorter side is {@code side} pixels (aspect ratio kept). */
    static BufferedImage resizeShorterSide(BufferedImage img, int side) {
        int w = img.getWidth(), h = img.getHeight();
        double s = (double) side / Math.min(w, h);
        int nw = Math.max(side, (int) Math.round(w * s)), nh = Math.max(side, (int) Math.round(h * s));
        if (nw == w && nh == h && img.getType() == BufferedImage.TYPE_INT_RGB) return img;
        BufferedImage out = new BufferedImage(nw, nh, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(img, 0, 0, nw, nh, null);
        g.dispose();
        return out;
    }

    /** A shuffled (seeded) or ordered permutation of the entries. */
    int[] order(boolean shuffle, long seed) {
        List<Integer> idx = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) idx.add(i);
        if (shuffle) Collections.shuffle(idx, new Random(seed));
        return idx.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s/%s: %,d pictures in %d classes%s", root, split, size(), classes.size(),
                ignoredFiles == 0 ? "" : String.format(Locale.ROOT, " (%d other files ignored)", ignoredFiles));
    }

    private static boolean isPicture(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png");
    }

    private static boolean hidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }

    private static String head(List<String> names) {
        return names.size() <= 5 ? names.toString() : names.subList(0, 5) + " and " + (names.size() - 5) + " more";
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            throw new DataFileException(f, "cannot read its size: " + e.getMessage(), e);
        }
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException(dir + ": cannot list the folder: " + e.getMessage(), e));
        }
    }
}
