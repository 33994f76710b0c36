package org.rramlab.data.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rramlab.data.DataFileException;
import org.rramlab.data.LabelledImages;

/** The image-folder reader on small folders this test draws: layout, batches, transforms and the bad inputs. */
class ImageFolderTest {

    @TempDir
    Path dir;

    /** A picture filled with one colour, with a white pixel at the top-left corner (to see flips and crops). */
    private static void picture(Path file, int w, int h, int rgb, String format) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.setRGB(x, y, rgb);
        img.setRGB(0, 0, 0xffffff);
        Files.createDirectories(file.getParent());
        assertTrue(ImageIO.write(img, format, file.toFile()), "writer for " + format);
    }

    /** Three classes (red, green, blue) of 5 pictures each, PNG and JPEG, 40 x 30 px (mixed sizes when {@code mixed}). */
    private Path folder(boolean mixed) throws IOException {
        int[] colours = {0xff0000, 0x00ff00, 0x0000ff};
        String[] classes = {"n001", "n002", "n003"};
        for (String split : new String[] {"train", "val"}) {
            for (int c = 0; c < 3; c++) {
                int count = split.equals("train") ? 5 : 2;
                for (int i = 0; i < count; i++) {
                    boolean png = i % 2 == 0;
                    int w = mixed && i == 1 ? 50 : 40;
                    picture(dir.resolve(split).resolve(classes[c]).resolve("img" + i + (png ? ".png" : ".JPEG")), w, 30, colours[c], png ? "png" : "jpeg");
                }
            }
        }
        Files.writeString(dir.resolve("train/n001/README.txt"), "not a picture");
        return dir;
    }

    private static ImageTransform plain(int resize, int crop, boolean augment) {
        return new ImageTransform(resize, crop, 3, new double[] {0, 0, 0}, new double[] {1, 1, 1}, augment);
    }

    @Test
    void indexesClassesInNameOrderAndIgnoresOtherFiles() throws IOException {
        ImageFolder train = ImageFolder.open(folder(false), "train");
        assertEquals(List.of("n001", "n002", "n003"), train.classes());
        assertEquals(15, train.size());
        assertArrayEquals(new int[] {5, 5, 5}, train.classCounts());
        assertEquals(1, train.ignoredFiles());
        ImageFolder val = ImageFolder.open(dir, "val").requireClassesOf(train);
        assertEquals(6, val.size());
        assertEquals(64, train.manifestSha256().length());
        assertEquals(train.manifestSha256(), ImageFolder.open(dir, "train").manifestSha256(), "the manifest hash is stable");
    }

    @Test
    void batchesHaveTheRightShapeLabelsAndColours() throws IOException {
        ImageFolder train = ImageFolder.open(folder(false), "train");
        List<LabelledImages> batches = new ArrayList<>();
        int[] seen = new int[3];
        try (ImageBatches b = new ImageBatches(train, plain(0, 24, false), 4, false, 1)) {
            assertEquals(4, b.batches());
            while (b.hasNext()) batches.add(b.next());
        }
        assertEquals(4, batches.size());
        assertArrayEquals(new long[] {4, 3, 24, 24}, batches.get(0).images().shape());
        assertEquals(3, batches.get(3).size(), "the last batch is shorter: 15 = 3 x 4 + 3");
        for (LabelledImages batch : batches) {
            for (int j = 0; j < batch.size(); j++) {
                int label = batch.labels()[j];
                seen[label]++;
                // the centre crop of a one-colour picture: its class's channel ~1, the others ~0 (JPEG is lossy)
                for (int ch = 0; ch < 3; ch++) {
                    double v = batch.images().getDouble(j, ch, 12, 12);
                    assertEquals(ch == label ? 1.0 : 0.0, v, 0.08, "class " + label + " channel " + ch);
                }
            }
        }
        assertArrayEquals(new int[] {5, 5, 5}, seen);
    }

    @Test
    void normalisesEachChannelAndConvertsToGrey() throws IOException {
        ImageFolder train = ImageFolder.open(folder(false), "train");
        ImageTransform t = new ImageTransform(0, 20, 3, new double[] {0.5, 0.25, 0}, new double[] {0.5, 0.25, 2}, false);
        float[] out = new float[3 * 20 * 20];
        train.decode(0, t, new Random(1), out, 0);   // n001/img0.png: pure red, PNG is lossless
        assertEquals((1 - 0.5) / 0.5, out[0], 1e-6);
        assertEquals((0 - 0.25) / 0.25, out[400], 1e-6);
        assertEquals(0, out[800], 1e-6);
        ImageTransform grey = new ImageTransform(0, 20, 1, new double[] {0}, new double[] {1}, false);
        float[] g = new float[400];
        train.decode(0, grey, new Random(1), g, 0);
        assertEquals(0.299, g[10], 1e-3, "luma of pure red");
    }

    @Test
    void sameSeedSameAugmentedBatchesOtherSeedOthers() throws IOException {
        ImageFolder train = ImageFolder.open(folder(false), "train");
        float[] a = firstBatch(train, 7), b = firstBatch(train, 7), c = firstBatch(train, 8);
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c));
    }

    private static float[] firstBatch(ImageFolder f, long seed) {
        try (ImageBatches b = new ImageBatches(f, plain(0, 16, true), 15, true, seed)) {
            return b.next().images().data().asFloat();
        }
    }

    @Test
    void flipsAndCropsMoveTheMarkedCorner() throws IOException {
        ImageFolder train = ImageFolder.open(folder(false), "train");
        // a red 40 x 30 PNG with a white pixel at (0, 0): a 30-px crop has y0 = 0 and x0 in 0..10, so the white pixel
        // (green channel high, plane offset 900) is in the crop only when x0 = 0: at x = 0, or at x = 29 when flipped
        int whiteAtLeft = 0, whiteAtRight = 0;
        for (int s = 0; s < 400; s++) {
            float[] out = new float[3 * 30 * 30];
            train.decode(0, plain(0, 30, true), new Random(s), out, 0);
            if (out[900] > 0.9) whiteAtLeft++;
            if (out[900 + 29] > 0.9) whiteAtRight++;
        }
        assertTrue(whiteAtLeft > 0 && whiteAtRight > 0, "both the plain and the flipped corner occur: " + whiteAtLeft + ", " + whiteAtRight);
        assertTrue(whiteAtLeft + whiteAtRight < 200, "the corner is kept only by crops at x0 = 0 (1 in 11): " + (whiteAtLeft + whiteAtRight));
    }

    @Test
    void resizesTheShorterSide() throws IOException {
        BufferedImage img = new BufferedImage(80, 40, BufferedImage.TYPE_INT_RGB);
        BufferedImage r = ImageFolder.resizeShorterSide(img, 20);
        assertEquals(40, r.getWidth());
        assertEquals(20, r.getHeight());
        ImageFolder train = ImageFolder.open(folder(true), "train");   // mixed sizes are fine with a resize
        try (ImageBatches b = new ImageBatches(train, plain(24, 24, false), 15, false, 1)) {
            assertArrayEquals(new long[] {15, 3, 24, 24}, b.next().images().shape());
        }
    }

    @Test
    void refusesMixedSizesWithoutResizeNamingTheFile() throws IOException {
        ImageFolder train = ImageFolder.open(folder(true), "train");
        try (ImageBatches b = new ImageBatches(train, plain(0, 24, false), 15, false, 1)) {
            DataFileException e = assertThrows(DataFileException.class, b::next);
            assertTrue(e.getMessage().contains("img1.JPEG") && e.getMessage().contains("50 x 30") && e.getMessage().contains("resize"), e.getMessage());
        }
    }

    @Test
    void refusesAnEmptyClassAMissingSplitAndAnUnreadablePicture() throws IOException {
        folder(false);
        Files.createDirectories(dir.resolve("train/n004"));
        DataFileException empty = assertThrows(DataFileException.class, () -> ImageFolder.open(dir, "train"));
        assertTrue(empty.getMessage().contains("n004") && empty.getMessage().contains("empty class"), empty.getMessage());
        Files.delete(dir.resolve("train/n004"));

        DataFileException missing = assertThrows(DataFileException.class, () -> ImageFolder.open(dir, "test"));
        assertTrue(missing.getMessage().contains("test") && missing.getMessage().contains("no such folder"), missing.getMessage());
        assertThrows(DataFileException.class, () -> ImageFolder.open(dir.resolve("nowhere"), "train"));

        Files.write(dir.resolve("train/n002/broken.jpg"), new byte[] {1, 2, 3, 4, 5});
        ImageFolder train = ImageFolder.open(dir, "train");
        int broken = -1;
        for (int i = 0; i < train.size(); i++) if (train.entry(i).file().getFileName().toString().equals("broken.jpg")) broken = i;
        int index = broken;
        DataFileException bad = assertThrows(DataFileException.class, () -> train.decode(index, plain(0, 20, false), new Random(1), new float[1200], 0));
        assertTrue(bad.getMessage().contains("broken.jpg") && bad.getMessage().contains("unreadable image"), bad.getMessage());
    }

    @Test
    void refusesAValidationSplitWithOtherClasses() throws IOException {
        folder(false);
        picture(dir.resolve("val/n999/a.png"), 40, 30, 0, "png");
        ImageFolder train = ImageFolder.open(dir, "train");
        DataFileException e = assertThrows(DataFileException.class, () -> ImageFolder.open(dir, "val").requireClassesOf(train));
        assertTrue(e.getMessage().contains("n999"), e.getMessage());
    }

    @Test
    void refusesBadTransforms() {
        assertThrows(IllegalArgumentException.class, () -> plain(20, 24, false));
        assertThrows(IllegalArgumentException.class, () -> new ImageTransform(0, 24, 3, new double[] {0}, new double[] {1, 1, 1}, false));
        IllegalArgumentException std = assertThrows(IllegalArgumentException.class,
                () -> new ImageTransform(0, 24, 3, new double[] {0, 0, 0}, new double[] {1, 0, 1}, false));
        assertTrue(std.getMessage().startsWith("std[1]"), std.getMessage());
        ImageTransform imagenet = ImageTransform.imagenet(224, true);
        assertEquals(256, imagenet.resize());
        assertNotEquals(imagenet.augment(), imagenet.forEvaluation().augment());
    }
}
