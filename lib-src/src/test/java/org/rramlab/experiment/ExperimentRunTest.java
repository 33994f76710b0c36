package org.rramlab.experiment;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rramlab.layers.Layers;
import org.rramlab.train.Progress;

/** The one runner on the paper's three presets at ci sizes: outputs, provenance, and a resumed run equal to an uninterrupted one. */
class ExperimentRunTest {

    private static void resumedEqualsUninterrupted(ExperimentSpec spec, Path dir) {
        RunResult whole = Experiment.run(spec, dir.resolve("whole"), Progress.none());
        Experiment.run(spec, dir.resolve("killed"), Progress.none(), 1);   // "killed" after epoch 1
        assertTrue(Files.exists(dir.resolve("killed").resolve("checkpoint.bin")));
        RunResult resumed = Experiment.run(spec, dir.resolve("killed"), Progress.none());
        for (String column : whole.training().metrics().columnNames()) {
            if (column.equals("seconds")) continue;
            assertArrayEquals(whole.training().metrics().numberColumn(column).asDoubleArray(),
                    resumed.training().metrics().numberColumn(column).asDoubleArray(), 0, spec.preset() + ": " + column);
        }
        assertEquals(whole.training().totalFlips(), resumed.training().totalFlips());
        var a = Layers.tiles(whole.model()).stream().map(t -> t.counters().toString()).toList();
        var b = Layers.tiles(resumed.model()).stream().map(t -> t.counters().toString()).toList();
        assertEquals(a, b, spec.preset() + ": the tiles' counts after a resume equal the uninterrupted run's");
    }

    @Test void fashionRunsWritesItsOutputsAndResumes(@TempDir Path dir) throws Exception {
        ExperimentSpec spec = Presets.get("fashion", Profile.CI).with("task.trainSize", 600).with("task.testSize", 200)
                .with("baseline.sigmas", List.of(0.1, 0.3));
        RunResult r = Experiment.run(spec, dir.resolve("run"), Progress.none());
        for (String f : List.of("metrics.csv", "baseline-metrics.csv", "baseline.csv", "summary.csv", "spec.json", "provenance.json")) {
            assertTrue(Files.exists(dir.resolve("run").resolve(f)), f);
        }
        assertEquals(4, r.baseline().sweep().rowCount(), "two sigmas x two noise definitions");
        assertTrue(r.figure("best test acc") > 0.2, "above chance after 2 tiny epochs: " + r.figure("best test acc"));
        assertFalse(Double.isNaN(r.gain()));
        assertTrue(r.energy().total() > 0 && r.figure("inference energy per example (nJ)") > 0);
        String provenance = Files.readString(dir.resolve("run").resolve("provenance.json"));
        for (String key : List.of("specDifferences", "\"data\"", "train-images-idx3-ubyte", "\"library\"", "\"machine\"", "\"threads\"", "\"start\"",
                "\"end\"", "\"seconds\"")) {
            assertTrue(provenance.contains(key), key + " in " + provenance.substring(0, Math.min(400, provenance.length())));
        }
        assertEquals(spec, Provenance.specOf(dir.resolve("run").resolve("provenance.json")), "the provenance repeats the run");
        assertEquals(spec, SpecJson.read(dir.resolve("run").resolve("spec.json"), Profile.QUICK));
        var e = assertThrows(IllegalArgumentException.class, () -> Experiment.run(spec.withKeep(0.3), dir.resolve("run"), Progress.none()));
        assertTrue(e.getMessage().contains("holds a run of another spec"), e.getMessage());
        resumedEqualsUninterrupted(spec.withoutBaseline(), dir);
    }

    @Test void spokenDigitsResumes(@TempDir Path dir) {
        resumedEqualsUninterrupted(Presets.get("spoken-digits", Profile.CI).withEpochs(2).withoutBaseline(), dir);
    }

    @Test void retinaRunsWithWholeImageScoresAndResumes(@TempDir Path dir) {
        ExperimentSpec spec = Presets.get("retina", Profile.CI).with("task.source", "SYNTHETIC");
        RunResult r = Experiment.run(spec, dir.resolve("run"), Progress.none());
        assertEquals("ROC AUC", r.training().score());
        assertTrue(r.fov().containsKey("PR AUC, validation-selected epoch") && r.maps().size() == 1, "whole test images scored inside the field of view");
        assertEquals("validation", r.wholeImages().selection(), "the maps come from the epoch the validation split selects");
        assertEquals(r.training().bestValidationEpoch(), r.wholeImages().epoch());
        assertEquals(r.training().bestTestEpoch(), r.wholeImages().testEpoch(), "and, beside them, from the best test epoch");
        assertEquals(r.wholeImages().fov().prAuc(), r.fov().get("PR AUC, validation-selected epoch"), 0);
        assertTrue(r.wholeImages().perEpoch().rowCount() == r.training().metrics().rowCount());
        assertEquals(1, r.baseline().sweep().rowCount());
        assertTrue(r.summary().stringColumn("figure").contains("gain in PR AUC (points)"));
        resumedEqualsUninterrupted(spec.withoutBaseline(), dir);
    }

    @Test void runMainTakesPresetsSpecsProvenanceAndSetsFields(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("cli");
        RunResult r = Run.run(new String[] {"retina", "--profile", "ci", "--out", out.toString(), "--set", "task.source=SYNTHETIC",
                "--set", "baseline=null", "--set", "training.epochs=1"});
        assertEquals(1, r.training().metrics().rowCount());
        RunResult again = Run.run(new String[] {out.resolve("provenance.json").toString(), "--out", dir.resolve("again").toString()});
        assertEquals(r.spec(), again.spec(), "a provenance file repeats its run");
        assertEquals(r.training().bestTestScore(), again.training().bestTestScore(), 0, "and gives the same numbers");
        var e = assertThrows(IllegalArgumentException.class, () -> Run.run(new String[] {"retina", "--bogus"}));
        assertTrue(e.getMessage().contains("unknown argument '--bogus'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Run.run(new String[] {"retina", "--set", "nothing"}));
        assertTrue(e.getMessage().contains("expected path=value"), e.getMessage());
    }
}
