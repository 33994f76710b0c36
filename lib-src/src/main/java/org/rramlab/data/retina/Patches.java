package org.rramlab.data.retina;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Patch work for vessel segmentation, as the paper trains and tests: random square patches centred inside the field
 * of view, augmentation by random crop, flips and right-angle rotations, and full-image inference by overlapping
 * tiles whose predictions are blended (a weighted mean that fades each tile out towards its border: no seams).
 *
 * <p>Rotations are multiples of 90° so labels stay exact (an arbitrary angle would need interpolating the truth).
 */
public final class Patches {

    private Patches() {
    }

    /**
     * {@code count} patches of {@code side × side}: for each, an image drawn uniformly, then a centre drawn uniformly
     * among its FOV pixels whose patch lies wholly inside the image. Seeded.
     *
     * @param preprocessed one preprocessed grey image per entry of {@code images} (see {@link Preprocess})
     * @param images       the images, for size, field of view and vessel truth
     */
    public static PatchBatch sample(List<float[]> preprocessed, List<FundusImage> images, int count, int side, long seed) {
        if (preprocessed.size() != images.size() || images.isEmpty()) {
            throw new IllegalArgumentException("Patches.sample: " + preprocessed.size() + " preprocessed images for "
                    + images.size() + " images; expected the same, non-zero count");
        }
        if (count < 1 || side < 1) {
            throw new IllegalArgumentException("Patches.sample: count and side must be >= 1, got count=" + count
                    + " side=" + side);
        }
        List<int[]> centres = new ArrayList<>();
        for (FundusImage f : images) {
            if (f.vessel() == null) {
                throw new IllegalArgumentException("Patches.sample: " + f.name() + " has no vessel annotation");
            }
            centres.add(validCentres(f, side));
            if (centres.get(centres.size() - 1).length == 0) {
                throw new IllegalArgumentException("Patches.sample: " + f.name() + " (" + f.width() + "x" + f.height()
                        + ") has no FOV pixel where a " + side + "x" + side + " patch fits");
            }
        }
        Random random = new Random(seed);
        int area = side * side;
        float[] x = new float[count * area], y = new float[count * area];
        for (int k = 0; k < count; k++) {
            int which = random.nextInt(images.size());
            FundusImage f = images.get(which);
            int[] valid = centres.get(which);
            int centre = valid[random.nextInt(valid.length)];
            int x0 = centre % f.width() - side / 2, y0 = centre / f.width() - side / 2;
            float[] src = preprocessed.get(which);
            for (int r = 0; r < side; r++) {
                for (int c = 0; c < side; c++) {
                    int i = (y0 + r) * f.width() + x0 + c;
                    x[k * area + r * side + c] = src[i];
                    y[k * area + r * side + c] = f.vessel()[i] ? 1f : 0f;
                }
            }
        }
        return new PatchBatch(Nd4j.create(x, new long[] {count, 1, side, side}, 'c'),
                Nd4j.create(y, new long[] {count, 1, side, side}, 'c'));
    }

    /** Pixel indices inside the FOV whose {@code side × side} patch (top-left at centre − side/2) fits in the image. */
    static int[] validCentres(FundusImage f, int side) {
        int lo = side / 2, hiX = f.width() - (side - side / 2), hiY = f.height() - (side - side / 2);
        List<Integer> list = new ArrayList<>();
        for (int yy = lo; yy <= hiY; yy++) {
            for (int xx = lo; xx <= hiX; xx++) {
                if (f.fov()[yy * f.width() + xx]) {
                    list.add(yy * f.width() + xx);
                }
            }
        }
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Augments each patch the same way for image and truth: a random {@code crop × crop} window, a random horizontal
     * and vertical flip (each with probability 1/2) and a random rotation by 0, 90, 180 or 270°. Seeded.
     */
    public static PatchBatch augment(PatchBatch batch, int crop, long seed) {
        int n = batch.size(), side = batch.side();
        if (crop < 1 || crop > side) {
            throw new IllegalArgumentException("Patches.augment: crop = " + crop + ", expected 1.." + side);
        }
        float[] x = batch.images().dup('c').data().asFloat(), y = batch.truth().dup('c').data().asFloat();
        float[] ox = new float[n * crop * crop], oy = new float[n * crop * crop];
        Random random = new Random(seed);
        for (int k = 0; k < n; k++) {
            int dx = random.nextInt(side - crop + 1), dy = random.nextInt(side - crop + 1);
            boolean flipH = random.nextBoolean(), flipV = random.nextBoolean();
            int turns = random.nextInt(4);
            for (int r = 0; r < crop; r++) {
                for (int c = 0; c < crop; c++) {
                    // output (r, c) reads the cropped, flipped source rotated by turns × 90° counter-clockwise
                    int sr = r, sc = c;
                    for (int t = 0; t < turns; t++) {
                        int tmp = sr;
                        sr = sc;
                        sc = crop - 1 - tmp;
                    }
                    if (flipV) {
                        sr = crop - 1 - sr;
                    }
                    if (flipH) {
                        sc = crop - 1 - sc;
                    }
                    int from = k * side * side + (dy + sr) * side + dx + sc;
                    int to = k * crop * crop + r * crop + c;
                    ox[to] = x[from];
                    oy[to] = y[from];
                }
            }
        }
        return new PatchBatch(Nd4j.create(ox, new long[] {n, 1, crop, crop}, 'c'),
                Nd4j.create(oy, new long[] {n, 1, crop, crop}, 'c'));
    }

    /**
     * Full-image inference: {@code tile × tile} windows every {@code stride} pixels (the last row and column of
     * windows pushed flush with the edge so every pixel is covered; an image smaller than a tile is zero-padded), fed
     * to {@code predictor} in batches of up to {@code batchSize} as {@code [b, 1, tile, tile]}; the predictor returns
     * the vessel probability of each pixel with {@code b × tile × tile} values (e.g. {@code [b, 1, tile, tile]}).
     * Each pixel gets the weighted mean over the windows covering it, each window's prediction weighted by a 2-D Hann
     * window ({@link #blendWeights}): a network predicts worst near a tile's border (its padding), and a plain mean
     * changes abruptly where a window starts or ends, which shows as seams on the tile grid. The weights fall smoothly
     * to almost nothing at a window's border, so each window fades in and out; at stride {@code tile / 2} they add up
     * to one inside the image (a partition of unity), near the image's border the weighted mean is normalised.
     *
     * @return vessel probability per pixel, row-major {@code width × height}
     */
    public static float[] predictFull(float[] image, int width, int height, int tile, int stride, int batchSize,
            UnaryOperator<INDArray> predictor) {
        if (image.length != width * height) {
            throw new IllegalArgumentException("predictFull: image has " + image.length + " values, expected "
                    + width + " x " + height);
        }
        if (tile < 1 || stride < 1 || stride > tile || batchSize < 1) {
            throw new IllegalArgumentException("predictFull: expected tile >= 1, 1 <= stride <= tile, batchSize >= 1;"
                    + " got tile=" + tile + " stride=" + stride + " batchSize=" + batchSize);
        }
        int w = Math.max(width, tile), h = Math.max(height, tile);
        float[] canvas = new float[w * h];
        for (int r = 0; r < height; r++) {
            System.arraycopy(image, r * width, canvas, r * w, width);
        }
        int[] xs = starts(w, tile, stride), ys = starts(h, tile, stride);
        List<int[]> windows = new ArrayList<>();
        for (int y0 : ys) {
            for (int x0 : xs) {
                windows.add(new int[] {x0, y0});
            }
        }
        double[] sum = new double[w * h], weight = new double[w * h];
        double[] blend = blendWeights(tile);
        int area = tile * tile;
        for (int from = 0; from < windows.size(); from += batchSize) {
            int b = Math.min(batchSize, windows.size() - from);
            float[] input = new float[b * area];
            for (int k = 0; k < b; k++) {
                int[] win = windows.get(from + k);
                for (int r = 0; r < tile; r++) {
                    System.arraycopy(canvas, (win[1] + r) * w + win[0], input, k * area + r * tile, tile);
                }
            }
            INDArray out = predictor.apply(Nd4j.create(input, new long[] {b, 1, tile, tile}, 'c'));
            if (out.length() != (long) b * area) {
                throw new IllegalArgumentException("predictFull: predictor returned " + out.length()
                        + " values for " + b + " tiles of " + tile + "x" + tile + "; expected " + (long) b * area);
            }
            float[] p = out.dup('c').data().asFloat();
            for (int k = 0; k < b; k++) {
                int[] win = windows.get(from + k);
                for (int r = 0; r < tile; r++) {
                    for (int c = 0; c < tile; c++) {
                        int i = (win[1] + r) * w + win[0] + c;
                        double v = blend[r] * blend[c];
                        sum[i] += v * p[k * area + r * tile + c];
                        weight[i] += v;
                    }
                }
            }
        }
        float[] result = new float[width * height];
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                result[r * width + c] = (float) (sum[r * w + c] / weight[r * w + c]);
            }
        }
        return result;
    }

    /**
     * The 1-D blending weight of each position in a tile, {@code sin²(π (i + ½) / tile)} (a Hann window sampled at
     * pixel centres): never zero, so every covered pixel has weight, and two windows half a tile apart add up to
     * exactly one ({@code sin² + cos²}).
     */
    static double[] blendWeights(int tile) {
        double[] h = new double[tile];
        for (int i = 0; i < tile; i++) {
            double s = Math.sin(Math.PI * (i + 0.5) / tile);
            h[i] = s * s;
        }
        return h;
    }

    /** Window starts 0, stride, 2 stride, ... and a last one flush with the far edge. */
    static int[] starts(int length, int tile, int stride) {
        List<Integer> list = new ArrayList<>();
        for (int s = 0; s + tile <= length; s += stride) {
            list.add(s);
        }
        if (list.get(list.size() - 1) + tile < length) {
            list.add(length - tile);
        }
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
