package org.rramlab.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rramlab.experiment.Experiment;
import org.rramlab.experiment.ExperimentSpec;
import org.rramlab.experiment.RunResult;
import org.rramlab.train.Progress;

/**
 * Runs one cell: {@link Experiment#run} of the cell's spec into {@code cells/<id>/} of the sweep folder (so a cell
 * killed midway resumes from its last epoch's checkpoint), and the recorded figures of the run. Every runner calls
 * this: the local pool in this JVM, a Spark executor on another machine (through {@link #run(String, String)}, JSON in
 * and out).
 */
public final class CellRun {
    private CellRun() {}

    /** Runs {@code cell} into {@code cellsDir/<id>}, recording {@code record}. */
    public static CellResult run(Cell cell, Path cellsDir, List<Recorded> record) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        RunResult r = Experiment.run(cell.spec(), cellsDir.resolve(cell.id()), Progress.none());
        double cpu = cpu0 < 0 ? Double.NaN : (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
        Map<String, Double> figures = new LinkedHashMap<>();
        for (Recorded x : record) {
            double[] v = x.of(r, cpu);
            for (int i = 0; i < v.length; i++) figures.put(x.columns().get(i), v[i]);
        }
        JsonNode provenance;
        try {
            provenance = SweepSpec.JSON.readTree(r.provenance().toJson());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new CellResult(cell.id(), cell.overrides(), r.training().score(), figures, provenance);
    }

    /** A cell as one JSON text (index, id, overrides, the whole spec, what to record): what a remote runner receives. */
    public static String task(Cell cell, List<Recorded> record) {
        ObjectNode o = SweepSpec.JSON.createObjectNode();
        o.put("index", cell.index());
        o.put("id", cell.id());
        ObjectNode ov = o.putObject("overrides");
        cell.overrides().forEach(ov::set);
        try {
            o.set("spec", SweepSpec.JSON.readTree(cell.spec().toJson()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        var r = o.putArray("record");
        record.forEach(x -> r.add(x.column()));
        return o.toString();
    }

    /** Runs a {@link #task} into {@code cellsDir} (a path every worker reaches) and returns the {@link CellResult} as JSON. */
    public static String run(String task, String cellsDir) {
        try {
            JsonNode o = SweepSpec.JSON.readTree(task);
            Map<String, JsonNode> ov = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = o.get("overrides").fields(); it.hasNext(); ) {
                var e = it.next();
                ov.put(e.getKey(), e.getValue());
            }
            ExperimentSpec spec = ExperimentSpec.fromJson(o.get("spec").toString());
            Cell cell = new Cell(o.get("index").asInt(), o.get("id").asText(), ov, spec);
            List<Recorded> record = new ArrayList<>();
            o.get("record").forEach(n -> record.add(Recorded.parse(n.asText())));
            Path dir = Path.of(cellsDir);
            Files.createDirectories(dir);
            return run(cell, dir, record).toJson();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cell task: " + e.getMessage(), e);
        }
    }
}
