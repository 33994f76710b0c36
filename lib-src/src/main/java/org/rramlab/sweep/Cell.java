package org.rramlab.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.stream.Collectors;
import org.rramlab.experiment.ExperimentSpec;

/**
 * One point of a sweep: the values of its axes and its seed, and the experiment spec they give. The id is a hash of
 * what the cell's spec changes from the sweep's base spec (after the values were applied and read back through the
 * spec's own types), so it does not depend on the cell's position: a sweep extended with more values or seeds keeps
 * the ids of the cells it had, and a value equal to the base's gives the id of the base cell.
 *
 * @param index     position in the sweep (first axis outermost, seeds innermost)
 * @param id        12 hex digits of SHA-256 over the cell's differences from the base spec
 * @param overrides axis path to the value set (as applied, JSON), then {@code seed}
 * @param spec      the experiment this cell runs
 */
public record Cell(int index, String id, Map<String, JsonNode> overrides, ExperimentSpec spec) {

    public Cell {
        overrides = java.util.Collections.unmodifiableMap(canonical(overrides));
    }

    /** The values as JSON text reads them back (a seed 1 is an int node, as in results.jsonl): equal however made. */
    static Map<String, JsonNode> canonical(Map<String, JsonNode> values) {
        Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
        values.forEach((k, v) -> {
            try {
                out.put(k, SweepSpec.JSON.readTree(v.toString()));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        return out;
    }

    /** "prune.keepFraction=0.3, seed=2". */
    public String describe() {
        return overrides.entrySet().stream().map(e -> e.getKey() + "=" + text(e.getValue())).collect(Collectors.joining(", "));
    }

    static String text(JsonNode v) {
        return v.isTextual() ? v.asText() : v.toString();
    }
}
