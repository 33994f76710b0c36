package org.rramlab.data.audio;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Spoken-digit features: log-mel (or MFCC) maps of {@code coefficients × frames}, min–max normalised to [0, 1] and
 * zero-padded in time (see {@link FeatureConfig} for the choices and why). The FFT is JTransforms'.
 *
 * <p>A {@code Features} object holds the window, filterbank and FFT plan for one configuration; it is not
 * thread-safe (one per thread).
 */
public final class Features {

    private final FeatureConfig config;
    private final double[] window;
    private final double[][] filters; // [melBins][fftSize/2 + 1]
    private final DoubleFFT_1D fft;
    private final double[] buffer;

    public Features(FeatureConfig config) {
        this.config = config;
        this.window = hann(config.windowLength());
        this.filters = melFilterbank(config);
        this.fft = new DoubleFFT_1D(config.fftSize());
        this.buffer = new double[config.fftSize()];
    }

    /** The {@link FeatureConfig#PAPER} feature map of a recording: {@code float[23][20]} in [0, 1]. */
    public static float[][] compute(float[] samples) {
        return new Features(FeatureConfig.PAPER).map(samples);
    }

    /** The feature map under {@code config}. */
    public static float[][] compute(float[] samples, FeatureConfig config) {
        return new Features(config).map(samples);
    }

    public FeatureConfig config() {
        return config;
    }

    /**
     * Feature map {@code [coefficients][frames]}: the first {@code frames} frames, min–max normalised to [0, 1]
     * over those frames, then zero-padded up to {@code frames}.
     *
     * @throws IllegalArgumentException for an empty or all-zero (silent) recording, which has no meaningful map
     */
    public float[][] map(float[] samples) {
        double[][] full = config.kind() == FeatureConfig.Kind.MFCC ? dct(logMel(samples)) : logMel(samples);
        int used = Math.min(full[0].length, config.frames());
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < config.coefficients(); c++) {
            for (int t = 0; t < used; t++) {
                min = Math.min(min, full[c][t]);
                max = Math.max(max, full[c][t]);
            }
        }
        double range = max - min;
        float[][] out = new float[config.coefficients()][config.frames()];
        for (int c = 0; c < config.coefficients(); c++) {
            for (int t = 0; t < used; t++) {
                out[c][t] = range > 0 ? (float) ((full[c][t] - min) / range) : 0f;
            }
        }
        return out;
    }

    /** Log-mel spectrogram in dB, {@code [melBins][allFrames]} (not normalised, not cut): for pictures. */
    public double[][] logMel(float[] samples) {
        if (samples == null || samples.length == 0) {
            throw new IllegalArgumentException("samples: empty recording, expected at least one sample");
        }
        boolean silent = true;
        for (float s : samples) {
            if (s != 0f) {
                silent = false;
                break;
            }
        }
        if (silent) {
            throw new IllegalArgumentException("samples: recording of " + samples.length
                    + " samples is all zeros (silent); it has no features");
        }
        double[][] power = powerSpectrogram(samples);
        int frames = power.length;
        double[][] mel = new double[config.melBins()][frames];
        double max = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < frames; t++) {
            for (int m = 0; m < config.melBins(); m++) {
                double e = 0;
                double[] f = filters[m];
                for (int k = 0; k < f.length; k++) {
                    e += f[k] * power[t][k];
                }
                mel[m][t] = 10 * Math.log10(Math.max(e, 1e-20));
                max = Math.max(max, mel[m][t]);
            }
        }
        double floor = max - config.floorDb();
        for (double[] row : mel) {
            for (int t = 0; t < frames; t++) {
                row[t] = Math.max(row[t], floor);
            }
        }
        return mel;
    }

    /** Power spectra {@code [frames][fftSize/2 + 1]} of the pre-emphasised, centred, Hann-windowed frames. */
    public double[][] powerSpectrogram(float[] samples) {
        int n = samples.length, hop = config.hopLength(), win = config.windowLength();
        double[] x = new double[n];
        double a = config.preEmphasis();
        for (int i = 0; i < n; i++) {
            x[i] = samples[i] - (i > 0 ? a * samples[i - 1] : 0);
        }
        int frames = 1 + n / hop;
        int bins = config.fftSize() / 2 + 1;
        double[][] power = new double[frames][bins];
        for (int t = 0; t < frames; t++) {
            java.util.Arrays.fill(buffer, 0);
            int start = t * hop - win / 2; // centred frames: the signal is zero-padded by half a window
            for (int i = 0; i < win; i++) {
                int s = start + i;
                if (s >= 0 && s < n) {
                    buffer[i] = x[s] * window[i];
                }
            }
            fft.realForward(buffer);
            // JTransforms packing: [Re0, Re(N/2), Re1, Im1, Re2, Im2, ...]
            int size = config.fftSize();
            power[t][0] = buffer[0] * buffer[0];
            power[t][bins - 1] = buffer[1] * buffer[1];
            for (int k = 1; k < size / 2; k++) {
                power[t][k] = buffer[2 * k] * buffer[2 * k] + buffer[2 * k + 1] * buffer[2 * k + 1];
            }
        }
        return power;
    }

    /** Orthonormal DCT-II along the mel axis, keeping the first {@code coefficients} cepstra. */
    private double[][] dct(double[][] logMel) {
        int m = logMel.length, frames = logMel[0].length;
        double[][] out = new double[config.coefficients()][frames];
        for (int c = 0; c < config.coefficients(); c++) {
            double scale = Math.sqrt((c == 0 ? 1.0 : 2.0) / m);
            for (int t = 0; t < frames; t++) {
                double s = 0;
                for (int j = 0; j < m; j++) {
                    s += logMel[j][t] * Math.cos(Math.PI * c * (j + 0.5) / m);
                }
                out[c][t] = scale * s;
            }
        }
        return out;
    }

    /** Periodic Hann window. */
    static double[] hann(int length) {
        double[] w = new double[length];
        for (int i = 0; i < length; i++) {
            w[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / length);
        }
        return w;
    }

    /** The centre frequency (Hz) of each mel band, low to high: the frequency axis of {@link #logMel} and log-mel maps. */
    public double[] bandCentresHz() {
        double[] edges = melEdgesHz(config);
        double[] centres = new double[config.melBins()];
        System.arraycopy(edges, 1, centres, 0, centres.length);
        return centres;
    }

    /** The time (s) of frame {@code t}'s centre: frames are centred, so frame 0 is at 0 s. */
    public double frameSeconds(int t) {
        return t * (double) config.hopLength() / config.sampleRate();
    }

    static double hzToMel(double hz) {
        return 2595 * Math.log10(1 + hz / 700);
    }

    static double melToHz(double mel) {
        return 700 * (Math.pow(10, mel / 2595) - 1);
    }

    /** The {@code melBins + 2} filter edges (Hz), equally spaced on the HTK mel scale: band m spans edges m to m + 2. */
    static double[] melEdgesHz(FeatureConfig c) {
        double lo = hzToMel(c.minHz()), hi = hzToMel(c.maxHz());
        double[] edges = new double[c.melBins() + 2];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = melToHz(lo + (hi - lo) * i / (c.melBins() + 1));
        }
        return edges;
    }

    /** Triangular filters equally spaced on the HTK mel scale, peak 1, evaluated at the FFT bin frequencies. */
    static double[][] melFilterbank(FeatureConfig c) {
        int bins = c.fftSize() / 2 + 1;
        double[] edges = melEdgesHz(c);
        double[][] f = new double[c.melBins()][bins];
        for (int m = 0; m < c.melBins(); m++) {
            double left = edges[m], centre = edges[m + 1], right = edges[m + 2];
            for (int k = 0; k < bins; k++) {
                double hz = k * (double) c.sampleRate() / c.fftSize();
                if (hz > left && hz < right) {
                    f[m][k] = hz <= centre ? (hz - left) / (centre - left) : (right - hz) / (right - centre);
                }
            }
        }
        return f;
    }
}
