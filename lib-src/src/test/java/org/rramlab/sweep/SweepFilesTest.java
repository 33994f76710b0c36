package org.rramlab.sweep;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.rramlab.experiment.Profile;

/** The sweep files shipped in sweeps/ read as sweeps (every axis value checked), with the cells the docs describe. */
class SweepFilesTest {
    @Test void shippedSweepFilesAreValid() throws Exception {
        Path dir = Path.of("..", "sweeps");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(files.size() >= 4, files.toString());
        for (Path f : files) {
            SweepSpec s = SweepSpec.read(f, Profile.CI);
            assertFalse(s.cells().isEmpty(), f.toString());
            assertEquals(s.cells().size(), SweepSpec.fromJson(s.toJson(), f.toString(), Profile.CI, false, null).cells().size());
        }
        assertEquals(4 * 3 * 3, SweepSpec.read(dir.resolve("keep-x-read-noise.json"), Profile.QUICK).cells().size());
        SweepSpec keep = SweepSpec.read(dir.resolve("paper-keep-fraction.json"), Profile.QUICK);
        assertEquals(Profile.PAPER, keep.base().profile(), "the file's own profile");
        assertEquals(27, keep.cells().size());
        assertEquals(0.5, keep.cells().get(12).spec().prune().keepFraction(), 1e-12, "the paper's 0.5 is a point of the grid");
        assertNull(keep.base().baseline());
        assertEquals(List.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9), keep.cells().stream().map(c -> c.spec().prune().keepFraction()).distinct().toList(),
                "grid points as people write them");
        assertEquals(5, SweepSpec.read(dir.resolve("paper-baseline-write-noise.json"), Profile.QUICK).cells().size());
        SweepSpec random = SweepSpec.read(dir.resolve("random-lr-x-adc.json"), Profile.CI);
        assertEquals(6 * 5 * 2, random.cells().size());
        assertEquals(List.of(6, 8, 10, 12, 14), random.cells().stream().map(c -> c.spec().mvm().base().adc().bits()).distinct().sorted().toList());
    }
}
