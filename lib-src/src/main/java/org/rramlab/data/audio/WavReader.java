package org.rramlab.data.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.rramlab.data.DataFileException;

/**
 * Reads RIFF/WAVE files holding uncompressed PCM: 8-bit (unsigned) or 16-bit (signed little-endian), mono or stereo
 * (or more channels, averaged), any sample rate.
 *
 * <p>Written here rather than using {@code javax.sound.sampled} because the reader must tell <em>why</em> a file is
 * bad (truncated, compressed, sizes that disagree with the file, no samples) and name the file: a wrong feature must
 * never come silently out of a broken recording. Chunks other than {@code fmt } and {@code data} are skipped.
 */
public final class WavReader {

    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;

    private WavReader() {
    }

    /** Reads a WAV file to mono samples in [-1, 1] at the file's own sample rate. */
    public static Audio read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DataFileException(file, "file not found");
        } catch (IOException e) {
            throw new DataFileException(file, "cannot be read: " + e.getMessage(), e);
        }
        return parse(file, bytes);
    }

    /** Reads a WAV file and resamples it to {@code rate} Hz. */
    public static Audio read(Path file, int rate) {
        return read(file).resampledTo(rate);
    }

    static Audio parse(Path file, byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12) {
            throw new DataFileException(file, "truncated: " + bytes.length + " bytes, a WAV header needs at least 44");
        }
        if (!tag(bytes, 0).equals("RIFF") || !tag(bytes, 8).equals("WAVE")) {
            throw new DataFileException(file, "not a RIFF/WAVE file (starts with '" + printable(bytes, 0) + "', '"
                    + printable(bytes, 8) + "', expected 'RIFF', 'WAVE')");
        }
        long riffSize = Integer.toUnsignedLong(b.getInt(4));
        if (riffSize + 8 != bytes.length) {
            throw new DataFileException(file, "RIFF header says " + (riffSize + 8) + " bytes but the file has "
                    + bytes.length + (riffSize + 8 > bytes.length ? " (truncated?)" : " (trailing data?)"));
        }
        int format = -1, channels = 0, rate = 0, blockAlign = 0, bits = 0;
        int dataOffset = -1;
        long dataSize = -1;
        int pos = 12;
        while (pos + 8 <= bytes.length) {
            String id = tag(bytes, pos);
            long size = Integer.toUnsignedLong(b.getInt(pos + 4));
            int body = pos + 8;
            if (body + size > bytes.length) {
                throw new DataFileException(file, "chunk '" + id + "' at byte " + pos + " declares " + size
                        + " bytes but only " + (bytes.length - body) + " remain (truncated)");
            }
            if (id.equals("fmt ")) {
                if (size < 16) {
                    throw new DataFileException(file, "'fmt ' chunk has " + size + " bytes, expected at least 16");
                }
                format = b.getShort(body) & 0xffff;
                channels = b.getShort(body + 2) & 0xffff;
                rate = b.getInt(body + 4);
                blockAlign = b.getShort(body + 12) & 0xffff;
                bits = b.getShort(body + 14) & 0xffff;
                if (format == FORMAT_EXTENSIBLE && size >= 40) {
                    format = b.getShort(body + 24) & 0xffff; // first two bytes of the sub-format GUID
                }
            } else if (id.equals("data")) {
                dataOffset = body;
                dataSize = size;
            }
            pos = (int) (body + size + (size & 1)); // chunks are padded to an even length
        }
        if (format < 0) {
            throw new DataFileException(file, "no 'fmt ' chunk");
        }
        if (format != FORMAT_PCM) {
            throw new DataFileException(file, "encoding " + formatName(format)
                    + " is not supported; expected uncompressed PCM (format 1)");
        }
        if (bits != 8 && bits != 16) {
            throw new DataFileException(file, bits + "-bit samples are not supported; expected 8 or 16");
        }
        if (channels < 1) {
            throw new DataFileException(file, "header declares " + channels + " channels, expected at least 1");
        }
        if (rate <= 0) {
            throw new DataFileException(file, "header declares sample rate " + rate + ", expected > 0");
        }
        int frameBytes = channels * bits / 8;
        if (blockAlign != frameBytes) {
            throw new DataFileException(file, "block align " + blockAlign + " disagrees with " + channels
                    + " channels x " + bits + " bits (expected " + frameBytes + ")");
        }
        if (dataOffset < 0) {
            throw new DataFileException(file, "no 'data' chunk");
        }
        if (dataSize == 0) {
            throw new DataFileException(file, "empty recording: the 'data' chunk holds no samples");
        }
        if (dataSize % frameBytes != 0) {
            throw new DataFileException(file, "'data' chunk has " + dataSize + " bytes, not a multiple of the "
                    + frameBytes + "-byte sample frame");
        }
        int frames = (int) (dataSize / frameBytes);
        float[] mono = new float[frames];
        for (int i = 0; i < frames; i++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                int at = dataOffset + i * frameBytes + c * bits / 8;
                sum += bits == 16 ? b.getShort(at) / 32768.0 : ((bytes[at] & 0xff) - 128) / 128.0;
            }
            mono[i] = (float) (sum / channels);
        }
        return new Audio(mono, rate, channels, bits);
    }

    private static String formatName(int format) {
        return switch (format) {
            case 2 -> "ADPCM (format 2)";
            case 3 -> "IEEE float (format 3)";
            case 6 -> "A-law (format 6)";
            case 7 -> "mu-law (format 7)";
            case 0x55 -> "MP3 (format 0x55)";
            default -> "format " + format;
        };
    }

    private static String tag(byte[] bytes, int at) {
        return new String(bytes, at, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static String printable(byte[] bytes, int at) {
        StringBuilder s = new StringBuilder();
        for (int i = at; i < at + 4 && i < bytes.length; i++) {
            char c = (char) (bytes[i] & 0xff);
            s.append(c >= 32 && c < 127 ? c : '?');
        }
        return s.toString();
    }
}
