package org.rramlab.data.retina;

import java.util.ArrayList;
import java.util.List;

/**
 * The paper's fundus preprocessing (the common retina-U-Net chain): grey (0.299 R + 0.587 G + 0.114 B), z-score over
 * the whole image set, min–max of each image to 0–255, 8-bit CLAHE (clip 2.0, 8 × 8 tiles), gamma lookup
 * {@code 255 (v / 255)^(1 / 1.2)}, and division by 255: one grey image in [0, 1] per input.
 *
 * <p>Note for readers: because each image is min–max normalised right after, the set-wide z-score cancels out
 * exactly (an affine map followed by min–max is the min–max). It is kept because the paper's chain has it, and a
 * test shows it changes nothing. As in the scripts, values become 8-bit (truncated) before CLAHE and after gamma.
 */
public final class Preprocess {

    private final PreprocessConfig config;
    private final double mean, std;
    private final int[] gammaTable = new int[256];

    private Preprocess(PreprocessConfig config, double mean, double std) {
        this.config = config;
        this.mean = mean;
        this.std = std;
        for (int v = 0; v < 256; v++) {
            gammaTable[v] = (int) (Math.pow(v / 255.0, 1 / config.gamma()) * 255); // uint8 cast truncates
        }
    }

    /** Fits the z-score statistics on {@code images} (grey, every pixel, as the scripts do). */
    public static Preprocess fit(List<FundusImage> images, PreprocessConfig config) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("Preprocess.fit: images is empty, expected at least one image");
        }
        double sum = 0, sumSq = 0;
        long n = 0;
        for (FundusImage f : images) {
            for (float g : grey(f)) {
                sum += g;
                sumSq += (double) g * g;
                n++;
            }
        }
        double mean = sum / n;
        double std = Math.sqrt(Math.max(sumSq / n - mean * mean, 0));
        return new Preprocess(config, mean, std > 0 ? std : 1);
    }

    /** Each set normalised with its own statistics, as the paper's scripts do: the preprocessed images, in order. */
    public static List<float[]> all(List<FundusImage> images) {
        Preprocess p = fit(images, PreprocessConfig.PAPER);
        List<float[]> out = new ArrayList<>(images.size());
        for (FundusImage f : images) {
            out.add(p.apply(f));
        }
        return out;
    }

    /** The preprocessed grey image, values in [0, 1], row-major. */
    public float[] apply(FundusImage image) {
        float[] g = grey(image);
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        double[] z = new double[g.length];
        for (int i = 0; i < g.length; i++) {
            z[i] = (g[i] - mean) / std;
            min = Math.min(min, z[i]);
            max = Math.max(max, z[i]);
        }
        double range = max - min;
        int[] bytes = new int[g.length];
        for (int i = 0; i < g.length; i++) {
            bytes[i] = range > 0 ? (int) ((z[i] - min) / range * 255) : 0; // uint8 cast truncates
        }
        int[] equalised = Clahe.apply(bytes, image.width(), image.height(), config.clipLimit(), config.tilesX(),
                config.tilesY());
        float[] out = new float[g.length];
        for (int i = 0; i < g.length; i++) {
            out[i] = gammaTable[equalised[i]] / 255f;
        }
        return out;
    }

    public double mean() {
        return mean;
    }

    public double std() {
        return std;
    }

    /** Luma grey 0.299 R + 0.587 G + 0.114 B, in [0, 1]. */
    public static float[] grey(FundusImage image) {
        float[][] rgb = image.rgb();
        float[] g = new float[rgb[0].length];
        for (int i = 0; i < g.length; i++) {
            g[i] = 0.299f * rgb[0][i] + 0.587f * rgb[1][i] + 0.114f * rgb[2][i];
        }
        return g;
    }
}
