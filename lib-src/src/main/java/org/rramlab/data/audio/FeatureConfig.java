package org.rramlab.data.audio;

/**
 * How a recording becomes a fixed-size feature map of {@code coefficients × frames} values in [0, 1].
 *
 * <p>Default ({@link #PAPER}): 23 log-mel filterbank energies × 20 frames at 8 kHz. Why log-mel rather than MFCC:
 * 23 is the default number of mel bins of Kaldi's filterbank front end, which is the likely origin of the authors'
 * 23-coefficient features; log-mel keeps the spectral layout (low to high frequency), so the feature map is itself a
 * readable spectrogram for the notebook, and the convolutional front end of the network sees local time-frequency
 * patterns, which the DCT of MFCC scrambles. {@link #MFCC} is offered for comparison; a 1-nearest-neighbour
 * classifier on the raw maps (printed by {@code org.rramlab.bench.DataBenchmark}) does clearly better on log-mel.
 *
 * <p>Frames are centred (the signal is zero-padded by half a window on both sides), so a recording of n samples
 * gives {@code 1 + n / hopLength} frames. With a 400-sample (50 ms) hop, 20 frames cover 0.95 s + half a window:
 * 99 % of FSDD recordings; longer ones are cut at 20 frames, shorter ones are zero-padded in time (after the min–max
 * normalisation, so padding reads as the quietest value). Min–max is per recording, over its real frames.
 *
 * @param sampleRate    Hz the samples are at (FSDD: 8000)
 * @param windowLength  Hann window, samples
 * @param hopLength     frame step, samples
 * @param fftSize       FFT length, a power of two {@code >= windowLength}
 * @param melBins       triangular mel filters (HTK mel scale) between {@code minHz} and {@code maxHz}
 * @param coefficients  rows of the feature map: {@code melBins} for log-mel, the first cepstra for MFCC
 * @param frames        columns of the feature map
 * @param minHz         lowest filter edge
 * @param maxHz         highest filter edge, at most the Nyquist frequency
 * @param preEmphasis   first-order high-pass {@code y[n] = x[n] - a x[n-1]} (0 = off)
 * @param floorDb       log energies below (max − floorDb) dB are raised to it, so near-silence does not dominate
 * @param kind          {@link Kind#LOG_MEL} or {@link Kind#MFCC}
 */
public record FeatureConfig(int sampleRate, int windowLength, int hopLength, int fftSize, int melBins,
        int coefficients, int frames, double minHz, double maxHz, double preEmphasis, double floorDb, Kind kind) {

    /** Log mel energies, or their DCT-II (mel-frequency cepstral coefficients). */
    public enum Kind { LOG_MEL, MFCC }

    /** 23 log-mel × 20 frames at 8 kHz, 100 ms Hann windows every 50 ms: the project's spoken-digit features. */
    public static final FeatureConfig PAPER =
            new FeatureConfig(8000, 800, 400, 1024, 23, 23, 20, 20, 4000, 0.97, 80, Kind.LOG_MEL);

    /** Same framing, 23 MFCC from 40 mel filters. */
    public static final FeatureConfig MFCC =
            new FeatureConfig(8000, 800, 400, 1024, 40, 23, 20, 20, 4000, 0.97, 80, Kind.MFCC);

    public FeatureConfig {
        require(sampleRate > 0, "sampleRate", sampleRate, "> 0");
        require(windowLength > 0, "windowLength", windowLength, "> 0");
        require(hopLength > 0, "hopLength", hopLength, "> 0");
        require(fftSize >= windowLength && Integer.bitCount(fftSize) == 1, "fftSize", fftSize,
                "a power of two >= windowLength (" + windowLength + ")");
        require(melBins > 0, "melBins", melBins, "> 0");
        require(coefficients > 0 && coefficients <= melBins, "coefficients", coefficients,
                "in 1.." + melBins + " (melBins)");
        require(kind != Kind.LOG_MEL || coefficients == melBins, "coefficients", coefficients,
                "== melBins (" + melBins + ") for LOG_MEL");
        require(frames > 0, "frames", frames, "> 0");
        require(minHz >= 0 && minHz < maxHz, "minHz", minHz, ">= 0 and < maxHz (" + maxHz + ")");
        require(maxHz <= sampleRate / 2.0, "maxHz", maxHz, "<= Nyquist (" + sampleRate / 2.0 + ")");
        require(preEmphasis >= 0 && preEmphasis < 1, "preEmphasis", preEmphasis, "in [0, 1)");
        require(floorDb > 0, "floorDb", floorDb, "> 0");
        require(kind != null, "kind", null, "LOG_MEL or MFCC");
    }

    private static void require(boolean ok, String name, Object value, String expected) {
        if (!ok) {
            throw new IllegalArgumentException("FeatureConfig." + name + " = " + value + ", expected " + expected);
        }
    }
}
