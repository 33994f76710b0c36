package org.rramlab.kernel.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the kernel has run since it started, for {@code history_request}: each stored cell's execution count, its
 * source and the text form of its result. One session only (the kernel keeps no history on disk): it is
 * session {@value #SESSION}, and a request for session 0 (IPython's "current session") means it too; earlier
 * sessions (negative numbers) are empty.
 *
 * <p>Replies are built as JSON here because the base library serialises its history entries as objects, while the
 * protocol wants {@code [session, line, input]} or {@code [session, line, [input, output]]} triples.
 */
public final class CellHistory {
    /** The session number of this kernel's cells. */
    public static final int SESSION = 1;

    /** One cell: its execution count, source and result text ("" when it had none or failed). */
    public record Entry(int line, String input, String output) {}

    private final List<Entry> entries = new ArrayList<>();

    public synchronized void record(int line, String input, String output) {
        entries.add(new Entry(line, input, output == null ? "" : output));
    }

    /** The last {@code n} cells (all of them when {@code n <= 0}). */
    public synchronized List<Entry> tail(int n) {
        int from = n <= 0 ? 0 : Math.max(0, entries.size() - n);
        return List.copyOf(entries.subList(from, entries.size()));
    }

    /**
     * Cells with {@code start <= line < stop} in {@code session}; {@code stop <= 0} means to the last cell (the
     * field is absent from requests that want everything from {@code start}).
     */
    public synchronized List<Entry> range(int session, int start, int stop) {
        if (session != SESSION && session != 0) {
            return List.of();
        }
        return entries.stream().filter(e -> e.line() >= start && (stop <= 0 || e.line() < stop)).toList();
    }

    /**
     * The last {@code n} cells (all when {@code n <= 0}) whose whole source matches the glob {@code pattern}
     * ({@code *}, {@code ?}, {@code [abc]}, {@code [^abc]}, as IPython's SQLite GLOB); with {@code unique}, each
     * source only once, at its latest run.
     */
    public synchronized List<Entry> search(String pattern, int n, boolean unique) {
        Pattern regex = glob(pattern == null || pattern.isEmpty() ? "*" : pattern);
        List<Entry> matches = entries.stream().filter(e -> regex.matcher(e.input()).matches()).toList();
        if (unique) {
            Map<String, Entry> latest = new LinkedHashMap<>();
            for (Entry e : matches) {
                latest.remove(e.input());
                latest.put(e.input(), e);
            }
            matches = List.copyOf(latest.values());
        }
        int from = n <= 0 ? 0 : Math.max(0, matches.size() - n);
        return matches.subList(from, matches.size());
    }

    /** A glob as a regular expression over the whole text (a '*' also crosses line ends). */
    static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                case '[' -> {
                    int close = glob.indexOf(']', i + 2);
                    if (close < 0) {
                        regex.append("\\[");
                    } else {
                        String body = glob.substring(i + 1, close);
                        boolean negated = body.startsWith("^");
                        if (negated) {
                            body = body.substring(1);
                        }
                        regex.append(negated ? "[^" : "[").append(body.replace("\\", "\\\\").replace("[", "\\["))
                                .append(']');
                        i = close;
                    }
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    /** The content of a {@code history_reply} for these entries. */
    public static JsonObject reply(List<Entry> entries, boolean withOutput) {
        JsonArray history = new JsonArray();
        for (Entry e : entries) {
            JsonArray triple = new JsonArray();
            triple.add(SESSION);
            triple.add(e.line());
            if (withOutput) {
                JsonArray io = new JsonArray();
                io.add(e.input());
                io.add(e.output());
                triple.add(io);
            } else {
                triple.add(e.input());
            }
            history.add(triple);
        }
        JsonObject content = new JsonObject();
        content.addProperty("status", "ok");
        content.add("history", history);
        return content;
    }
}
