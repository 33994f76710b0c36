package org.rramlab.data;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {

    @TempDir
    Path dir;

    static byte[] idx(int dims, int[] sizes, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims + data.length);
        b.putInt(0x0800 | dims);
        for (int s : sizes) {
            b.putInt(s);
        }
        b.put(data);
        return b.array();
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    /** Writes a 3-image test set; pixel (i, r, c) = (i + r + c) mod 256, labels 7, 0, 9. */
    private void writeTiny(boolean gz) throws IOException {
        byte[] pixels = new byte[3 * 28 * 28];
        for (int i = 0; i < 3; i++) {
            for (int r = 0; r < 28; r++) {
                for (int c = 0; c < 28; c++) {
                    pixels[i * 784 + r * 28 + c] = (byte) (i * 100 + r + c);
                }
            }
        }
        byte[] images = idx(3, new int[] {3, 28, 28}, pixels);
        byte[] labels = idx(1, new int[] {3}, new byte[] {7, 0, 9});
        Files.write(dir.resolve("t10k-images-idx3-ubyte" + (gz ? ".gz" : "")), gz ? gzip(images) : images);
        Files.write(dir.resolve("t10k-labels-idx1-ubyte" + (gz ? ".gz" : "")), gz ? gzip(labels) : labels);
    }

    @Test
    void readsGzipAndRawAlike() throws IOException {
        writeTiny(true);
        LabelledImages fromGz = FashionMnist.load(dir, false);
        for (String name : new String[] {"t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"}) {
            Files.delete(dir.resolve(name));
        }
        writeTiny(false);
        LabelledImages fromRaw = FashionMnist.load(dir, false);
        assertArrayEquals(new long[] {3, 1, 28, 28}, fromGz.images().shape());
        assertArrayEquals(new int[] {7, 0, 9}, fromGz.labels());
        assertEquals(fromRaw.images(), fromGz.images());
        assertEquals((1 * 100 + 2 + 3) / 255f, fromGz.image(1)[2][3], 1e-7);
        assertEquals((2 * 100 + 27 + 27) / 255f, fromGz.image(2)[27][27], 1e-7);
        // provenance is the checksum of the decompressed content, the same for both copies
        assertEquals(fromRaw.sha256(), fromGz.sha256());
        assertEquals(Sha256.ofFile(dir.resolve("t10k-labels-idx1-ubyte")), fromRaw.sha256().get("t10k-labels-idx1-ubyte"));
        assertEquals(fromRaw.sha256(), FashionMnist.checksums(dir, false));
    }

    @Test
    void normalisesAndSubsets() throws IOException {
        writeTiny(false);
        LabelledImages data = FashionMnist.load(dir, false);
        LabelledImages norm = data.normalised(FashionMnist.MEAN, FashionMnist.STD);
        assertEquals((data.image(0)[5][6] - 0.1307) / 0.3081, norm.image(0)[5][6], 1e-5);
        LabelledImages tail = data.subset(1, 3);
        assertArrayEquals(new int[] {0, 9}, tail.labels());
        assertArrayEquals(data.image(2)[10], tail.image(1)[10]);
        assertThrows(IllegalArgumentException.class, () -> data.subset(2, 4));
    }

    @Test
    void seededSplitIsDisjointAndRepeatable() throws IOException {
        writeTiny(false);
        LabelledImages data = FashionMnist.load(dir, false);
        LabelledImages.Split a = data.split(2.0 / 3, 42), b = data.split(2.0 / 3, 42);
        assertEquals(2, a.first().size());
        assertEquals(1, a.second().size());
        assertArrayEquals(a.first().labels(), b.first().labels());
        int[] all = new int[] {a.first().labels()[0], a.first().labels()[1], a.second().labels()[0]};
        Arrays.sort(all);
        assertArrayEquals(new int[] {0, 7, 9}, all);
        // the selected image travels with its label
        int label = a.second().labels()[0];
        int original = label == 7 ? 0 : label == 0 ? 1 : 2;
        assertArrayEquals(data.image(original)[4], a.second().image(0)[4]);
    }

    @Test
    void wrongMagicNamesFileAndExpectation() throws IOException {
        writeTiny(false);
        byte[] bytes = Files.readAllBytes(dir.resolve("t10k-images-idx3-ubyte"));
        bytes[3] = 1;
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), bytes);
        DataFileException e = assertThrows(DataFileException.class, () -> FashionMnist.load(dir, false));
        assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte"), e.getMessage());
        assertTrue(e.getMessage().contains("magic") && e.getMessage().contains("0x00000803"), e.getMessage());
    }

    @Test
    void truncatedFileIsRejected() throws IOException {
        writeTiny(false);
        Path images = dir.resolve("t10k-images-idx3-ubyte");
        byte[] bytes = Files.readAllBytes(images);
        Files.write(images, Arrays.copyOf(bytes, bytes.length - 10));
        DataFileException e = assertThrows(DataFileException.class, () -> FashionMnist.load(dir, false));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains(String.valueOf(bytes.length)),
                e.getMessage());
    }

    @Test
    void corruptGzipIsRejected() throws IOException {
        writeTiny(true);
        Path labels = dir.resolve("t10k-labels-idx1-ubyte.gz");
        byte[] bytes = Files.readAllBytes(labels);
        Files.write(labels, Arrays.copyOf(bytes, bytes.length / 2));
        DataFileException e = assertThrows(DataFileException.class, () -> FashionMnist.load(dir, false));
        assertTrue(e.getMessage().contains("t10k-labels-idx1-ubyte.gz") && e.getMessage().contains("gzip"),
                e.getMessage());
    }

    @Test
    void countMismatchIsRejected() throws IOException {
        writeTiny(false);
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), idx(1, new int[] {2}, new byte[] {1, 2}));
        DataFileException e = assertThrows(DataFileException.class, () -> FashionMnist.load(dir, false));
        assertTrue(e.getMessage().contains("2 labels") && e.getMessage().contains("3 images"), e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        DataFileException e = assertThrows(DataFileException.class, () -> FashionMnist.load(dir, true));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte"), e.getMessage());
    }

    @Test
    void locateFindsTheInstalledCopy() {
        assumeTrue(Files.isDirectory(Path.of("/usr/share/datasets/fashion-mnist")) && System.getenv(FashionMnist.ENV) == null);
        Path found = FashionMnist.locate();
        assertTrue(Files.exists(found.resolve("t10k-images-idx3-ubyte.gz"))
                || Files.exists(found.resolve("t10k-images-idx3-ubyte")), found.toString());
    }

    @Test
    void realTestSetMatchesPublishedChecksums() {
        Path installed = Path.of("/usr/share/datasets/fashion-mnist");
        assumeTrue(Files.isDirectory(installed), "Fashion-MNIST not installed here");
        LabelledImages test = FashionMnist.load(installed, false);
        assertEquals(10_000, test.size());
        assertEquals(org.nd4j.linalg.api.buffer.DataType.FLOAT, test.images().dataType());
        assertArrayEquals(new int[] {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000}, test.classCounts(10));
        assertEquals("5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
                test.sha256().get("t10k-images-idx3-ubyte"));
        assertEquals("0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34",
                test.sha256().get("t10k-labels-idx1-ubyte"));
        assertEquals(9, test.labels()[0]); // the first test image is an ankle boot
        double mean = test.images().meanNumber().doubleValue();
        assertTrue(mean > 0.25 && mean < 0.32, "mean pixel " + mean);
    }
}
