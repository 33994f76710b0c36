package org.rramlab.data.retina;

/**
 * Contrast-limited adaptive histogram equalisation on 8-bit grey images, following OpenCV's {@code cv::CLAHE}
 * (what the paper's preprocessing calls) step for step, so results match it: the image is cut into a grid of tiles
 * (padded by reflection when it does not divide evenly), each tile's 256-bin histogram is clipped at
 * {@code max(1, floor(clipLimit × tilePixels / 256))} with the excess spread evenly and the remainder dealt out at a
 * regular stride, each tile gets the lookup table of its clipped cumulative histogram, and every pixel blends the
 * tables of the four nearest tile centres bilinearly.
 *
 * <p>Implemented here rather than taken from a library: no well-kept pure-Java image library on Maven Central offers
 * CLAHE (BoofCV has only unclipped local equalisation; ImageJ's CLAHE plugin is published only in the SciJava
 * repository, and OpenCV's Java bindings bring ~30 MB of natives per platform for this one function).
 */
public final class Clahe {

    private static final int BINS = 256;

    private Clahe() {
    }

    /**
     * Equalises {@code pixels} (values 0–255, row-major {@code width × height}) and returns the new values.
     *
     * @param clipLimit contrast limit relative to a flat histogram (the paper: 2.0); {@code <= 0} disables clipping
     * @param tilesX    tiles across (the paper: 8)
     * @param tilesY    tiles down (the paper: 8)
     */
    public static int[] apply(int[] pixels, int width, int height, double clipLimit, int tilesX, int tilesY) {
        if (width <= 0 || height <= 0 || pixels.length != width * height) {
            throw new IllegalArgumentException("Clahe: pixels has " + pixels.length + " values, expected width x height = "
                    + width + " x " + height);
        }
        if (tilesX < 1 || tilesY < 1) {
            throw new IllegalArgumentException("Clahe: tiles must be >= 1, got " + tilesX + " x " + tilesY);
        }
        for (int i = 0; i < pixels.length; i++) {
            if (pixels[i] < 0 || pixels[i] > 255) {
                throw new IllegalArgumentException("Clahe: pixel " + i + " is " + pixels[i] + ", expected 0..255");
            }
        }
        // Tiles of equal size; the image is extended by reflection (OpenCV's BORDER_REFLECT_101) to fit them.
        int tileW = (width + tilesX - 1) / tilesX, tileH = (height + tilesY - 1) / tilesY;
        int tilePixels = tileW * tileH;
        int clip = clipLimit > 0 ? Math.max(1, (int) (clipLimit * tilePixels / BINS)) : 0;
        float lutScale = (BINS - 1.0f) / tilePixels; // float, as OpenCV: 255/100 is not exact
        int[][][] luts = new int[tilesY][tilesX][];
        for (int ty = 0; ty < tilesY; ty++) {
            for (int tx = 0; tx < tilesX; tx++) {
                int[] hist = new int[BINS];
                for (int y = ty * tileH; y < (ty + 1) * tileH; y++) {
                    int sy = reflect(y, height);
                    for (int x = tx * tileW; x < (tx + 1) * tileW; x++) {
                        hist[pixels[sy * width + reflect(x, width)]]++;
                    }
                }
                if (clip > 0) {
                    clipHistogram(hist, clip);
                }
                int[] lut = new int[BINS];
                int sum = 0;
                for (int v = 0; v < BINS; v++) {
                    sum += hist[v];
                    lut[v] = Math.min(255, (int) Math.rint(sum * lutScale)); // float product, rounded half-even
                }
                luts[ty][tx] = lut;
            }
        }
        // Bilinear blend of the four nearest tiles' tables in 32-bit floats, rounded half-even, as OpenCV does: the
        // output then equals OpenCV 4.6's pixel for pixel (ClaheTest).
        int[] out = new int[pixels.length];
        float invTileW = 1.0f / tileW, invTileH = 1.0f / tileH;
        for (int y = 0; y < height; y++) {
            float tyf = y * invTileH - 0.5f;
            int ty1 = (int) Math.floor(tyf), ty2 = ty1 + 1;
            float ya = tyf - ty1, ya1 = 1.0f - ya;
            ty1 = Math.max(ty1, 0);
            ty2 = Math.min(ty2, tilesY - 1);
            for (int x = 0; x < width; x++) {
                float txf = x * invTileW - 0.5f;
                int tx1 = (int) Math.floor(txf), tx2 = tx1 + 1;
                float xa = txf - tx1, xa1 = 1.0f - xa;
                tx1 = Math.max(tx1, 0);
                tx2 = Math.min(tx2, tilesX - 1);
                int v = pixels[y * width + x];
                float res = (luts[ty1][tx1][v] * xa1 + luts[ty1][tx2][v] * xa) * ya1
                        + (luts[ty2][tx1][v] * xa1 + luts[ty2][tx2][v] * xa) * ya;
                out[y * width + x] = Math.max(0, Math.min(255, (int) Math.rint(res)));
            }
        }
        return out;
    }

    /** Clips every bin at {@code clip}; spreads the excess evenly, then one count each at a regular stride. */
    static void clipHistogram(int[] hist, int clip) {
        int clipped = 0;
        for (int v = 0; v < BINS; v++) {
            if (hist[v] > clip) {
                clipped += hist[v] - clip;
                hist[v] = clip;
            }
        }
        int batch = clipped / BINS, residual = clipped - batch * BINS;
        for (int v = 0; v < BINS; v++) {
            hist[v] += batch;
        }
        if (residual != 0) {
            int step = Math.max(BINS / residual, 1);
            for (int v = 0; v < BINS && residual > 0; v += step, residual--) {
                hist[v]++;
            }
        }
    }

    /** Index into [0, n) reflected without repeating the edge (OpenCV BORDER_REFLECT_101: ... 2 1 | 0 1 2 ... ). */
    private static int reflect(int i, int n) {
        if (n == 1) {
            return 0;
        }
        while (i < 0 || i >= n) {
            i = i < 0 ? -i : 2 * (n - 1) - i;
        }
        return i;
    }
}
