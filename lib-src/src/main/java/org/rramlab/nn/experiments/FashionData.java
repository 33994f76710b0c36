package org.rramlab.nn.experiments;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.nd4j.linalg.factory.Nd4j;
import org.rramlab.nn.train.Examples;

/**
 * Minimal Fashion-MNIST reader for the benchmark and headless experiment runs (gzip or raw IDX), with the paper's
 * normalisation (x/255 − 0.1307)/0.3081. Notebooks use {@code org.rramlab.data.FashionMnist}, the library's full
 * loader; this one exists so the nn package runs on its own.
 */
public final class FashionData {
    public static final double MEAN = 0.1307, STD = 0.3081;
    public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    private FashionData() {}

    /** The directory from RRAMLAB_FASHION_MNIST, else the Debian package's. */
    public static Path locate() {
        String env = System.getenv("RRAMLAB_FASHION_MNIST");
        return env != null && !env.isBlank() ? Path.of(env) : DEFAULT_DIR;
    }

    /** Training (60k) or test (10k) set, normalised, as [n, 1, 28, 28]; the first {@code limit} examples. */
    public static Examples load(Path dir, boolean train, int limit) {
        String prefix = train ? "train" : "t10k";
        byte[] images = readIdx(dir, prefix + "-images-idx3-ubyte", 0x803, limit);
        byte[] labels = readIdx(dir, prefix + "-labels-idx1-ubyte", 0x801, limit);
        int n = labels.length;
        if (images.length != n * 784) {
            throw new IllegalArgumentException(dir + ": " + prefix + " images hold " + images.length / 784 + " images but the labels file " + n + " labels");
        }
        float[] x = new float[images.length];
        for (int i = 0; i < x.length; i++) x[i] = (float) (((images[i] & 0xff) / 255.0 - MEAN) / STD);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = labels[i];
        return new Examples(Nd4j.createFromArray(x).reshape(n, 1, 28, 28).castTo(Nd4j.defaultFloatingPointType()), y);
    }

    private static byte[] readIdx(Path dir, String name, int magic, int limit) {
        Path file = Files.exists(dir.resolve(name + ".gz")) ? dir.resolve(name + ".gz") : dir.resolve(name);
        if (!Files.exists(file)) throw new IllegalArgumentException("Fashion-MNIST: " + file + " (or .gz) not found");
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw)) {
            int m = in.readInt();
            if (m != magic) throw new IllegalArgumentException(file + ": magic number 0x" + Integer.toHexString(m) + ", expected 0x" + Integer.toHexString(magic));
            int count = in.readInt();
            int per = 1;
            for (int d = 0; d < (magic & 0xff) - 1; d++) per *= in.readInt();
            int n = limit > 0 ? Math.min(limit, count) : count;
            byte[] data = new byte[n * per];
            in.readFully(data);
            return data;
        } catch (EOFException e) {
            throw new IllegalArgumentException(file + ": truncated (fewer bytes than its header announces)", e);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }
}
