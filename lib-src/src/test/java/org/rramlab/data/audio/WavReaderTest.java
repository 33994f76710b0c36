package org.rramlab.data.audio;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rramlab.data.DataFileException;

class WavReaderTest {

    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void reads16BitMonoExactly() throws Exception {
        double[][] s = {{0}, {0.5}, {-0.25}, {-1}};
        Audio a = WavReader.read(write("a.wav", Wavs.pcm(s, 8000, 16)));
        assertEquals(8000, a.sampleRate());
        assertArrayEquals(new float[] {0f, 0.5f, -0.25f, -1f}, a.samples());
        assertEquals(16, a.sourceBits());
    }

    @Test
    void reads8BitStereoAsMonoAverage() throws Exception {
        double[][] s = {{1, -1}, {0.5, 0.5}, {0, 1}};
        Audio a = WavReader.read(write("s.wav", Wavs.pcm(s, 11025, 8)));
        assertEquals(2, a.sourceChannels());
        assertEquals(11025, a.sampleRate());
        // 8-bit stores round(v * 127) + 128, read back as (b - 128) / 128
        assertEquals((127 - 127) / 2.0 / 128, a.samples()[0], 1e-6);
        assertEquals(64 / 128.0, a.samples()[1], 1e-6);
        assertEquals(127 / 2.0 / 128, a.samples()[2], 1e-6);
    }

    @Test
    void skipsUnknownChunks() throws Exception {
        byte[] plain = Wavs.pcm(new double[][] {{0.5}, {0.25}}, 8000, 16);
        // insert a 3-byte LIST chunk (padded to 4) between fmt and data
        ByteBuffer b = ByteBuffer.allocate(plain.length + 12).order(ByteOrder.LITTLE_ENDIAN);
        b.put(plain, 0, 36).put("LIST".getBytes()).putInt(3).put(new byte[] {1, 2, 3, 0}).put(plain, 36, plain.length - 36);
        b.putInt(4, b.capacity() - 8);
        assertArrayEquals(new float[] {0.5f, 0.25f}, WavReader.read(write("l.wav", b.array())).samples());
    }

    @Test
    void resamplesOnRequest() throws Exception {
        Audio a = WavReader.read(write("t.wav", Wavs.pcm(Wavs.tone(440, 16000, 16000, 0.5), 16000, 16)), 8000);
        assertEquals(8000, a.sampleRate());
        assertEquals(8000, a.samples().length);
    }

    @Test
    void truncatedFileIsNamed() throws Exception {
        byte[] good = Wavs.pcm(Wavs.tone(440, 8000, 100, 0.5), 8000, 16);
        Path p = write("cut.wav", Arrays.copyOf(good, good.length - 50));
        DataFileException e = assertThrows(DataFileException.class, () -> WavReader.read(p));
        assertTrue(e.getMessage().contains("cut.wav") && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void dataChunkLongerThanFileIsRejected() throws Exception {
        byte[] bytes = Wavs.pcm(Wavs.tone(440, 8000, 100, 0.5), 8000, 16);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(40, 10_000);
        DataFileException e = assertThrows(DataFileException.class, () -> WavReader.read(write("d.wav", bytes)));
        assertTrue(e.getMessage().contains("'data'") && e.getMessage().contains("10000"), e.getMessage());
    }

    @Test
    void riffSizeDisagreeingWithFileIsRejected() throws Exception {
        byte[] bytes = Wavs.pcm(Wavs.tone(440, 8000, 100, 0.5), 8000, 16);
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 6);
        DataFileException e = assertThrows(DataFileException.class, () -> WavReader.read(write("r.wav", longer)));
        assertTrue(e.getMessage().contains("RIFF header says " + bytes.length) && e.getMessage().contains("r.wav"),
                e.getMessage());
    }

    @Test
    void nonPcmIsRejectedByName() throws Exception {
        byte[] bytes = Wavs.pcm(Wavs.tone(440, 8000, 100, 0.5), 8000, 16);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putShort(20, (short) 3);
        DataFileException e = assertThrows(DataFileException.class, () -> WavReader.read(write("f.wav", bytes)));
        assertTrue(e.getMessage().contains("IEEE float") && e.getMessage().contains("PCM"), e.getMessage());
    }

    @Test
    void unsupportedBitDepthIsRejected() throws Exception {
        byte[] bytes = Wavs.pcm(Wavs.tone(440, 8000, 100, 0.5), 8000, 16);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putShort(34, (short) 24);
        DataFileException e = assertThrows(DataFileException.class, () -> WavReader.read(write("b.wav", bytes)));
        assertTrue(e.getMessage().contains("24-bit"), e.getMessage());
    }

    @Test
    void emptyRecordingIsRejected() throws Exception {
        DataFileException e = assertThrows(DataFileException.class,
                () -> WavReader.read(write("e.wav", Wavs.pcm(new double[0][1], 8000, 16))));
        assertTrue(e.getMessage().contains("empty recording"), e.getMessage());
    }

    @Test
    void notAWavIsRejected() throws Exception {
        DataFileException e = assertThrows(DataFileException.class,
                () -> WavReader.read(write("x.wav", "hello, this is not audio at all".getBytes())));
        assertTrue(e.getMessage().contains("not a RIFF/WAVE"), e.getMessage());
    }
}
