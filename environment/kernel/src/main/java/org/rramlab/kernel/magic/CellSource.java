package org.rramlab.kernel.magic;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a cell into Java code and line magics ({@code %name args} alone on a line), in order. IJava allows
 * magics anywhere in a cell; so does this. {@code %%} cell magics are not supported and stay Java (and fail there).
 */
public final class CellSource {

    /** A piece of a cell: either Java code or one line magic. */
    public sealed interface Part permits Code, Magic {}

    /** Java source between magics. */
    public record Code(String source) implements Part {}

    /** {@code %name arg1 "arg 2"}: the name and its arguments, quotes removed. */
    public record Magic(String name, List<String> args, String line) implements Part {}

    private CellSource() {}

    public static List<Part> split(String cell) {
        List<Part> parts = new ArrayList<>();
        StringBuilder code = new StringBuilder();
        for (String line : cell.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("%") && !trimmed.startsWith("%%") && trimmed.length() > 1
                    && Character.isLetter(trimmed.charAt(1))) {
                flush(code, parts);
                List<String> words = words(trimmed.substring(1));
                parts.add(new Magic(words.get(0), List.copyOf(words.subList(1, words.size())), trimmed));
            } else {
                code.append(line).append('\n');
            }
        }
        flush(code, parts);
        return parts;
    }

    private static void flush(StringBuilder code, List<Part> parts) {
        if (!code.toString().isBlank()) {
            parts.add(new Code(code.toString()));
        }
        code.setLength(0);
    }

    /** Whitespace-separated words; single or double quotes keep spaces inside a word. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (char c : text.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
