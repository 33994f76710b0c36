package org.rramlab.sweep;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rramlab.experiment.Experiment;
import org.rramlab.experiment.ExperimentSpec;
import org.rramlab.experiment.Presets;
import org.rramlab.experiment.Profile;
import org.rramlab.experiment.RunResult;
import org.rramlab.train.Progress;
import tech.tablesaw.api.Table;

/** The local pool: results per cell equal to the cell run alone, atomically written results, resume, another sweep's folder refused. */
class LocalSweepTest {
    /** A cell of about a second: the MLP, 200 training and 100 test images, one epoch. */
    static ExperimentSpec tiny() {
        return Presets.get("fashion-mlp", Profile.CI).with("task.trainSize", 200).with("task.testSize", 100).with("network.hidden", 64)
                .withEpochs(1);
    }

    static SweepSpec sweep(double... keeps) {
        Object[] k = new Object[keeps.length];
        for (int i = 0; i < keeps.length; i++) k[i] = keeps[i];
        return SweepSpec.over(tiny()).name("tiny").values("prune.keepFraction", k).seeds(1, 2)
                .record(Recorded.FINAL, Recorded.BEST, Recorded.FLIPS, Recorded.ENERGY, Recorded.SECONDS).build();
    }

    @Test void poolResultsEqualEachCellRunAloneAndAreWrittenWithProvenance(@TempDir Path dir) throws Exception {
        SweepSpec s = sweep(0.3, 0.6);
        SweepFolder f = LocalSweep.run(s, dir.resolve("sweep"), 2, Progress.none());
        assertEquals(4, f.results().size());
        for (CellResult r : f.results()) {
            Cell c = s.cells().stream().filter(x -> x.id().equals(r.id())).findFirst().orElseThrow();
            RunResult alone = Experiment.run(c.spec(), dir.resolve("alone-" + c.id()), Progress.none());
            assertEquals(alone.figure("final test acc"), r.figures().get("final"), 0, c.describe() + ": same numbers in the pool as alone");
            assertEquals(alone.figure("best test acc"), r.figures().get("best"), 0);
            assertEquals(alone.figure("mask flips"), r.figures().get("flips"), 0);
            assertEquals(alone.figure("inference energy per example (nJ)"), r.figures().get("energy_nJ"), 1e-9);
            assertTrue(r.figures().get("seconds") > 0);
            assertTrue(r.figures().get("cpu_seconds") > 0 && r.figures().get("cpu_seconds") < 10 * r.figures().get("seconds"), r.figures().toString());
        }
        Table csv = Table.read().csv(dir.resolve("sweep/results.csv").toFile());
        assertEquals(4, csv.rowCount());
        assertEquals(List.of("cell", "prune.keepFraction", "seed", "score", "final", "best", "flips", "energy_nJ", "seconds", "cpu_seconds", "library",
                "git_commit", "host", "start", "end", "spec", "folder"), csv.columnNames());
        assertEquals(List.of(0.3, 0.3, 0.6, 0.6), csv.doubleColumn("prune.keepFraction").asList(), "cell order");
        assertTrue(csv.stringColumn("spec").get(0).contains("keepFraction"), "each row names its spec");
        List<String> lines = Files.readAllLines(dir.resolve("sweep/results.jsonl"));
        assertEquals(4, lines.size());
        CellResult back = CellResult.fromJson(lines.get(0), "results.jsonl");
        assertEquals(f.results().get(0).figures(), back.figures());
        assertTrue(back.provenance("library").startsWith("rramlab"), back.provenance("library"));
        assertFalse(back.provenance("data").isEmpty(), "the data's hashes in every row's provenance");
        assertEquals(s.base(), ExperimentSpec.fromJson(Files.readString(dir.resolve("sweep/base-spec.json"))));
        assertEquals(f.results(), SweepFolder.open(dir.resolve("sweep"), s).results(), "the results read back equal the results of the run");
        try (var files = Files.list(dir.resolve("sweep"))) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
    }

    @Test void resumesSkippingFinishedCellsAndExtendsWithoutRecomputing(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("sweep");
        SweepSpec s = sweep(0.3);
        SweepFolder first = LocalSweep.run(s, out, 2, Progress.none());
        Map<String, Double> a = first.results().get(0).figures(), b = first.results().get(1).figures();
        // killed before the second cell was recorded: its cell.json is missing, its experiment folder is there
        String lost = s.cells().get(1).id();
        Files.delete(out.resolve("cells").resolve(lost).resolve("cell.json"));
        String keptJson = Files.readString(out.resolve("cells").resolve(s.cells().get(0).id()).resolve("cell.json"));
        AtomicLong steps = new AtomicLong();
        SweepFolder resumed = LocalSweep.run(s, out, 2, counting(steps));
        assertEquals(1, steps.get(), "only the unfinished cell runs again");
        assertEquals(keptJson, Files.readString(out.resolve("cells").resolve(s.cells().get(0).id()).resolve("cell.json")), "a finished cell is not rewritten");
        assertEquals(without(b), without(resumed.results().get(1).figures()), "the rerun cell gives the same numbers");
        // extended: one more keep fraction (2 new cells); the two finished are kept
        steps.set(0);
        SweepFolder extended = LocalSweep.run(sweep(0.3, 0.6), out, 2, counting(steps));
        assertEquals(2, steps.get());
        assertEquals(4, Table.read().csv(out.resolve("results.csv").toFile()).rowCount());
        assertEquals(without(a), without(extended.results().get(0).figures()));
        // everything finished: nothing runs
        steps.set(0);
        LocalSweep.run(sweep(0.3, 0.6), out, 2, counting(steps));
        assertEquals(0, steps.get());
    }

    @Test void anotherSweepsFolderIsRefused(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("sweep");
        SweepFolder.open(out, sweep(0.3));
        SweepSpec other = SweepSpec.over(tiny().withEpochs(2)).name("tiny").values("prune.keepFraction", 0.3).build();
        var e = assertThrows(SweepException.class, () -> SweepFolder.open(out, other));
        assertTrue(e.getMessage().contains("holds a sweep of another base spec") && e.getMessage().contains(out.toString()), e.getMessage());
        SweepSpec otherRecord = SweepSpec.over(tiny()).name("tiny").values("prune.keepFraction", 0.3).seeds(1, 2).record(Recorded.FINAL).build();
        e = assertThrows(SweepException.class, () -> SweepFolder.open(out, otherRecord));
        assertTrue(e.getMessage().contains("records [final, best, flips, energy_nJ, seconds], this sweep [final]"), e.getMessage());
        Files.createDirectories(dir.resolve("busy"));
        Files.writeString(dir.resolve("busy").resolve("notes.txt"), "x");
        e = assertThrows(SweepException.class, () -> SweepFolder.open(dir.resolve("busy"), sweep(0.3)));
        assertTrue(e.getMessage().contains("not a sweep's results folder") && e.getMessage().contains("notes.txt"), e.getMessage());
    }

    @Test void headlessProgressShowsCellsDoneTotalAndTimeLeft() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long[] now = {0};
        SweepProgress p = new SweepProgress(new PrintStream(bytes, true), () -> now[0]);
        p.start("sweep tiny: 4 cells to run", 4);
        now[0] = 30_000_000_000L;
        p.advance(1, "prune.keepFraction=0.3, seed=1: final 0.72");
        now[0] = 120_000_000_000L;
        p.advance(4, "last");
        String text = bytes.toString();
        assertTrue(text.contains("sweep tiny: 1/4 cells, 30s, ~1m30s left · prune.keepFraction=0.3, seed=1: final 0.72"), text);
        assertTrue(text.contains("sweep tiny: 4/4 cells, 2m00s · last"), text);
    }

    private static Map<String, Double> without(Map<String, Double> figures) {
        var m = new java.util.LinkedHashMap<>(figures);
        m.remove("seconds");
        m.remove("cpu_seconds");
        return m;
    }

    private static Progress counting(AtomicLong steps) {
        return new Progress() {
            @Override public void start(String task, long total) {}
            @Override public void advance(long done, String status) { steps.incrementAndGet(); }
            @Override public void finish(String summary) {}
        };
    }
}
