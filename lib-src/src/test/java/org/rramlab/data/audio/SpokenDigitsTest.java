package org.rramlab.data.audio;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rramlab.data.DataFileException;
import org.rramlab.data.LabelledImages;

/** Runs on the committed copy of FSDD in data/fsdd (found from the module folder as ../data/fsdd). */
class SpokenDigitsTest {

    static SpokenDigits fsdd;

    @BeforeAll
    static void load() {
        fsdd = SpokenDigits.load(SpokenDigits.locate());
    }

    @Test
    void readsAll3000RecordingsMatchingTheirChecksums() {
        assertEquals(3000, fsdd.size());
        assertTrue(fsdd.skipped().isEmpty());
        // one hash over the per-file hashes in SHA256SUMS format equals the sha256 of data/fsdd/SHA256SUMS
        assertEquals("04e1baae96c6a26e39c623f2b01d0182ddae627ba0ac02a3cdc17ba2af99fd9b",
                fsdd.sha256().values().iterator().next());
        Recording first = fsdd.recordings().get(0);
        assertEquals(0, first.digit());
        assertEquals("george", first.speaker());
        assertEquals(0, first.index());
        Set<String> speakers = new HashSet<>();
        fsdd.recordings().forEach(r -> speakers.add(r.speaker()));
        assertEquals(Set.of("george", "jackson", "lucas", "nicolas", "theo", "yweweler"), speakers);
    }

    @Test
    void officialSplitIsTakeZeroToFourForTest() {
        LabelledImages.Split s = fsdd.officialSplit();
        assertEquals(2700, s.first().size());
        assertEquals(300, s.second().size());
        assertArrayEquals(new long[] {300, 1, 23, 20}, s.second().images().shape());
        int[] counts = s.second().classCounts(10);
        for (int c : counts) {
            assertEquals(30, c);
        }
        double max = s.first().images().maxNumber().doubleValue(), min = s.first().images().minNumber().doubleValue();
        assertEquals(1.0, max, 1e-6);
        assertEquals(0.0, min, 1e-6);
    }

    @Test
    void randomSplitIsSeeded70To30() {
        LabelledImages.Split a = fsdd.randomSplit(0.7, 1), b = fsdd.randomSplit(0.7, 1), c = fsdd.randomSplit(0.7, 2);
        assertEquals(2100, a.first().size());
        assertEquals(900, a.second().size());
        assertArrayEquals(a.second().labels(), b.second().labels());
        assertEquals(a.second().images(), b.second().images());
        assertFalse(Arrays.equals(a.second().labels(), c.second().labels()));
        int[] all = new int[10];
        for (int l : a.first().labels()) {
            all[l]++;
        }
        for (int l : a.second().labels()) {
            all[l]++;
        }
        for (int n : all) {
            assertEquals(300, n);
        }
    }

    @Test
    void fewRecordingsAreCut() {
        long cut = fsdd.countLongerThan(FeatureConfig.PAPER);
        assertTrue(cut > 0 && cut < 60, "recordings longer than 20 frames: " + cut);
    }

    @Test
    void badFilesAreNamedOrSkippedWithACount(@TempDir Path dir) throws Exception {
        Path rec = Files.createDirectories(dir.resolve("recordings"));
        Files.write(rec.resolve("3_alice_7.wav"), Wavs.pcm(Wavs.tone(440, 8000, 2000, 0.4), 8000, 16));
        Files.write(rec.resolve("4_alice_2.wav"), Wavs.pcm(Wavs.tone(600, 16000, 4000, 0.4), 16000, 16));
        byte[] good = Wavs.pcm(Wavs.tone(440, 8000, 2000, 0.4), 8000, 16);
        Files.write(rec.resolve("5_alice_1.wav"), Arrays.copyOf(good, 300));          // truncated
        Files.write(rec.resolve("6_alice_1.wav"), Wavs.pcm(new double[500][1], 8000, 16)); // silent
        DataFileException e = assertThrows(DataFileException.class, () -> SpokenDigits.load(dir));
        assertTrue(e.getMessage().contains("5_alice_1.wav"), e.getMessage());
        SpokenDigits some = SpokenDigits.loadSkippingBad(dir);
        assertEquals(2, some.size());
        assertEquals(2, some.skipped().size());
        assertTrue(some.skipped().get(1).reason().contains("empty recording"), some.skipped().get(1).reason());
        assertEquals(4000 / 2, some.recordings().get(1).samples().length); // 16 kHz file resampled to 8 kHz
        assertTrue(some.toString().contains("2 skipped"));
    }
}
