package org.rramlab.experiment;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rramlab.device.DeviceModel;
import org.rramlab.util.Configs;

/**
 * Experiment specs in JSON. A spec file names its preset and what differs from it:
 * <pre>{"preset": "fashion", "profile": "quick", "prune": {"keepFraction": 0.3}}</pre>
 * The file is merged onto the preset (an object whose {@code kind} differs from the preset's replaces it whole; a
 * device may be given by preset name, {@code "device": "pcm"}), then checked field by field against the records:
 * an unknown field, a missing one, a value of the wrong type or outside its range, an unknown preset, a data folder that
 * is not there each give one {@link SpecException} naming the JSON path, the value and what was expected.
 */
public final class SpecJson {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Fields that may be null (absent): everything else is required. */
    private static final Set<String> OPTIONAL = Set.of("dataDir", "measuredTable", "baseline", "layers");

    private SpecJson() {}

    /** A spec that cannot be read: the message names the file, the JSON path, the value and what was expected. */
    public static final class SpecException extends IllegalArgumentException {
        private final String path;

        SpecException(String source, String path, String message) {
            super(source + ": " + (path.isEmpty() ? "" : path + ": ") + message);
            this.path = path;
        }

        /** The JSON path of the field at fault ("" for the document). */
        public String path() {
            return path;
        }
    }

    /** Reads a spec file; a relative {@code dataDir} is taken relative to the working folder. */
    public static ExperimentSpec read(Path file, Profile defaultProfile) {
        return read(file, defaultProfile, false);
    }

    /** Reads a spec file; with {@code force} the profile replaces the file's own. */
    public static ExperimentSpec read(Path file, Profile defaultProfile, boolean force) {
        String text;
        try {
            text = Files.readString(file);
        } catch (java.io.IOException e) {
            throw new SpecException(file.toString(), "", "cannot read the file: " + e.getMessage());
        }
        return read(text, file.toString(), defaultProfile, force);
    }

    /** Reads spec JSON; {@code source} names it in errors; a spec without "profile" takes {@code defaultProfile}. */
    public static ExperimentSpec read(String json, String source, Profile defaultProfile) {
        return read(json, source, defaultProfile, false);
    }

    /** As {@link #read(String, String, Profile)}; with {@code force} the profile replaces the spec's own. */
    public static ExperimentSpec read(String json, String source, Profile defaultProfile, boolean force) {
        JsonNode doc;
        try {
            doc = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new SpecException(source, "", "not valid JSON" + (loc == null ? "" : " at line " + loc.getLineNr() + ", column "
                    + loc.getColumnNr()) + ": " + e.getOriginalMessage());
        }
        if (doc == null || !doc.isObject()) {
            throw new SpecException(source, "", "expected a JSON object such as {\"preset\": \"fashion\"}, got " + (doc == null ? "nothing" : doc.getNodeType()));
        }
        JsonNode presetNode = doc.get("preset");
        if (presetNode == null || !presetNode.isTextual()) {
            throw new SpecException(source, "preset", (presetNode == null ? "missing" : "= " + presetNode) + ": expected the name of the preset the "
                    + "spec starts from, one of " + Presets.names());
        }
        Profile profile = defaultProfile;
        JsonNode profileNode = doc.get("profile");
        if (!force && profileNode != null && !profileNode.isNull()) {
            try {
                profile = Profile.parse(profileNode.asText(), "profile");
            } catch (IllegalArgumentException e) {
                throw new SpecException(source, "profile", "= " + profileNode + ": expected ci, quick or paper");
            }
        }
        ExperimentSpec base;
        try {
            base = Presets.get(presetNode.asText(), profile);
        } catch (IllegalArgumentException e) {
            throw new SpecException(source, "preset", e.getMessage());
        }
        ObjectNode merged = (ObjectNode) JSON.valueToTree(base);
        ObjectNode over = ((ObjectNode) doc).deepCopy();
        over.remove("profile");
        merge(merged, over);
        merged.put("profile", profile.name());
        return convert(merged, source);
    }

    /** Reads spec JSON with the current profile as the default. */
    static ExperimentSpec read(String json, String source) {
        return read(json, source, Profile.current());
    }

    /** Every field of the spec. */
    static String write(ExperimentSpec spec) {
        try {
            return JSON.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the spec as JSON", e);
        }
    }

    /** The preset, profile and only the fields that differ from the preset: what a user would write. */
    static String writeDifferences(ExperimentSpec spec) {
        ObjectNode out = JSON.createObjectNode();
        out.put("preset", spec.preset());
        out.put("profile", spec.profile().lowerName());
        JsonNode a = JSON.valueToTree(spec), b = JSON.valueToTree(Presets.get(spec.preset(), spec.profile()));
        diffInto(out, a, b);
        out.remove("preset");
        out.remove("profile");
        ObjectNode ordered = JSON.createObjectNode();
        ordered.put("preset", spec.preset());
        ordered.put("profile", spec.profile().lowerName());
        ordered.setAll(out);
        try {
            return JSON.writeValueAsString(ordered);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "path=value" for every field that differs from the spec's preset. */
    static List<String> differences(ExperimentSpec spec) {
        List<String> d = new ArrayList<>(Configs.differences(spec, Presets.get(spec.preset(), spec.profile())));
        d.removeIf(s -> s.startsWith("preset=") || s.startsWith("profile="));
        return d;
    }

    /** The spec with the field at {@code path} (dotted, e.g. "weights.device.readNoise.relative") set to {@code value}. */
    static ExperimentSpec with(ExperimentSpec spec, String path, Object value) {
        ObjectNode tree = JSON.valueToTree(spec);
        String[] parts = path.split("\\.");
        ObjectNode at = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = at.get(parts[i]);
            if (next == null || !next.isObject()) {
                throw new SpecException("spec", String.join(".", Arrays.copyOf(parts, i + 1)), next == null ? "no such field" : "is not an object");
            }
            at = (ObjectNode) next;
        }
        String last = parts[parts.length - 1];
        if (!at.has(last) && !OPTIONAL.contains(last)) {
            throw new SpecException("spec", path, "no such field; the object has " + names(at));
        }
        JsonNode v = JSON.valueToTree(value);
        JsonNode old = at.get(last);
        if (v.isObject() && old != null && old.isObject() && sameKind(old, v)) {
            merge((ObjectNode) old, (ObjectNode) v);
        } else {
            at.set(last, v);
        }
        return convert(tree, "spec");
    }

    /** The spec a tree describes, with every field checked. */
    static ExperimentSpec convert(JsonNode tree, String source) {
        check(tree, ExperimentSpec.class, "", source);
        try {
            ExperimentSpec spec = JSON.treeToValue(tree, ExperimentSpec.class);
            if (spec.task().dataDir() != null && !Files.isDirectory(Path.of(spec.task().dataDir()))) {
                throw new SpecException(source, "task.dataDir", "= \"" + spec.task().dataDir() + "\": no such folder");
            }
            if (spec.weights() instanceof WeightsSpec.Device d && d.measuredTable() != null && !Files.isRegularFile(Path.of(d.measuredTable()))) {
                throw new SpecException(source, "weights.measuredTable", "= \"" + d.measuredTable() + "\": no such file");
            }
            return spec;
        } catch (JsonMappingException e) {
            String path = path(e);
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            String message = cause == e ? e.getOriginalMessage() : cause.getMessage();
            // a record's own check names its field first ("keepFraction: expected ...", "adc.bits = 30: ..."): point there
            var field = java.util.regex.Pattern.compile("^([A-Za-z][\\w.]*)\\s*(=|:)").matcher(message == null ? "" : message);
            if (cause != e && field.find()) {
                String name = field.group(1).substring(field.group(1).lastIndexOf('.') + 1);
                JsonNode holder = at(tree, path);
                if (holder != null && holder.has(name)) path = join(path, name);
            }
            JsonNode value = at(tree, path);
            throw new SpecException(source, path, (value == null || value.isContainerNode() ? "" : "= " + value + ": ") + message);
        } catch (JsonProcessingException e) {
            throw new SpecException(source, "", e.getOriginalMessage());
        }
    }

    /** Unknown and missing fields, by the records' components; sealed types by their "kind". */
    private static void check(JsonNode node, Type type, String path, String source) {
        Class<?> cls = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (node == null || node.isNull()) return;
        if (cls == DeviceModel.class && node.isTextual()) return;   // a preset name, checked when converted
        if (cls == org.rramlab.device.ConductanceCurve.class && node.isNumber()) return;   // a constant curve
        if (cls.isSealed() && cls.isAnnotationPresent(JsonTypeInfo.class)) {
            String prop = cls.getAnnotation(JsonTypeInfo.class).property();
            JsonNode kind = node.get(prop);
            List<String> kinds = Arrays.stream(cls.getAnnotation(JsonSubTypes.class).value()).map(JsonSubTypes.Type::name).toList();
            if (kind == null || !kinds.contains(kind.asText())) {
                throw new SpecException(source, join(path, prop), (kind == null ? "missing" : "= " + kind) + ": expected one of " + kinds);
            }
            Class<?> sub = Arrays.stream(cls.getAnnotation(JsonSubTypes.class).value()).filter(t -> t.name().equals(kind.asText()))
                    .findFirst().orElseThrow().value();
            checkRecord(node, sub, path, source, prop);
            return;
        }
        if (cls.isRecord()) {
            checkRecord(node, cls, path, source, null);
        } else if (Map.class.isAssignableFrom(cls) && type instanceof ParameterizedType p && node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var e = it.next();
                check(e.getValue(), p.getActualTypeArguments()[1], join(path, e.getKey()), source);
            }
        } else if (List.class.isAssignableFrom(cls) && type instanceof ParameterizedType p && node.isArray()) {
            for (int i = 0; i < node.size(); i++) check(node.get(i), p.getActualTypeArguments()[0], path + "[" + i + "]", source);
        }
    }

    private static void checkRecord(JsonNode node, Class<?> cls, String path, String source, String typeProperty) {
        if (!node.isObject()) {
            throw new SpecException(source, path, "= " + node + ": expected an object with " + componentNames(cls, typeProperty));
        }
        RecordComponent[] components = cls.getRecordComponents();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (name.equals(typeProperty)) continue;
            if (Arrays.stream(components).noneMatch(c -> c.getName().equals(name))) {
                throw new SpecException(source, join(path, name), "unknown field; expected one of " + componentNames(cls, typeProperty));
            }
        }
        for (RecordComponent c : components) {
            JsonNode v = node.get(c.getName());
            if ((v == null || v.isNull()) && !OPTIONAL.contains(c.getName()) && !c.getName().equals("preset")) {
                throw new SpecException(source, join(path, c.getName()), "missing: expected " + describe(c));
            }
            check(v, c.getGenericType(), join(path, c.getName()), source);
        }
    }

    private static String describe(RecordComponent c) {
        Class<?> t = c.getType();
        if (t.isEnum()) return "one of " + Arrays.toString(t.getEnumConstants());
        if (t == int.class || t == long.class) return "a whole number";
        if (t == double.class) return "a number";
        if (t == boolean.class) return "true or false";
        if (t == String.class) return "a text";
        return "a " + t.getSimpleName() + " (an object)";
    }

    private static String componentNames(Class<?> cls, String typeProperty) {
        List<String> names = new ArrayList<>();
        if (typeProperty != null) names.add(typeProperty);
        for (RecordComponent c : cls.getRecordComponents()) names.add(c.getName());
        return names.toString();
    }

    /** Merges {@code over} into {@code base}: objects field by field, except an object of another kind, which replaces. */
    private static void merge(ObjectNode base, ObjectNode over) {
        for (Iterator<Map.Entry<String, JsonNode>> it = over.fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode old = base.get(e.getKey());
            if (old != null && old.isObject() && e.getValue().isObject() && sameKind(old, e.getValue())) {
                merge((ObjectNode) old, (ObjectNode) e.getValue());
            } else {
                base.set(e.getKey(), e.getValue());
            }
        }
    }

    private static boolean sameKind(JsonNode a, JsonNode b) {
        for (String k : List.of("kind", "type")) {
            if (b.has(k) && (!a.has(k) || !a.get(k).equals(b.get(k)))) return false;
        }
        return true;
    }

    private static void diffInto(ObjectNode out, JsonNode a, JsonNode b) {
        for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode other = b == null ? null : b.get(e.getKey());
            if (e.getValue().equals(other)) continue;
            if (e.getValue().isObject() && other != null && other.isObject() && sameKind(other, e.getValue())) {
                ObjectNode sub = JSON.createObjectNode();
                diffInto(sub, e.getValue(), other);
                out.set(e.getKey(), sub);
            } else {
                out.set(e.getKey(), e.getValue());
            }
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            else if (r.getIndex() >= 0) sb.append('[').append(r.getIndex()).append(']');
        }
        return sb.toString();
    }

    private static JsonNode at(JsonNode tree, String path) {
        JsonNode n = tree;
        for (String p : path.split("\\.")) {
            if (p.isEmpty() || n == null) continue;
            int bracket = p.indexOf('[');
            n = n.get(bracket < 0 ? p : p.substring(0, bracket));
            if (n != null && bracket >= 0) n = n.get(Integer.parseInt(p.substring(bracket + 1, p.length() - 1)));
        }
        return n;
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static List<String> names(JsonNode node) {
        List<String> n = new ArrayList<>();
        node.fieldNames().forEachRemaining(n::add);
        return n;
    }

    /** The JSON kind name of a spec object or class, e.g. "fashion-cnn". */
    static String kindOf(Object specOrClass) {
        Class<?> c = specOrClass instanceof Class<?> k ? k : specOrClass.getClass();
        if (c.isInterface() && c.isSealed()) {   // a group of kinds, e.g. the image tasks
            return String.join(" or ", Arrays.stream(c.getPermittedSubclasses()).map(SpecJson::kindOf).toList());
        }
        java.util.Deque<Class<?>> interfaces = new java.util.ArrayDeque<>(List.of(c.getInterfaces()));
        while (!interfaces.isEmpty()) {   // the sealed spec type may be a super-interface (an image task is a TaskSpec.Images)
            Class<?> i = interfaces.poll();
            interfaces.addAll(List.of(i.getInterfaces()));
            JsonSubTypes types = i.getAnnotation(JsonSubTypes.class);
            if (types == null) continue;
            for (JsonSubTypes.Type t : types.value()) if (t.value() == c) return t.name();
        }
        return c.getSimpleName();
    }
}
