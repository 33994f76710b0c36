package org.rramlab.data.retina;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rramlab.data.DataFileException;

class DriveDatasetTest {

    @TempDir
    Path tmp;

    private Path writeSynthetic() {
        Path root = tmp.resolve("drive");
        DriveDataset.write(SyntheticFundus.set(3, 2, 64, 5), root);
        return root;
    }

    @Test
    void syntheticSetRoundTripsThroughTheDriveLayout() {
        RetinaSet original = SyntheticFundus.set(3, 2, 64, 5);
        Path root = writeSynthetic();
        assertTrue(Files.isRegularFile(root.resolve("training/images/21_training.tif")));
        assertTrue(Files.isRegularFile(root.resolve("training/1st_manual/23_manual1.gif")));
        assertTrue(Files.isRegularFile(root.resolve("test/mask/02_test_mask.gif")));
        RetinaSet read = DriveDataset.load(root);
        assertFalse(read.synthetic()); // read from disk like real DRIVE: the loader cannot know
        assertEquals(3, read.training().size());
        assertEquals(2, read.test().size());
        assertEquals(15, read.sha256().size());
        for (int k = 0; k < 3; k++) {
            FundusImage a = original.training().get(k), b = read.training().get(k);
            assertArrayEquals(a.vessel(), b.vessel());
            assertArrayEquals(a.fov(), b.fov());
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < a.rgb()[c].length; i++) {
                    assertEquals(a.rgb()[c][i], b.rgb()[c][i], 0.5 / 255 + 1e-6);
                }
            }
        }
        assertEquals("21_training", read.training().get(0).name());
    }

    @Test
    void brokenCopyListsEveryProblem() throws Exception {
        Path root = writeSynthetic();
        Files.delete(root.resolve("training/mask/22_training_mask.gif"));
        Files.write(root.resolve("training/images/23_training.tif"), "not a tiff".getBytes());
        ImageIO.write(new BufferedImage(10, 12, BufferedImage.TYPE_BYTE_GRAY), "gif",
                root.resolve("test/1st_manual/01_manual1.gif").toFile());
        Files.copy(root.resolve("test/mask/02_test_mask.gif"), root.resolve("test/mask/07_test_mask.gif"));
        DataFileException e = assertThrows(DataFileException.class, () -> DriveDataset.load(root));
        String m = e.getMessage();
        assertTrue(m.contains("4 problems"), m);
        assertTrue(m.contains("training image 22: no mask 22_training_mask.gif"), m);
        assertTrue(m.contains("training/images/23_training.tif: unreadable"), m);
        assertTrue(m.contains("test/1st_manual/01_manual1.gif: 10x12 but its image is 64x64"), m);
        assertTrue(m.contains("test/mask/07_test_mask.gif: mask without an image"), m);
    }

    @Test
    void missingFoldersAreListed() throws Exception {
        Path root = writeSynthetic();
        try (Stream<Path> walk = Files.walk(root.resolve("training/1st_manual"))) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        try (Stream<Path> walk = Files.walk(root.resolve("test/images"))) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        DataFileException e = assertThrows(DataFileException.class, () -> DriveDataset.load(root));
        assertTrue(e.getMessage().contains("missing folder training/1st_manual"), e.getMessage());
        assertTrue(e.getMessage().contains("missing folder test/images"), e.getMessage());
        assertThrows(DataFileException.class, () -> DriveDataset.load(tmp.resolve("nowhere")));
    }

    @Test
    void testAnnotationsMayBeAbsentAltogether() throws Exception {
        Path root = writeSynthetic();
        try (Stream<Path> walk = Files.walk(root.resolve("test/1st_manual"))) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        RetinaSet read = DriveDataset.load(root);
        assertFalse(read.test().get(0).hasAnnotation());
        assertTrue(read.training().get(0).hasAnnotation());
    }

    @Test
    void writeRefusesAnExistingFolder() {
        Path root = writeSynthetic();
        assertThrows(IllegalArgumentException.class, () -> DriveDataset.write(SyntheticFundus.set(1, 1, 64, 1), root));
    }
}
