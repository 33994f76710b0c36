package org.rramlab.data.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Builds WAV files byte by byte for the tests, including deliberately broken ones. */
final class Wavs {

    private Wavs() {
    }

    /** A PCM WAV; {@code samples[frame][channel]} in [-1, 1]. */
    static byte[] pcm(double[][] samples, int rate, int bits) {
        int channels = samples.length == 0 ? 1 : samples[0].length;
        int frameBytes = channels * bits / 8;
        int dataSize = samples.length * frameBytes;
        ByteBuffer b = ByteBuffer.allocate(44 + dataSize).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + dataSize).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) channels).putInt(rate)
                .putInt(rate * frameBytes).putShort((short) frameBytes).putShort((short) bits);
        b.put("data".getBytes()).putInt(dataSize);
        for (double[] frame : samples) {
            for (double v : frame) {
                if (bits == 16) {
                    b.putShort((short) Math.round(Math.max(-1, Math.min(32767 / 32768.0, v)) * 32768));
                } else {
                    b.put((byte) (Math.round(v * 127) + 128));
                }
            }
        }
        return b.array();
    }

    static double[][] tone(double hz, int rate, int n, double amplitude) {
        double[][] s = new double[n][1];
        for (int i = 0; i < n; i++) {
            s[i][0] = amplitude * Math.sin(2 * Math.PI * hz * i / rate);
        }
        return s;
    }
}
