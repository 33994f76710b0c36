package org.rramlab.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.rramlab.experiment.ExperimentSpec;
import org.rramlab.util.AtomicFiles;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A sweep's results folder:
 * <ul>
 *   <li>{@code sweep.json} (the sweep; {@code ./lab sweep DIR/sweep.json} runs it again) and {@code base-spec.json} (every
 *       field of the base spec): a folder belongs to one base spec and one list of recorded figures; its axes and seeds may
 *       grow, and another sweep's folder is refused;</li>
 *   <li>{@code cells/<id>/}: each cell's experiment folder (metrics, summary, provenance, checkpoints) and, once the cell
 *       finished, its {@code cell.json}: a sweep started again skips those cells and resumes the others;</li>
 *   <li>{@code results.csv} and {@code results.jsonl}: one row per finished cell of the sweep, in cell order, with its
 *       coordinates, figures and provenance; rewritten whole (temporary file, then an atomic move) after every cell, so a
 *       reader never sees half a row.</li>
 * </ul>
 * Thread-safe: runners append from their workers' threads.
 */
public final class SweepFolder {
    private final Path dir;
    private final SweepSpec spec;
    private final Map<String, CellResult> finished = new LinkedHashMap<>();

    private SweepFolder(Path dir, SweepSpec spec) {
        this.dir = dir;
        this.spec = spec;
    }

    /** Opens (or starts) {@code dir} for {@code spec}: refuses a folder of another sweep, reads the finished cells. */
    public static SweepFolder open(Path dir, SweepSpec spec) {
        SweepFolder f = new SweepFolder(dir, spec);
        try {
            Files.createDirectories(dir);
            Path sweepFile = dir.resolve("sweep.json"), baseFile = dir.resolve("base-spec.json");
            if (Files.isRegularFile(baseFile)) {
                ExperimentSpec there;
                List<String> record = new ArrayList<>();
                try {
                    there = ExperimentSpec.fromJson(Files.readString(baseFile));
                    JsonNode r = SweepSpec.JSON.readTree(Files.readString(sweepFile)).get("record");
                    if (r != null) r.forEach(n -> record.add(n.asText()));
                } catch (IOException | IllegalArgumentException e) {
                    throw new SweepException(dir.toString(), "", "the results folder's sweep.json / base-spec.json cannot be read (" + e.getMessage()
                            + "); choose another folder or delete it");
                }
                if (!there.equals(spec.base())) {
                    throw new SweepException(dir.toString(), "", "the results folder holds a sweep of another base spec (" + there + "; this sweep's: "
                            + spec.base() + "); choose another folder (--out) or delete it to start afresh");
                }
                List<String> mine = spec.record().stream().map(Recorded::column).toList();
                if (!record.equals(mine)) {
                    throw new SweepException(dir.toString(), "", "the results folder records " + record + ", this sweep " + mine
                            + "; choose another folder (--out) or record the same figures");
                }
            } else {
                try (Stream<Path> s = Files.list(dir)) {
                    List<String> other = s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
                    if (!other.isEmpty()) {
                        throw new SweepException(dir.toString(), "", "not a sweep's results folder (no base-spec.json) and not empty " + other
                                + "; choose another folder");
                    }
                }
                AtomicFiles.writeString(baseFile, spec.base().toJson());
            }
            AtomicFiles.writeString(sweepFile, spec.toJson());
            Files.createDirectories(dir.resolve("cells"));
            for (Cell c : spec.cells()) {
                Path cellFile = dir.resolve("cells").resolve(c.id()).resolve("cell.json");
                if (Files.isRegularFile(cellFile)) f.finished.put(c.id(), CellResult.fromJson(Files.readString(cellFile), cellFile.toString()));
            }
            f.writeResults();
        } catch (IOException e) {
            throw new UncheckedIOException("sweep results folder " + dir + ": " + e.getMessage(), e);
        }
        return f;
    }

    public Path dir() { return dir; }

    public SweepSpec spec() { return spec; }

    /** Where the cells' experiment folders go. */
    public Path cellsDir() { return dir.resolve("cells"); }

    /** Whether {@code cell} finished (in this run or an earlier one). */
    public synchronized boolean isFinished(Cell cell) {
        return finished.containsKey(cell.id());
    }

    /** The cells still to run, in order. */
    public synchronized List<Cell> remaining() {
        return spec.cells().stream().filter(c -> !finished.containsKey(c.id())).toList();
    }

    public synchronized int finishedCount() {
        return (int) spec.cells().stream().filter(c -> finished.containsKey(c.id())).count();
    }

    /** Records a finished cell: its {@code cell.json}, then the results rewritten, each atomically. */
    public synchronized void append(CellResult r) {
        try {
            AtomicFiles.writeString(cellsDir().resolve(r.id()).resolve("cell.json"), r.toJson());
            finished.put(r.id(), r);
            writeResults();
        } catch (IOException e) {
            throw new UncheckedIOException("sweep results " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Records a failed cell's error next to its run (the cell stays unfinished: a rerun retries it). */
    public void failed(Cell cell, Throwable error) {
        try {
            java.io.StringWriter w = new java.io.StringWriter();
            error.printStackTrace(new java.io.PrintWriter(w));
            AtomicFiles.writeString(cellsDir().resolve(cell.id()).resolve("error.txt"), cell.describe() + "\n" + w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The finished cells' results, in cell order. */
    public synchronized List<CellResult> results() {
        List<CellResult> out = new ArrayList<>();
        for (Cell c : spec.cells()) if (finished.containsKey(c.id())) out.add(finished.get(c.id()));
        return out;
    }

    /** The results as a table: cell, coordinates (numbers where every value is one), score, figures, provenance. */
    public synchronized Table table() {
        List<CellResult> rows = results();
        Table t = Table.create(spec.name() + ": results");
        StringColumn cell = StringColumn.create("cell");
        rows.forEach(r -> cell.append(r.id()));
        t.addColumns(cell);
        for (String c : spec.coordinates()) {
            if (c.equals("seed")) {
                LongColumn seed = LongColumn.create("seed");
                rows.forEach(r -> seed.append(r.overrides().get("seed").asLong()));
                t.addColumns(seed);
                continue;
            }
            boolean numbers = rows.stream().allMatch(r -> r.overrides().get(c) != null && r.overrides().get(c).isNumber());
            Column<?> col;
            if (numbers) {
                DoubleColumn d = DoubleColumn.create(c);
                rows.forEach(r -> d.append(r.overrides().get(c).asDouble()));
                col = d;
            } else {
                StringColumn s = StringColumn.create(c);
                rows.forEach(r -> s.append(r.overrides().get(c) == null ? "" : Cell.text(r.overrides().get(c))));
                col = s;
            }
            t.addColumns(col);
        }
        StringColumn score = StringColumn.create("score");
        rows.forEach(r -> score.append(r.score()));
        t.addColumns(score);
        for (String f : spec.recordedColumns()) {
            DoubleColumn d = DoubleColumn.create(f);
            rows.forEach(r -> d.append(r.figures().getOrDefault(f, Double.NaN)));
            t.addColumns(d);
        }
        for (String[] p : new String[][] {{"library", "library"}, {"git_commit", "gitCommit"}, {"host", "machine.host"}, {"start", "start"},
                {"end", "end"}, {"spec", "spec"}}) {
            StringColumn s = StringColumn.create(p[0]);
            rows.forEach(r -> s.append(p[1].equals("spec") ? specDifferences(r) : r.provenance(p[1])));
            t.addColumns(s);
        }
        StringColumn folder = StringColumn.create("folder");
        rows.forEach(r -> folder.append("cells/" + r.id()));
        t.addColumns(folder);
        return t;
    }

    private static String specDifferences(CellResult r) {
        JsonNode d = r.provenance() == null ? null : r.provenance().get("specDifferences");
        return d == null ? "" : d.toString();
    }

    private void writeResults() throws IOException {
        Table t = table();
        Path tmp = Files.createTempFile(dir, ".results.csv-", ".tmp");
        try {
            t.write().csv(tmp.toFile());
            Files.move(tmp, dir.resolve("results.csv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        StringBuilder lines = new StringBuilder();
        for (CellResult r : results()) lines.append(r.toJson()).append('\n');
        AtomicFiles.writeString(dir.resolve("results.jsonl"), lines.toString());
    }
}
