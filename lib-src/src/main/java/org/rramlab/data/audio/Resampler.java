package org.rramlab.data.audio;

/**
 * Band-limited resampling by windowed-sinc interpolation (Kaiser window), any rate ratio.
 *
 * <p>The low-pass cut-off sits at {@value #ROLLOFF} of the lower of the two Nyquist frequencies, so downsampling
 * (e.g. 44.1 kHz to 8 kHz) removes what would alias instead of folding it into the speech band. The kernel spans
 * {@value #ZERO_CROSSINGS} zero crossings each side; with a Kaiser beta of {@value #BETA} the stop band is about
 * 80 dB down. Written here because no well-kept Java resampler is on Maven Central (TarsosDSP is not published
 * there); it is ~40 lines and tested on tones.
 */
public final class Resampler {

    static final double ROLLOFF = 0.92;
    static final int ZERO_CROSSINGS = 16;
    static final double BETA = 8.0;

    private Resampler() {
    }

    /** {@code x} sampled at {@code fromRate} Hz, returned at {@code toRate} Hz; length {@code round(n * to / from)}. */
    public static float[] resample(float[] x, int fromRate, int toRate) {
        if (fromRate <= 0 || toRate <= 0) {
            throw new IllegalArgumentException("resample: rates must be > 0, got fromRate=" + fromRate
                    + " toRate=" + toRate);
        }
        if (x.length == 0) {
            throw new IllegalArgumentException("resample: x is empty, expected at least one sample");
        }
        if (fromRate == toRate) {
            return x.clone();
        }
        double step = fromRate / (double) toRate;                   // input samples per output sample
        double cutoff = 0.5 * Math.min(1.0, toRate / (double) fromRate) * ROLLOFF; // cycles per input sample
        double halfWidth = ZERO_CROSSINGS / (2 * cutoff);          // kernel half-length in input samples
        double i0Beta = besselI0(BETA);
        int n = Math.max(1, (int) Math.round(x.length / step));
        float[] y = new float[n];
        for (int j = 0; j < n; j++) {
            double t = j * step;
            int lo = Math.max(0, (int) Math.ceil(t - halfWidth));
            int hi = Math.min(x.length - 1, (int) Math.floor(t + halfWidth));
            double sum = 0;
            for (int k = lo; k <= hi; k++) {
                double d = t - k;
                double r = d / halfWidth;
                double window = besselI0(BETA * Math.sqrt(Math.max(0, 1 - r * r))) / i0Beta;
                sum += x[k] * 2 * cutoff * sinc(2 * cutoff * d) * window;
            }
            y[j] = (float) sum;
        }
        return y;
    }

    private static double sinc(double v) {
        if (Math.abs(v) < 1e-12) {
            return 1;
        }
        double p = Math.PI * v;
        return Math.sin(p) / p;
    }

    /** Modified Bessel function of the first kind, order 0, by its power series (converges fast for x <= 20). */
    static double besselI0(double x) {
        double sum = 1, term = 1, q = x * x / 4;
        for (int k = 1; k < 50; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < 1e-12 * sum) {
                break;
            }
        }
        return sum;
    }
}
