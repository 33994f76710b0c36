package org.rramlab.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reader for IDX files (the MNIST / Fashion-MNIST container), raw or gzip-compressed.
 *
 * <p>Layout: two zero bytes, a type byte (only 0x08 = unsigned byte is used by these data sets), the number of
 * dimensions, one big-endian int per dimension, then exactly prod(dims) values. Compression is detected from the
 * gzip magic bytes, not the file name. The file is read whole and checked for exact length: a truncated file or one
 * with trailing bytes is an error, never a partially filled array.
 *
 * @param dims      the dimension sizes, e.g. {@code [60000, 28, 28]}
 * @param data      the unsigned byte values (use {@code data[i] & 0xff})
 * @param sha256    SHA-256 of the decompressed file content (comparable across differently compressed copies)
 */
public record Idx(int[] dims, byte[] data, String sha256) {

    /** Type byte for unsigned 8-bit values. */
    public static final int UNSIGNED_BYTE = 0x08;

    /** Reads an IDX file of unsigned bytes with the given number of dimensions. */
    public static Idx read(Path file, int expectedDimensions) {
        byte[] bytes = decompressedBytes(file);
        if (bytes.length < 4) {
            throw new DataFileException(file, "truncated: " + bytes.length + " bytes, expected at least a 4-byte IDX header");
        }
        int magic = ((bytes[0] & 0xff) << 24) | ((bytes[1] & 0xff) << 16) | ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff);
        int expectedMagic = (UNSIGNED_BYTE << 8) | expectedDimensions;
        if (magic != expectedMagic) {
            throw new DataFileException(file, String.format(
                    "wrong IDX magic number 0x%08x, expected 0x%08x (unsigned bytes, %d dimensions)",
                    magic, expectedMagic, expectedDimensions));
        }
        int headerLength = 4 + 4 * expectedDimensions;
        if (bytes.length < headerLength) {
            throw new DataFileException(file, "truncated header: " + bytes.length + " bytes, expected " + headerLength);
        }
        int[] dims = new int[expectedDimensions];
        long count = 1;
        for (int d = 0; d < expectedDimensions; d++) {
            int o = 4 + 4 * d;
            dims[d] = ((bytes[o] & 0xff) << 24) | ((bytes[o + 1] & 0xff) << 16) | ((bytes[o + 2] & 0xff) << 8) | (bytes[o + 3] & 0xff);
            if (dims[d] < 0) {
                throw new DataFileException(file, "dimension " + d + " is negative (" + dims[d] + ")");
            }
            count *= dims[d];
        }
        long expectedLength = headerLength + count;
        if (bytes.length != expectedLength) {
            throw new DataFileException(file, (bytes.length < expectedLength ? "truncated" : "has trailing bytes")
                    + ": " + bytes.length + " bytes after decompression, expected " + expectedLength
                    + " for dimensions " + Arrays.toString(dims));
        }
        byte[] data = Arrays.copyOfRange(bytes, headerLength, bytes.length);
        return new Idx(dims, data, Sha256.of(bytes));
    }

    /** The file's bytes, gunzipped when the file starts with the gzip magic bytes 1f 8b. */
    static byte[] decompressedBytes(Path file) {
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DataFileException(file, "file not found");
        } catch (IOException e) {
            throw new DataFileException(file, "cannot be read: " + e.getMessage(), e);
        }
        boolean gzip = raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b;
        if (!gzip) {
            return raw;
        }
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(new ByteArrayInputStream(raw)), 1 << 16)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new DataFileException(file, "corrupt or truncated gzip data (" + e.getMessage() + ")", e);
        }
    }
}
