package org.rramlab.data.audio;

import java.nio.file.Path;

/**
 * One spoken digit: {@code {digit}_{speaker}_{index}.wav} in FSDD, as mono samples at 8 kHz.
 *
 * @param digit    the spoken digit, the class label 0–9
 * @param speaker  speaker name, e.g. {@code jackson}
 * @param index    take number 0–49; FSDD's official split puts 0–4 in the test set
 * @param samples  mono samples in [-1, 1] at {@link SpokenDigits#SAMPLE_RATE}
 * @param file     where it was read from
 * @param sha256   SHA-256 of the file's bytes
 */
public record Recording(int digit, String speaker, int index, float[] samples, Path file, String sha256) {

    public Recording {
        if (digit < 0 || digit > 9) {
            throw new IllegalArgumentException("digit must be 0..9, got " + digit + " (" + file + ")");
        }
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, got " + index + " (" + file + ")");
        }
    }

    /** Index 0–4: the FSDD authors' test set. */
    public boolean isOfficialTest() {
        return index < 5;
    }

    public double seconds() {
        return samples.length / (double) SpokenDigits.SAMPLE_RATE;
    }
}
