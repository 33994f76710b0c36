package org.rramlab.util;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** JSON round trip and "what differs from the preset" for the configuration records of rramlab. */
public final class Configs {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Configs() {
    }

    public static String toJson(Object config) {
        try {
            return JSON.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + config.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Reads a record from JSON; the record's own checks run, so a bad value fails with its message. */
    public static <T> T fromJson(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            throw new IllegalArgumentException("JSON for " + type.getSimpleName() + ": " + cause.getMessage(), e);
        }
    }

    /** Fields (dotted paths) whose values differ between {@code config} and {@code reference}: "path=value". */
    public static List<String> differences(Object config, Object reference) {
        List<String> out = new ArrayList<>();
        diff("", JSON.valueToTree(config), JSON.valueToTree(reference), out);
        return out;
    }

    private static void diff(String path, JsonNode a, JsonNode b, List<String> out) {
        if (a.equals(b)) {
            return;
        }
        if (a.isObject() && b != null && b.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode other = b.get(e.getKey());
                String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (other == null) {
                    out.add(p + "=" + e.getValue());
                } else {
                    diff(p, e.getValue(), other, out);
                }
            }
            return;
        }
        out.add(path + "=" + (a.isArray() ? "[" + a.size() + " values]" : a.toString()));
    }
}
