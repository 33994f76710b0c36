package org.rramlab.kernel.magic;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a cell into Java code and line magics ({@code %name args} alone on a line), in order. IJava allows
 * magics anywhere in a cell; so does this. A cell magic ({@code %%name args}) must be the cell's first line, as in
 * IPython: the rest of the cell is its body.
 */
public final class CellSource {

    /** A piece of a cell: Java code, one line magic, or a cell magic with its body. */
    public sealed interface Part permits Code, Magic, CellMagic {}

    /** Java source between magics. */
    public record Code(String source) implements Part {}

    /**
     * {@code %name arg1 "arg 2"}: the name, its arguments with quotes removed, the text after the name as it
     * was typed ({@code %time} runs it as code) and the whole line.
     */
    public record Magic(String name, List<String> args, String rest, String line) implements Part {}

    /** {@code %%name args} on the first line, and the lines after it. */
    public record CellMagic(String name, List<String> args, String body, String line) implements Part {}

    private CellSource() {}

    /** @throws MagicException for a {@code %%} line that is not the cell's first line */
    public static List<Part> split(String cell) throws MagicException {
        String[] lines = cell.split("\n", -1);
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) {
            first++;
        }
        if (first < lines.length && isCellMagic(lines[first].strip())) {
            String line = lines[first].strip();
            String body = String.join("\n", java.util.Arrays.copyOfRange(lines, first + 1, lines.length));
            List<String> words = words(line.substring(2));
            checkNoLaterCellMagic(lines, first + 1);
            return List.of(new CellMagic(words.get(0), List.copyOf(words.subList(1, words.size())), body, line));
        }
        checkNoLaterCellMagic(lines, first);
        List<Part> parts = new ArrayList<>();
        StringBuilder code = new StringBuilder();
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.startsWith("%") && !trimmed.startsWith("%%") && trimmed.length() > 1
                    && Character.isLetter(trimmed.charAt(1))) {
                flush(code, parts);
                List<String> words = words(trimmed.substring(1));
                String name = words.get(0);
                String rest = trimmed.substring(1 + name.length()).strip();
                parts.add(new Magic(name, List.copyOf(words.subList(1, words.size())), rest, trimmed));
            } else {
                code.append(line).append('\n');
            }
        }
        flush(code, parts);
        return parts;
    }

    private static boolean isCellMagic(String trimmed) {
        return trimmed.startsWith("%%") && trimmed.length() > 2 && Character.isLetter(trimmed.charAt(2));
    }

    private static void checkNoLaterCellMagic(String[] lines, int from) throws MagicException {
        for (int i = from; i < lines.length; i++) {
            String trimmed = lines[i].strip();
            if (isCellMagic(trimmed)) {
                throw new MagicException("cell magic '" + trimmed + "' is on line " + (i + 1)
                        + " of the cell; a cell magic (%%name) must be the cell's first line");
            }
        }
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
