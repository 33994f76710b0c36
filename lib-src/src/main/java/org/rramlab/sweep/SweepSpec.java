package org.rramlab.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.rramlab.experiment.ExperimentSpec;
import org.rramlab.experiment.Presets;
import org.rramlab.experiment.Profile;
import org.rramlab.experiment.SpecJson;

/**
 * A sweep: a base experiment spec, axes over any of its fields by JSON path, a seed axis and what to record per cell.
 * <pre>{@code
 * {"name": "keep-x-read-noise",
 *  "base": "fashion-mlp",                               // a preset name, or a spec object {"preset": ..., ...}
 *  "profile": "quick",                                  // optional: the base preset's profile (default: RRAMLAB_PROFILE)
 *  "axes": [{"path": "prune.keepFraction", "values": [0.3, 0.5, 0.7]},
 *           {"path": "weights.device.readNoise.relative", "grid": {"from": 0, "to": 0.1, "steps": 3}}],
 *  "seeds": [1, 2, 3],                                  // or {"count": 3, "first": 1}; default: the base's seed
 *  "record": ["final", "best", "validation", "flips", "energy_nJ", "seconds"]}   // default: all
 * }</pre>
 * The cells are the product of the axes (first axis outermost) times the seeds, derived when the sweep is made; every
 * value is applied to the base spec and checked there, so a bad path, an empty axis, a value of the wrong type or
 * outside its range, or two axes on the same field fail at once with a {@link SweepException} naming the axis. In
 * notebooks: {@code SweepSpec.over(Lab.preset("fashion-mlp")).values("prune.keepFraction", 0.3, 0.5).seedCount(3).build()}.
 */
public final class SweepSpec {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Fields a sweep cannot vary: they choose the base, not a point. */
    private static final Set<String> FIXED = Set.of("preset", "profile", "seed");

    private final String name;
    private final ExperimentSpec base;
    private final List<Axis> axes;
    private final List<Long> seeds;
    private final List<Recorded> record;
    private final List<Cell> cells;

    /** A sweep of {@code base} over {@code axes} times {@code seeds}; checked now ({@link SweepException} naming the axis). */
    public SweepSpec(String name, ExperimentSpec base, List<Axis> axes, List<Long> seeds, List<Recorded> record) {
        this(name, base, axes, seeds, record, "sweep");
    }

    private SweepSpec(String name, ExperimentSpec base, List<Axis> axes, List<Long> seeds, List<Recorded> record, String source) {
        if (name == null || name.isBlank() || !name.matches("[A-Za-z0-9._-]+")) {
            throw new SweepException(source, "name", "= " + (name == null ? "null" : "\"" + name + "\"")
                    + ": expected a short name of letters, digits, '.', '_' or '-' (it names the results folder)");
        }
        if (base == null) throw new SweepException(source, "base", "missing: expected a preset name or an experiment spec");
        this.name = name;
        this.base = base;
        this.axes = List.copyOf(axes == null ? List.of() : axes);
        this.seeds = List.copyOf(seeds == null || seeds.isEmpty() ? List.of(base.seed()) : seeds);
        this.record = List.copyOf(record == null || record.isEmpty() ? Recorded.all() : new ArrayList<>(new LinkedHashSet<>(record)));
        if (seeds != null && new LinkedHashSet<>(seeds).size() != seeds.size()) {
            throw new SweepException(source, "seeds", "= " + seeds + ": a seed is listed twice (each seed is one cell per point)");
        }
        this.cells = derive(source);
    }

    public String name() { return name; }
    public ExperimentSpec base() { return base; }
    public List<Axis> axes() { return axes; }
    public List<Long> seeds() { return seeds; }
    public List<Recorded> record() { return record; }

    /** Every cell, in order: the product of the axes, first axis outermost, seeds innermost. */
    public List<Cell> cells() { return cells; }

    /** The result columns of the recorded figures, in order. */
    public List<String> recordedColumns() {
        List<String> c = new ArrayList<>();
        for (Recorded r : record) c.addAll(r.columns());
        return c;
    }

    /** The axis paths, then "seed": the coordinates of a cell. */
    public List<String> coordinates() {
        List<String> c = new ArrayList<>();
        for (Axis a : axes) c.add(a.path());
        c.add("seed");
        return c;
    }

    /** What a results folder is tied to: the base spec (every field) and the recorded figures; axes and seeds may grow. */
    String identity() {
        ObjectNode o = JSON.createObjectNode();
        try {
            o.set("base", JSON.readTree(base.toJson()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ArrayNode r = o.putArray("record");
        record.forEach(x -> r.add(x.column()));
        return o.toString();
    }

    /** A short hash of {@link #identity()}: default results folders are {@code <name>-<hash>}. */
    String identityHash() {
        return sha256(identity()).substring(0, 8);
    }

    private List<Cell> derive(String source) {
        ObjectNode baseTree = JSON.valueToTree(base);
        Map<String, JsonNode> baseLeaves = leaves(baseTree);
        // each axis: path checked, values checked one by one on the base (so the error names the axis and the value)
        List<List<JsonNode>> values = new ArrayList<>();
        for (int i = 0; i < axes.size(); i++) {
            Axis a = axes.get(i);
            String where = "axes[" + i + "]";
            if (a == null || a.path() == null || a.path().isBlank()) throw new SweepException(source, where + ".path", "missing: expected a spec field's JSON path, e.g. prune.keepFraction");
            String p = a.path();
            if (FIXED.contains(p)) {
                throw new SweepException(source, where + ".path", "= \"" + p + "\": " + (p.equals("seed") ? "vary seeds with \"seeds\": [1, 2, 3]"
                        : "the " + p + " is the base's; make one sweep per " + p));
            }
            for (int j = 0; j < i; j++) {
                String q = axes.get(j).path();
                if (p.equals(q) || p.startsWith(q + ".") || q.startsWith(p + ".")) {
                    throw new SweepException(source, where + ".path", "= \"" + p + "\": axes[" + j + "] (\"" + q + "\") already varies "
                            + (p.equals(q) ? "this field" : "it or a field inside it") + "; give all values on one axis");
                }
            }
            List<JsonNode> vs = a.values();
            if (a.count() <= 0 || vs.isEmpty()) {
                throw new SweepException(source, where, "axis " + p + " is empty: expected at least one value"
                        + (a.kind() == Axis.Kind.VALUES ? "" : " (" + (a.kind() == Axis.Kind.RANDOM ? "count" : "steps") + " >= 1)"));
            }
            if ((a.kind() == Axis.Kind.LOG || a.log()) && (a.from() <= 0 || a.to() <= 0)) {
                throw new SweepException(source, where, "axis " + p + ": a log range needs from > 0 and to > 0, got " + a.from() + ".." + a.to());
            }
            if (a.kind() == Axis.Kind.RANDOM && !(a.to() > a.from())) {
                throw new SweepException(source, where, "axis " + p + ": random draws need from < to, got " + a.from() + ".." + a.to());
            }
            JsonNode old = at(baseTree, p);
            List<JsonNode> checked = new ArrayList<>();
            for (int k = 0; k < vs.size(); k++) {
                JsonNode v = vs.get(k);
                String vWhere = a.kind() == Axis.Kind.VALUES ? where + ".values[" + k + "]" : where;
                if (old != null && old.isIntegralNumber() && v.isNumber() && v.asDouble() != Math.rint(v.asDouble())) {
                    if (a.kind() == Axis.Kind.VALUES) {
                        throw new SweepException(source, vWhere, "axis " + p + ", value " + v + ": " + p + " is a whole number");
                    }
                    v = JsonNodeFactory.instance.numberNode(Math.round(v.asDouble()));
                }
                try {
                    base.with(p, v);
                } catch (IllegalArgumentException e) {
                    throw new SweepException(source, vWhere, "axis " + p + ", value " + Cell.text(v) + ": " + e.getMessage().replaceFirst("^spec: ", ""));
                }
                checked.add(v);
            }
            values.add(checked);
        }
        List<Cell> out = new ArrayList<>();
        int[] at = new int[axes.size()];
        int points = values.stream().mapToInt(List::size).reduce(1, (x, y) -> x * y);
        Set<String> ids = new LinkedHashSet<>();
        for (int point = 0; point < points; point++) {
            int rest = point;
            for (int i = axes.size() - 1; i >= 0; i--) {
                at[i] = rest % values.get(i).size();
                rest /= values.get(i).size();
            }
            for (long seed : seeds) {
                Map<String, JsonNode> overrides = new LinkedHashMap<>();
                ExperimentSpec s = base;
                for (int i = 0; i < axes.size(); i++) {
                    JsonNode v = values.get(i).get(at[i]);
                    overrides.put(axes.get(i).path(), v);
                    try {
                        s = s.with(axes.get(i).path(), v);
                    } catch (IllegalArgumentException e) {
                        throw new SweepException(source, "axes", "the cell " + describe(overrides) + " is not a valid spec: " + e.getMessage().replaceFirst("^spec: ", ""));
                    }
                }
                s = s.withSeed(seed);
                overrides.put("seed", JsonNodeFactory.instance.numberNode(seed));
                String id = cellId(baseLeaves, leaves(JSON.valueToTree(s)));
                if (!ids.add(id)) continue;   // two values that give the same spec (e.g. 0.5 and 0.50): one cell
                out.add(new Cell(out.size(), id, overrides, s));
            }
        }
        return List.copyOf(out);
    }

    private static String describe(Map<String, JsonNode> overrides) {
        return new Cell(0, "", overrides, null).describe();
    }

    /** The hash of what a cell's spec changes from the base: sorted "path=value" lines over the leaves that differ. */
    static String cellId(Map<String, JsonNode> base, Map<String, JsonNode> cell) {
        TreeMap<String, String> diff = new TreeMap<>();
        for (var e : cell.entrySet()) if (!e.getValue().equals(base.get(e.getKey()))) diff.put(e.getKey(), e.getValue().toString());
        for (String k : base.keySet()) if (!cell.containsKey(k)) diff.put(k, "(absent)");
        StringBuilder sb = new StringBuilder();
        diff.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return sha256(sb.toString()).substring(0, 12);
    }

    /** Every leaf of a JSON tree by its path ("a.b[2].c"); an empty object or array is a leaf. */
    static Map<String, JsonNode> leaves(JsonNode tree) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        leaves(tree, "", out);
        return out;
    }

    private static void leaves(JsonNode n, String path, Map<String, JsonNode> out) {
        if (n.isObject() && n.size() > 0) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                var e = it.next();
                leaves(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out);
            }
        } else if (n.isArray() && n.size() > 0) {
            for (int i = 0; i < n.size(); i++) leaves(n.get(i), path + "[" + i + "]", out);
        } else {
            out.put(path, n);
        }
    }

    private static JsonNode at(JsonNode tree, String path) {
        JsonNode n = tree;
        for (String p : path.split("\\.")) {
            if (n == null) return null;
            n = n.get(p);
        }
        return n;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------------------------------------ JSON

    /** The sweep as JSON: the base as its preset and what differs from it. */
    public String toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("name", name);
        try {
            o.set("base", JSON.readTree(base.toJsonDifferences()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ArrayNode a = o.putArray("axes");
        axes.forEach(x -> a.add(x.toJson()));
        ArrayNode s = o.putArray("seeds");
        seeds.forEach(s::add);
        ArrayNode r = o.putArray("record");
        record.forEach(x -> r.add(x.column()));
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a sweep file; a base without a profile takes {@code defaultProfile}. */
    public static SweepSpec read(Path file, Profile defaultProfile) {
        return read(file, defaultProfile, false);
    }

    /** Reads a sweep file; with {@code force} the profile replaces the file's own (the command line's --profile). */
    public static SweepSpec read(Path file, Profile defaultProfile, boolean force) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new SweepException(file.toString(), "", "cannot read the file: " + e.getMessage());
        }
        String fileName = file.getFileName().toString().replaceFirst("\\.json$", "");
        return fromJson(text, file.toString(), defaultProfile, force, fileName);
    }

    /** Reads sweep JSON with the current profile as the default. */
    public static SweepSpec fromJson(String json) {
        return fromJson(json, "sweep", Profile.current(), false, null);
    }

    /** Reads sweep JSON; {@code source} names it in errors; {@code defaultName} when the file has no "name". */
    public static SweepSpec fromJson(String json, String source, Profile defaultProfile, boolean force, String defaultName) {
        JsonNode doc;
        try {
            doc = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new SweepException(source, "", "not valid JSON" + (loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr())
                    + ": " + e.getOriginalMessage());
        }
        if (doc == null || !doc.isObject()) {
            throw new SweepException(source, "", "expected a JSON object such as {\"base\": \"fashion-mlp\", \"axes\": [...]}");
        }
        Set<String> known = Set.of("name", "base", "profile", "axes", "seeds", "record");
        for (Iterator<String> it = doc.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) throw new SweepException(source, f, "unknown field; expected one of " + known.stream().sorted().toList());
        }
        String name = doc.has("name") ? doc.get("name").asText() : defaultName == null ? "sweep" : defaultName;
        Profile profile = defaultProfile;
        JsonNode pn = doc.get("profile");
        if (!force && pn != null && !pn.isNull()) {
            try {
                profile = Profile.parse(pn.asText(), "profile");
            } catch (IllegalArgumentException e) {
                throw new SweepException(source, "profile", "= " + pn + ": expected ci, quick or paper");
            }
        }
        JsonNode bn = doc.get("base");
        ExperimentSpec base;
        if (bn == null || bn.isNull()) {
            throw new SweepException(source, "base", "missing: expected a preset name (one of " + Presets.names() + ") or a spec {\"preset\": ...}");
        } else if (bn.isTextual()) {
            try {
                base = Presets.get(bn.asText(), profile);
            } catch (IllegalArgumentException e) {
                throw new SweepException(source, "base", e.getMessage());
            }
        } else if (bn.isObject()) {
            try {   // the base's own profile wins over the sweep's, unless forced from the command line
                base = SpecJson.read(bn.toString(), source + " (base)", profile, force);
            } catch (IllegalArgumentException e) {
                throw new SweepException(source, "base", e.getMessage());
            }
        } else {
            throw new SweepException(source, "base", "= " + bn + ": expected a preset name or a spec object");
        }
        List<Axis> axes = new ArrayList<>();
        JsonNode an = doc.get("axes");
        if (an != null && !an.isNull()) {
            if (!an.isArray()) throw new SweepException(source, "axes", "expected a list of axes [{\"path\": ..., \"values\": [...]}]");
            for (int i = 0; i < an.size(); i++) axes.add(axis(an.get(i), source, "axes[" + i + "]"));
        }
        List<Long> seeds = seeds(doc.get("seeds"), source, base.seed());
        List<Recorded> record = new ArrayList<>();
        JsonNode rn = doc.get("record");
        if (rn != null && !rn.isNull()) {
            if (!rn.isArray() || rn.isEmpty()) throw new SweepException(source, "record", "expected a non-empty list of " + Recorded.names());
            for (int i = 0; i < rn.size(); i++) {
                Recorded r = Recorded.parse(rn.get(i).asText());
                if (r == null) throw new SweepException(source, "record[" + i + "]", "= " + rn.get(i) + ": expected one of " + Recorded.names());
                record.add(r);
            }
        }
        return new SweepSpec(name, base, axes, seeds, record, source);
    }

    private static Axis axis(JsonNode n, String source, String where) {
        if (n == null || !n.isObject()) throw new SweepException(source, where, "expected an axis {\"path\": ..., \"values\": [...]}");
        JsonNode path = n.get("path");
        if (path == null || !path.isTextual()) throw new SweepException(source, where + ".path", "missing: expected a spec field's JSON path, e.g. prune.keepFraction");
        String p = path.asText();
        List<String> kinds = new ArrayList<>();
        for (String k : List.of("values", "grid", "log", "random")) if (n.has(k)) kinds.add(k);
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("path") && !List.of("values", "grid", "log", "random").contains(f)) {
                throw new SweepException(source, where + "." + f, "unknown field of axis " + p + "; expected path and one of values, grid, log, random");
            }
        }
        if (kinds.size() != 1) {
            throw new SweepException(source, where, "axis " + p + ": expected exactly one of \"values\", \"grid\", \"log\", \"random\", got " + kinds);
        }
        String kind = kinds.get(0);
        JsonNode v = n.get(kind);
        String at = where + "." + kind;
        if (kind.equals("values")) {
            if (!v.isArray()) throw new SweepException(source, at, "axis " + p + ": expected a list of values");
            List<JsonNode> listed = new ArrayList<>();
            v.forEach(listed::add);
            return new Axis(p, Axis.Kind.VALUES, listed, 0, 0, listed.size(), 0, false);
        }
        if (!v.isObject()) throw new SweepException(source, at, "axis " + p + ": expected an object {\"from\": ..., \"to\": ..., \"" + (kind.equals("random") ? "count" : "steps") + "\": ...}");
        Set<String> fields = kind.equals("random") ? Set.of("from", "to", "count", "seed", "log") : Set.of("from", "to", "steps");
        for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!fields.contains(f)) throw new SweepException(source, at + "." + f, "unknown field of axis " + p + "; expected " + fields.stream().sorted().toList());
        }
        double from = number(v, "from", source, at, p), to = number(v, "to", source, at, p);
        int count = (int) whole(v, kind.equals("random") ? "count" : "steps", source, at, p);
        return switch (kind) {
            case "grid" -> Axis.grid(p, from, to, count);
            case "log" -> Axis.logRange(p, from, to, count);
            default -> new Axis(p, Axis.Kind.RANDOM, List.of(), from, to, count, v.has("seed") ? whole(v, "seed", source, at, p) : 0,
                    v.has("log") && v.get("log").asBoolean());
        };
    }

    private static double number(JsonNode o, String f, String source, String at, String path) {
        JsonNode n = o.get(f);
        if (n == null || !n.isNumber()) throw new SweepException(source, at + "." + f, (n == null ? "missing" : "= " + n) + ": axis " + path + " needs a number");
        return n.asDouble();
    }

    private static long whole(JsonNode o, String f, String source, String at, String path) {
        JsonNode n = o.get(f);
        if (n == null || !n.isIntegralNumber()) throw new SweepException(source, at + "." + f, (n == null ? "missing" : "= " + n) + ": axis " + path + " needs a whole number");
        return n.asLong();
    }

    private static List<Long> seeds(JsonNode n, String source, long baseSeed) {
        if (n == null || n.isNull()) return List.of(baseSeed);
        List<Long> out = new ArrayList<>();
        if (n.isArray()) {
            if (n.isEmpty()) throw new SweepException(source, "seeds", "is empty: expected at least one seed, e.g. [1, 2, 3]");
            for (int i = 0; i < n.size(); i++) {
                if (!n.get(i).isIntegralNumber()) throw new SweepException(source, "seeds[" + i + "]", "= " + n.get(i) + ": expected a whole number");
                out.add(n.get(i).asLong());
            }
            return out;
        }
        if (n.isObject()) {
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!f.equals("count") && !f.equals("first")) throw new SweepException(source, "seeds." + f, "unknown field; expected count and first");
            }
            JsonNode c = n.get("count");
            if (c == null || !c.isIntegralNumber() || c.asInt() < 1) {
                throw new SweepException(source, "seeds.count", (c == null ? "missing" : "= " + c) + ": expected a whole number >= 1");
            }
            JsonNode f = n.get("first");
            if (f != null && !f.isIntegralNumber()) throw new SweepException(source, "seeds.first", "= " + f + ": expected a whole number");
            long first = f == null ? baseSeed : f.asLong();
            for (int i = 0; i < c.asInt(); i++) out.add(first + i);
            return out;
        }
        throw new SweepException(source, "seeds", "= " + n + ": expected a list [1, 2, 3] or {\"count\": 3, \"first\": 1}");
    }

    // ------------------------------------------------------------------------------------------------ builder

    /** A builder for a sweep of {@code base}: axes, seeds, what to record. */
    public static Builder over(ExperimentSpec base) {
        return new Builder(base);
    }

    /** Builds a {@link SweepSpec} in a notebook: {@code SweepSpec.over(spec).values("prune.keepFraction", 0.3, 0.5).seedCount(3).build()}. */
    public static final class Builder {
        private final ExperimentSpec base;
        private String name = "sweep";
        private final List<Axis> axes = new ArrayList<>();
        private List<Long> seeds;
        private List<Recorded> record;

        private Builder(ExperimentSpec base) {
            this.base = base;
            this.name = base == null ? "sweep" : base.preset() + "-sweep";
        }

        public Builder name(String n) { this.name = n; return this; }

        public Builder values(String path, Object... values) { axes.add(Axis.values(path, Arrays.asList(values))); return this; }

        public Builder values(String path, List<?> values) { axes.add(Axis.values(path, values)); return this; }

        public Builder grid(String path, double from, double to, int steps) { axes.add(Axis.grid(path, from, to, steps)); return this; }

        public Builder logRange(String path, double from, double to, int steps) { axes.add(Axis.logRange(path, from, to, steps)); return this; }

        public Builder random(String path, double from, double to, int count, long seed) { axes.add(Axis.random(path, from, to, count, seed)); return this; }

        public Builder axis(Axis a) { axes.add(a); return this; }

        public Builder seeds(long... s) {
            seeds = new ArrayList<>();
            for (long x : s) seeds.add(x);
            return this;
        }

        /** {@code n} seeds from the base's seed up. */
        public Builder seedCount(int n) {
            if (n < 1) throw new SweepException("sweep", "seeds", "count " + n + ": expected >= 1");
            seeds = new ArrayList<>();
            for (int i = 0; i < n; i++) seeds.add(base.seed() + i);
            return this;
        }

        public Builder record(Recorded... r) { record = List.of(r); return this; }

        public SweepSpec build() {
            return new SweepSpec(name, base, axes, seeds, record);
        }
    }

    @Override
    public String toString() {
        return "SweepSpec[" + name + ": " + base + "; " + (axes.isEmpty() ? "no axes" : String.join("; ", axes.stream().map(Axis::describe).toList()))
                + "; seeds " + seeds
                + "; " + cells.size() + " cells]";
    }
}
