package org.rramlab.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * One axis of a sweep: the field it varies (a JSON path of the experiment spec, e.g. {@code prune.keepFraction}) and
 * its values, given as a list, a linear grid, a log range or {@code count} random draws from a range with their own
 * seed. Random draws are part of the spec, not of the run: the same seed gives the same values on every machine.
 *
 * @param path   the spec field, dotted
 * @param kind   how the values are given
 * @param listed the values of a {@link Kind#VALUES} axis (JSON), empty otherwise
 * @param from   first value of a range
 * @param to     last value of a grid or log range; the upper end of random draws
 * @param count  number of grid points or draws
 * @param seed   the seed of random draws
 * @param log    random draws uniform in log space (ranges: see {@link Kind#LOG})
 */
public record Axis(String path, Kind kind, List<JsonNode> listed, double from, double to, int count, long seed, boolean log) {

    /** How an axis gives its values. */
    public enum Kind {
        /** {@code "values": [0.1, 0.3, 0.5]}: any JSON values (numbers, texts, objects). */
        VALUES,
        /** {@code "grid": {"from": 0, "to": 0.1, "steps": 5}}: evenly spaced, both ends included. */
        GRID,
        /** {@code "log": {"from": 1e-3, "to": 1e-1, "steps": 3}}: evenly spaced in log10, both ends included. */
        LOG,
        /** {@code "random": {"from": 0, "to": 0.1, "count": 8, "seed": 7, "log": false}}: uniform draws in [from, to). */
        RANDOM
    }

    public Axis {
        listed = listed == null ? List.of() : List.copyOf(listed);
    }

    public static Axis values(String path, List<?> values) {
        List<JsonNode> nodes = new ArrayList<>();
        for (Object v : values) nodes.add(SweepSpec.JSON.valueToTree(v));
        return new Axis(path, Kind.VALUES, nodes, 0, 0, nodes.size(), 0, false);
    }

    public static Axis grid(String path, double from, double to, int steps) {
        return new Axis(path, Kind.GRID, List.of(), from, to, steps, 0, false);
    }

    public static Axis logRange(String path, double from, double to, int steps) {
        return new Axis(path, Kind.LOG, List.of(), from, to, steps, 0, true);
    }

    public static Axis random(String path, double from, double to, int count, long seed) {
        return new Axis(path, Kind.RANDOM, List.of(), from, to, count, seed, false);
    }

    /** The axis's values, in order (JSON numbers for ranges; whole numbers are rounded by the sweep for integer fields). */
    public List<JsonNode> values() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        List<JsonNode> out = new ArrayList<>();
        switch (kind) {
            case VALUES -> out.addAll(listed);
            case GRID -> {
                for (int i = 0; i < count; i++) out.add(f.numberNode(count == 1 ? from : from + (to - from) * i / (count - 1)));
            }
            case LOG -> {
                double a = Math.log10(from), b = Math.log10(to);
                for (int i = 0; i < count; i++) out.add(f.numberNode(Math.pow(10, count == 1 ? a : a + (b - a) * i / (count - 1))));
            }
            case RANDOM -> {
                SplittableRandom r = new SplittableRandom(seed);
                for (int i = 0; i < count; i++) {
                    double u = r.nextDouble();
                    out.add(f.numberNode(log ? Math.pow(10, Math.log10(from) + (Math.log10(to) - Math.log10(from)) * u) : from + (to - from) * u));
                }
            }
        }
        if (kind != Kind.VALUES) out.replaceAll(v -> f.numberNode(tidy(v.asDouble())));
        return out;
    }

    /** 12 significant digits: a grid point reads 0.3, not 0.30000000000000004 (the same value to any spec field). */
    static double tidy(double v) {
        return v == 0 || !Double.isFinite(v) ? v : new java.math.BigDecimal(v).round(new java.math.MathContext(12)).doubleValue();
    }

    /** The axis as sweep JSON. */
    ObjectNode toJson() {
        ObjectNode o = SweepSpec.JSON.createObjectNode();
        o.put("path", path);
        switch (kind) {
            case VALUES -> o.set("values", SweepSpec.JSON.valueToTree(listed));
            case GRID, LOG -> {
                ObjectNode r = o.putObject(kind.name().toLowerCase(Locale.ROOT));
                r.put("from", from);
                r.put("to", to);
                r.put("steps", count);
            }
            case RANDOM -> {
                ObjectNode r = o.putObject("random");
                r.put("from", from);
                r.put("to", to);
                r.put("count", count);
                r.put("seed", seed);
                if (log) r.put("log", true);
            }
        }
        return o;
    }

    /** "prune.keepFraction: 0.1, 0.3, 0.5" or "... grid 0..0.1, 5 steps". */
    public String describe() {
        return switch (kind) {
            case VALUES -> path + ": " + String.join(", ", listed.stream().map(JsonNode::toString).toList());
            case GRID -> String.format(Locale.ROOT, "%s: grid %s..%s, %d steps", path, num(from), num(to), count);
            case LOG -> String.format(Locale.ROOT, "%s: log %s..%s, %d steps", path, num(from), num(to), count);
            case RANDOM -> String.format(Locale.ROOT, "%s: %d random draws in [%s, %s)%s, seed %d", path, count, num(from), num(to),
                    log ? " (log-uniform)" : "", seed);
        };
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6g", v).replaceAll("\\.?0+($|e)", "$1");
    }
}
