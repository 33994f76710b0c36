package org.rramlab.data.audio;

/**
 * A mono recording: samples in [-1, 1] at {@code sampleRate} Hz.
 *
 * @param samples         the signal (multi-channel files are averaged to mono)
 * @param sampleRate      samples per second
 * @param sourceChannels  channels in the file it came from (1 mono, 2 stereo)
 * @param sourceBits      bits per sample in that file (8 or 16)
 */
public record Audio(float[] samples, int sampleRate, int sourceChannels, int sourceBits) {

    public Audio {
        if (samples == null || samples.length == 0) {
            throw new IllegalArgumentException("samples: expected at least one sample, got "
                    + (samples == null ? "null" : "an empty array"));
        }
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sampleRate must be > 0, got " + sampleRate);
        }
    }

    /** Duration in seconds. */
    public double seconds() {
        return samples.length / (double) sampleRate;
    }

    /** This recording at {@code rate} Hz (band-limited resampling; itself when the rate already matches). */
    public Audio resampledTo(int rate) {
        if (rate == sampleRate) {
            return this;
        }
        return new Audio(Resampler.resample(samples, sampleRate, rate), rate, sourceChannels, sourceBits);
    }
}
