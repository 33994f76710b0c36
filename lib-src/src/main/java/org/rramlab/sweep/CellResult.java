package org.rramlab.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A finished cell: its id and coordinates, the recorded figures, and where they came from (the run's provenance:
 * spec, data hashes, library and git commit, machine, start and end). One line of the sweep's {@code results.jsonl},
 * one row of {@code results.csv}; JSON both ways, so a runner on another machine (a Spark executor) can send it back.
 *
 * @param id         the cell's id ({@link Cell#id()})
 * @param overrides  axis path to value, then seed
 * @param score      the name of the task's selection score ("acc", "ROC AUC")
 * @param figures    recorded column to value
 * @param provenance the cell run's provenance.json, whole
 */
public record CellResult(String id, Map<String, JsonNode> overrides, String score, Map<String, Double> figures, JsonNode provenance) {

    public CellResult {
        overrides = java.util.Collections.unmodifiableMap(Cell.canonical(overrides));
        figures = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(figures));
    }

    /** One line of JSON. */
    public String toJson() {
        ObjectNode o = SweepSpec.JSON.createObjectNode();
        o.put("cell", id);
        ObjectNode ov = o.putObject("overrides");
        overrides.forEach(ov::set);
        o.put("score", score);
        ObjectNode f = o.putObject("figures");
        figures.forEach((k, v) -> { if (Double.isNaN(v)) f.putNull(k); else f.put(k, v); });
        o.set("provenance", provenance);
        return o.toString();
    }

    /** Reads {@link #toJson()}; {@code source} names the file in errors. */
    public static CellResult fromJson(String json, String source) {
        try {
            JsonNode o = SweepSpec.JSON.readTree(json);
            Map<String, JsonNode> ov = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = o.get("overrides").fields(); it.hasNext(); ) {
                var e = it.next();
                ov.put(e.getKey(), e.getValue());
            }
            Map<String, Double> f = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = o.get("figures").fields(); it.hasNext(); ) {
                var e = it.next();
                f.put(e.getKey(), e.getValue().isNull() ? Double.NaN : e.getValue().asDouble());
            }
            return new CellResult(o.get("cell").asText(), ov, o.get("score").asText(), f, o.get("provenance"));
        } catch (IOException | RuntimeException e) {
            throw new SweepException(source, "", "not a cell result: " + e.getMessage());
        }
    }

    /** A field of the provenance ("library", "gitCommit", "start", "machine.host"), or "" when absent. */
    public String provenance(String path) {
        JsonNode n = provenance;
        for (String p : path.split("\\.")) n = n == null ? null : n.get(p);
        return n == null || n.isNull() ? "" : n.isValueNode() ? n.asText() : n.toString();
    }
}
