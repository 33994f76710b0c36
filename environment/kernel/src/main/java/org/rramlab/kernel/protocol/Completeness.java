package org.rramlab.kernel.protocol;

import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import org.rramlab.kernel.magic.CellSource;
import org.rramlab.kernel.magic.MagicException;

import java.util.List;

/**
 * {@code is_complete_request}: would this console input run as it is, or does it need more lines? Decided by
 * JShell's own source analysis ({@link SourceCodeAnalysis#analyzeCompletion}), snippet by snippet, around the
 * cell's magics:
 * <ul>
 *   <li>every snippet complete (also one JShell completes with a semicolon, {@code int x = 1}) and every magic
 *       line: {@code complete};</li>
 *   <li>the last snippet definitely or probably unfinished (an open body, <code>int f() {</code>, a {@code for (...)} without a body,
 *       an open comment or text block), or a cell magic without its body: {@code incomplete}, with the indent of
 *       the next line: four spaces per open bracket, else the last line's indent plus four (a continued
 *       statement);</li>
 *   <li>JShell cannot make sense of it ({@code int x = ;}, an unmatched {@code )}, an unclosed string literal),
 *       an unfinished snippet followed by a magic line, or a {@code %%} magic that is not on the first line:
 *       {@code invalid}.</li>
 * </ul>
 * Code that parses but will not compile ({@code int 3x = 1;}) is {@code complete}: running it shows the compiler's
 * message, which is more use than a refusal to run.
 */
public final class Completeness {
    /** The reply: {@code status} is complete, incomplete or invalid; {@code indent} only for incomplete. */
    public record Verdict(String status, String indent) {
        public static final Verdict COMPLETE = new Verdict("complete", "");
        public static final Verdict INVALID = new Verdict("invalid", "");

        static Verdict incomplete(String indent) {
            return new Verdict("incomplete", indent);
        }
    }

    private Completeness() {}

    public static Verdict of(String cell, SourceCodeAnalysis analysis) {
        List<CellSource.Part> parts;
        try {
            parts = CellSource.split(cell);
        } catch (MagicException e) {
            return Verdict.INVALID;
        }
        for (int i = 0; i < parts.size(); i++) {
            boolean last = i == parts.size() - 1;
            CellSource.Part part = parts.get(i);
            if (part instanceof CellSource.CellMagic magic) {
                if (magic.body().isBlank()) {
                    return Verdict.incomplete("");
                }
                // %%time's body is the cell's code, with magics of its own.
                return of(magic.body(), analysis);
            }
            if (part instanceof CellSource.Code code) {
                Verdict verdict = ofCode(code.source(), analysis);
                if (verdict.status().equals("incomplete") && !last) {
                    return Verdict.INVALID;
                }
                if (!verdict.equals(Verdict.COMPLETE)) {
                    return verdict;
                }
            }
        }
        return Verdict.COMPLETE;
    }

    private static Verdict ofCode(String source, SourceCodeAnalysis analysis) {
        String remaining = source;
        while (true) {
            CompletionInfo info = analysis.analyzeCompletion(remaining);
            switch (info.completeness()) {
                case COMPLETE, COMPLETE_WITH_SEMI -> {
                    if (info.remaining().length() >= remaining.length()) {
                        return Verdict.COMPLETE; // no progress: never loop
                    }
                    remaining = info.remaining();
                }
                case EMPTY -> {
                    return Verdict.COMPLETE;
                }
                case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> {
                    return Verdict.incomplete(indentAfter(source));
                }
                default -> {
                    return Verdict.INVALID;
                }
            }
        }
    }

    /**
     * The indent for the line after {@code source}: four spaces per bracket still open; inside an open comment or
     * text block the last line's indent; else (a statement continued) the last line's indent plus four.
     */
    static String indentAfter(String source) {
        Scan scan = scan(source);
        if (scan.depth() > 0 && !scan.inCommentOrTextBlock()) {
            return "    ".repeat(scan.depth());
        }
        String[] lines = source.stripTrailing().split("\n");
        String lastLine = lines.length == 0 ? "" : lines[lines.length - 1];
        int indent = 0;
        while (indent < lastLine.length() && lastLine.charAt(indent) == ' ') {
            indent++;
        }
        return " ".repeat(scan.inCommentOrTextBlock() ? indent : indent + 4);
    }

    /** How many brackets are open at the end of the source, and whether it ends inside a comment or text block. */
    record Scan(int depth, boolean inCommentOrTextBlock) {}

    /** Open ( [ { minus closed ones, outside comments, string and character literals and text blocks. */
    static Scan scan(String s) {
        int depth = 0;
        int i = 0;
        boolean open = false;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (s.startsWith("//", i)) {
                int end = s.indexOf('\n', i);
                i = end < 0 ? s.length() : end + 1;
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                open = end < 0;
                i = end < 0 ? s.length() : end + 2;
            } else if (s.startsWith("\"\"\"", i)) {
                int end = s.indexOf("\"\"\"", i + 3);
                open = end < 0;
                i = end < 0 ? s.length() : end + 3;
            } else if (c == '"' || c == '\'') {
                i++;
                while (i < s.length() && s.charAt(i) != c && s.charAt(i) != '\n') {
                    i += s.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
            } else {
                if (c == '(' || c == '[' || c == '{') {
                    depth++;
                } else if (c == ')' || c == ']' || c == '}') {
                    depth--;
                }
                i++;
            }
        }
        return new Scan(Math.max(depth, 0), open);
    }
}
