package org.rramlab.data.images;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;
import org.nd4j.linalg.factory.Nd4j;
import org.rramlab.data.LabelledImages;

/**
 * One pass over an {@link ImageFolder} in batches of decoded pictures {@code [batch, channels, crop, crop]}: shuffled by
 * a seed (the same seed gives the same batches and the same random crops and flips), the last batch shorter. One
 * background thread decodes the next batch while the caller uses the current one, so at most two batches are in
 * memory whatever the size of the data set. Close it (try-with-resources) to stop the decoder early.
 */
public final class ImageBatches implements Iterator<LabelledImages>, AutoCloseable {

    private final ImageFolder folder;
    private final ImageTransform transform;
    private final int batchSize;
    private final int[] order;
    private final long seed;
    private final ExecutorService decoder;
    private int next;
    private Future<LabelledImages> pending;

    /**
     * @param shuffle draw the order from {@code seed} (training) or keep the folder's order (evaluation)
     * @param seed    the order's and the augmentation's seed; batch k's crops depend on (seed, k) only
     */
    public ImageBatches(ImageFolder folder, ImageTransform transform, int batchSize, boolean shuffle, long seed) {
        if (batchSize < 1) throw new IllegalArgumentException("batchSize: expected >= 1, got " + batchSize);
        this.folder = folder;
        this.transform = transform;
        this.batchSize = batchSize;
        this.order = folder.order(shuffle, seed);
        this.seed = seed;
        this.decoder = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "image-decoder");
            t.setDaemon(true);
            return t;
        });
        schedule();
    }

    /** Batches in one pass. */
    public int batches() {
        return (order.length + batchSize - 1) / batchSize;
    }

    @Override
    public boolean hasNext() {
        return pending != null;
    }

    @Override
    public LabelledImages next() {
        if (pending == null) throw new NoSuchElementException("no batch left: the pass over " + folder + " is done");
        LabelledImages batch;
        try {
            batch = pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while decoding a batch of " + folder, e);
        } catch (ExecutionException e) {
            close();
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        }
        schedule();
        return batch;
    }

    private void schedule() {
        if (next >= order.length) {
            pending = null;
            decoder.shutdown();
            return;
        }
        int from = next, to = Math.min(order.length, next + batchSize), k = from / batchSize;
        next = to;
        pending = decoder.submit(() -> decode(from, to, k));
    }

    private LabelledImages decode(int from, int to, int k) {
        int n = to - from, c = transform.crop(), per = transform.channels() * c * c;
        float[] pixels = new float[n * per];
        int[] labels = new int[n];
        // one stream per batch: the crops of batch k do not depend on how many batches were drawn before
        Random random = new Random(seed * 0x9E3779B97F4A7C15L + k);
        for (int j = 0; j < n; j++) {
            int i = order[from + j];
            folder.decode(i, transform, random, pixels, j * per);
            labels[j] = folder.entry(i).label();
        }
        return new LabelledImages(Nd4j.create(pixels, new long[] {n, transform.channels(), c, c}, 'c'), labels);
    }

    @Override
    public void close() {
        if (pending != null) pending.cancel(true);
        pending = null;
        decoder.shutdownNow();
    }
}
