package org.rramlab.sweep;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rramlab.experiment.Profile;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/** Mean ± sd over seeds, the cells table, and the command line's arguments. */
class SweepTablesTest {

    @Test void meanAndSampleSdPerPointInCellOrder() {
        Table t = Table.create("s: results", DoubleColumn.create("k", 0.3, 0.3, 0.3, 0.7, 0.7, 0.7), LongColumn.create("seed", 1, 2, 3, 1, 2, 3),
                DoubleColumn.create("best", 0.70, 0.72, 0.74, 0.80, 0.80, Double.NaN));
        Table m = SweepTables.meanSd(t, "best", List.of("k"));
        assertEquals(List.of("k", "n", "best mean", "best sd"), m.columnNames());
        assertEquals(List.of(0.3, 0.7), m.doubleColumn("k").asList());
        assertEquals(0.72, m.doubleColumn("best mean").getDouble(0), 1e-12);
        assertEquals(0.02, m.doubleColumn("best sd").getDouble(0), 1e-12, "sample sd (n - 1)");
        assertEquals(2, m.intColumn("n").getInt(1), "a missing figure is not counted");
        assertEquals(0.0, m.doubleColumn("best sd").getDouble(1), 1e-12);
        assertEquals("72.00 % ± 2.00", SweepTables.readable(m, "best").stringColumn("best (mean ± sd, %)").get(0), "a score in %, its sd in points");
        Table f = SweepTables.meanSd(Table.create("s", DoubleColumn.create("k", 0.3, 0.3), DoubleColumn.create("flips", 38000.4, 38830.4)), "flips", List.of("k"));
        assertEquals("38,415 ± 586.9", SweepTables.readable(f, "flips").stringColumn("flips (mean ± sd)").get(0), "other figures to 4 significant figures");
        var e = assertThrows(IllegalArgumentException.class, () -> SweepTables.meanSd(t, "accuracy", List.of("k")));
        assertTrue(e.getMessage().contains("figure 'accuracy': not a column"), e.getMessage());
    }

    @Test void cellsTableListsEveryCellWithItsCoordinates() {
        SweepSpec s = SweepSpec.over(LocalSweepTest.tiny()).values("prune.keepFraction", 0.3, 0.7).seeds(1, 2).build();
        Table c = SweepTables.cells(s);
        assertEquals(List.of("cell", "id", "prune.keepFraction", "seed"), c.columnNames());
        assertEquals(4, c.rowCount());
        assertEquals("0.7", c.stringColumn("prune.keepFraction").get(2));
        assertEquals(s.cells().get(3).id(), c.stringColumn("id").get(3));
    }

    @Test void commandLineArguments(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keep.json");
        Files.writeString(file, "{\"base\": \"fashion-mlp\", \"axes\": [{\"path\": \"prune.keepFraction\", \"values\": [0.3, 0.7]}], \"seeds\": [1, 2, 3]}");
        Sweep.Args a = Sweep.parse(new String[] {file.toString(), "--profile", "ci", "--workers", "3", "--out", dir.resolve("o").toString()});
        assertEquals(Profile.CI, a.spec().base().profile());
        assertEquals("keep", a.spec().name(), "the file's name when the sweep has none");
        assertEquals(6, a.spec().cells().size());
        assertEquals(3, a.workers());
        assertNull(a.spark());
        Sweep.Args spark = Sweep.parse(new String[] {file.toString(), "--spark", "local[2]", "--conf", "spark.executor.memory=4g"});
        assertEquals("local[2]", spark.spark());
        assertEquals(java.util.Map.of("spark.executor.memory", "4g"), spark.conf());
        assertTrue(LocalSweep.defaultFolder(a.spec()).getFileName().toString().startsWith("keep-ci-"));
        IllegalArgumentException e;
        e = assertThrows(IllegalArgumentException.class, () -> Sweep.parse(new String[] {file.toString(), "--conf", "spark.x=1"}));
        assertTrue(e.getMessage().contains("need --spark"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Sweep.parse(new String[] {file.toString(), "--spark", "local", "--conf", "memory"}));
        assertTrue(e.getMessage().contains("expected a Spark setting spark.key=value"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Sweep.parse(new String[] {file.toString(), "--workers", "0"}));
        assertTrue(e.getMessage().contains("--workers 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Sweep.parse(new String[] {file.toString(), "--bogus"}));
        assertTrue(e.getMessage().contains("unknown argument '--bogus'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Sweep.parse(new String[] {dir.resolve("none.json").toString()}));
        assertTrue(e.getMessage().contains("none.json: no such file"), e.getMessage());
    }
}
