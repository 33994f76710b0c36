package org.rramlab.data.retina;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Seeded synthetic fundus photographs with exact vessel ground truth, so the retina pipeline, its tests, CI and the
 * notebook run without DRIVE (whose terms forbid redistribution).
 *
 * <p>Each image: a circular field of view (radius {@value #FOV_RADIUS} of the side) on black, an orange-red background
 * with multi-scale value-noise texture and a vignette that darkens towards the rim, a bright optic disc to one side,
 * and vessel trees growing from the disc: four trunks that wander, taper and branch (each child thinner than its
 * parent) until they leave the field of view or fall below one pixel. Vessels darken the green channel most (as in
 * real fundus images); contrast varies per vessel and fades with width. The ground truth is exactly the pixels whose
 * centre lies within half a width of a vessel's centre line; the rendering is blurred slightly beyond it, so the edge
 * is not trivially a threshold of the image. Typical vessel fraction inside the FOV: 8–14 % (DRIVE: about 12 %).
 *
 * <p>Not a model of real pathology or imaging; numbers measured on it only show that the pipeline works.
 */
public final class SyntheticFundus {

    static final double FOV_RADIUS = 0.46;

    private SyntheticFundus() {
    }

    /** {@code count} images of {@code size × size} pixels named {@code synthetic_00..}; the same seed, the same images. */
    public static List<FundusImage> generate(int count, int size, long seed) {
        return generate(count, size, size, seed, "synthetic_");
    }

    /** {@code count} images of {@code width × height} pixels (DRIVE: 565 × 584). */
    public static List<FundusImage> generate(int count, int width, int height, long seed) {
        return generate(count, width, height, seed, "synthetic_");
    }

    private static List<FundusImage> generate(int count, int width, int height, long seed, String prefix) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        if (width < 32 || height < 32) {
            throw new IllegalArgumentException("size must be >= 32 pixels each way, got " + width + "x" + height);
        }
        SplittableRandom seeds = new SplittableRandom(seed);
        List<FundusImage> images = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            images.add(one(String.format("%s%02d", prefix, i), width, height, new Random(seeds.nextLong())));
        }
        return images;
    }

    /** A training and a test set from independent draws of the same seed. */
    public static RetinaSet set(int trainCount, int testCount, int size, long seed) {
        return set(trainCount, testCount, size, size, seed);
    }

    /** A training and a test set of {@code width × height} images. */
    public static RetinaSet set(int trainCount, int testCount, int width, int height, long seed) {
        SplittableRandom seeds = new SplittableRandom(seed);
        long trainSeed = seeds.nextLong(), testSeed = seeds.nextLong();
        return new RetinaSet("synthetic fundus (seed " + seed + ", " + trainCount + " training + " + testCount
                + " test images, " + width + "x" + height + ")", true,
                generate(trainCount, width, height, trainSeed, "synthetic_train_"),
                generate(testCount, width, height, testSeed, "synthetic_test_"), Map.of());
    }

    private static FundusImage one(String name, int width, int height, Random random) {
        int n = width * height, size = Math.min(width, height);
        double cx = width / 2.0 + random.nextGaussian() * size * 0.01;
        double cy = height / 2.0 + random.nextGaussian() * size * 0.01;
        double radius = FOV_RADIUS * size;
        boolean[] fov = new boolean[n];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                fov[y * width + x] = Math.hypot(x + 0.5 - cx, y + 0.5 - cy) < radius;
            }
        }
        int side = random.nextBoolean() ? 1 : -1;
        double odX = cx + side * radius * (0.5 + 0.1 * random.nextDouble());
        double odY = cy + radius * 0.1 * random.nextGaussian();
        double odRadius = radius * (0.08 + 0.02 * random.nextDouble());

        float[] darkness = new float[n];
        boolean[] vessel = new boolean[n];
        growTrees(width, height, size, random, odX, odY, odRadius, -side, cx, cy, radius, darkness, vessel);

        float[] texture = valueNoise(width, height, random);
        double vignette = 0.45 + 0.25 * random.nextDouble();
        double baseR = 0.72 + 0.08 * random.nextGaussian(), baseG = 0.33 + 0.04 * random.nextGaussian();
        double baseB = 0.12 + 0.03 * random.nextGaussian();
        float[][] rgb = new float[3][n];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                if (!fov[i]) {
                    for (int c = 0; c < 3; c++) {
                        rgb[c][i] = clamp(0.02 + 0.005 * random.nextGaussian());
                    }
                    continue;
                }
                double r = Math.hypot(x + 0.5 - cx, y + 0.5 - cy) / radius;
                double light = (1 - vignette * r * r) * (1 + 0.1 * texture[i]);
                double disc = Math.exp(-Math.pow(Math.hypot(x + 0.5 - odX, y + 0.5 - odY) / odRadius, 2));
                double d = darkness[i];
                double red = baseR * light * (1 - 0.35 * d) + 0.25 * disc;
                double green = baseG * light * (1 - d) + 0.45 * disc;
                double blue = baseB * light * (1 - 0.7 * d) + 0.3 * disc;
                rgb[0][i] = clamp(red + 0.01 * random.nextGaussian());
                rgb[1][i] = clamp(green + 0.01 * random.nextGaussian());
                rgb[2][i] = clamp(blue + 0.01 * random.nextGaussian());
            }
        }
        for (int i = 0; i < n; i++) {
            vessel[i] &= fov[i];
        }
        return new FundusImage(name, width, height, rgb, vessel, fov);
    }

    /** A vessel still to grow: position, heading (radians), width (pixels), contrast, curvature per step. */
    private record Sprout(double x, double y, double heading, double width, double contrast, double bend) {
    }

    private static void growTrees(int imageWidth, int imageHeight, int size, Random random, double odX, double odY,
            double odRadius, int towardMacula, double cx, double cy, double radius, float[] darkness, boolean[] vessel) {
        double rootWidth = Math.max(2.0, 0.014 * size);
        double step = Math.max(1.0, 0.008 * size);
        double toMacula = towardMacula > 0 ? 0 : Math.PI;
        Deque<Sprout> sprouts = new ArrayDeque<>();
        // Four arcades: upper and lower towards the macula (wide arcs), upper and lower away from it (nasal).
        double[] angles = {toMacula - 0.75, toMacula + 0.75, toMacula + Math.PI - 0.9, toMacula + Math.PI + 0.9};
        double[] bends = {0.012, -0.012, -0.008, 0.008};
        for (int t = 0; t < 4; t++) {
            double a = angles[t] + 0.15 * random.nextGaussian();
            double w = rootWidth * (t < 2 ? 1.0 : 0.8) * (0.9 + 0.2 * random.nextDouble());
            sprouts.push(new Sprout(odX + Math.cos(a) * odRadius * 0.3, odY + Math.sin(a) * odRadius * 0.3, a, w,
                    0.35 + 0.15 * random.nextDouble(), bends[t] * towardMacula * (0.6 + 0.8 * random.nextDouble())));
        }
        int segments = 0;
        while (!sprouts.isEmpty() && segments < 20_000) {
            Sprout s = sprouts.pop();
            double x = s.x(), y = s.y(), heading = s.heading(), width = s.width();
            int maxSteps = (int) (2.2 * radius / step);
            for (int k = 0; k < maxSteps && width >= 0.9; k++) {
                heading += s.bend() + 0.07 * random.nextGaussian();
                double nx = x + Math.cos(heading) * step, ny = y + Math.sin(heading) * step;
                if (Math.hypot(nx - cx, ny - cy) > radius * 1.02) {
                    break;
                }
                double contrast = s.contrast() * (0.55 + 0.45 * Math.min(1, width / rootWidth));
                paint(imageWidth, imageHeight, x, y, nx, ny, width, contrast, darkness, vessel);
                segments++;
                x = nx;
                y = ny;
                width *= 0.994;
                if (width > 1.3 && random.nextDouble() < 0.07) {
                    double sideSign = random.nextBoolean() ? 1 : -1;
                    double childWidth = width * (0.5 + 0.3 * random.nextDouble());
                    sprouts.push(new Sprout(x, y, heading + sideSign * (0.5 + 0.6 * random.nextDouble()), childWidth,
                            s.contrast() * (0.8 + 0.3 * random.nextDouble()), -sideSign * 0.004 * random.nextDouble()));
                    width *= 0.92;
                }
            }
        }
    }

    /** Marks pixels within half a width of the segment as vessel and darkens a slightly wider, smooth band. */
    private static void paint(int imageWidth, int imageHeight, double x0, double y0, double x1, double y1,
            double width, double contrast, float[] darkness, boolean[] vessel) {
        double half = Math.max(0.5, width / 2);
        double reach = half + 1.5;
        int minX = Math.max(0, (int) Math.floor(Math.min(x0, x1) - reach));
        int maxX = Math.min(imageWidth - 1, (int) Math.ceil(Math.max(x0, x1) + reach));
        int minY = Math.max(0, (int) Math.floor(Math.min(y0, y1) - reach));
        int maxY = Math.min(imageHeight - 1, (int) Math.ceil(Math.max(y0, y1) + reach));
        double dx = x1 - x0, dy = y1 - y0, length2 = dx * dx + dy * dy;
        for (int py = minY; py <= maxY; py++) {
            for (int px = minX; px <= maxX; px++) {
                double qx = px + 0.5 - x0, qy = py + 0.5 - y0;
                double t = length2 == 0 ? 0 : Math.max(0, Math.min(1, (qx * dx + qy * dy) / length2));
                double d = Math.hypot(qx - t * dx, qy - t * dy);
                if (d > reach) {
                    continue;
                }
                int i = py * imageWidth + px;
                if (d <= half) {
                    vessel[i] = true;
                }
                double profile = Math.exp(-0.5 * Math.pow(d / (half * 0.85 + 0.35), 2));
                darkness[i] = (float) Math.max(darkness[i], contrast * profile);
            }
        }
    }

    /** Sum of four octaves of smoothly interpolated random grids, roughly in [-1, 1]. */
    private static float[] valueNoise(int width, int height, Random random) {
        float[] out = new float[width * height];
        double amplitude = 0.5;
        for (int cells = 4; cells <= 32; cells *= 2) {
            double[][] grid = new double[cells + 1][cells + 1];
            for (double[] row : grid) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = 2 * random.nextDouble() - 1;
                }
            }
            for (int y = 0; y < height; y++) {
                double gy = y * (double) cells / height;
                int iy = (int) gy;
                double fy = smooth(gy - iy);
                for (int x = 0; x < width; x++) {
                    double gx = x * (double) cells / width;
                    int ix = (int) gx;
                    double fx = smooth(gx - ix);
                    double top = grid[iy][ix] * (1 - fx) + grid[iy][ix + 1] * fx;
                    double bottom = grid[iy + 1][ix] * (1 - fx) + grid[iy + 1][ix + 1] * fx;
                    out[y * width + x] += (float) (amplitude * (top * (1 - fy) + bottom * fy));
                }
            }
            amplitude /= 2;
        }
        return out;
    }

    private static double smooth(double t) {
        return t * t * (3 - 2 * t);
    }

    private static float clamp(double v) {
        return (float) Math.max(0, Math.min(1, v));
    }
}
