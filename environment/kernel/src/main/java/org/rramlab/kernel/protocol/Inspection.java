package org.rramlab.kernel.protocol;

import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.VarSnippet;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code inspect_request} (Shift-Tab in a notebook): the javadoc-style signatures of what is at the cursor, from
 * JShell's {@link SourceCodeAnalysis#documentation}, one per overload, e.g. {@code int Math.max(int a, int b)};
 * a variable of the session shows as {@code int n = 42} (its type, name and current value); the javadoc text
 * follows each signature when the JDK's sources ({@code lib/src.zip}, Debian package openjdk-17-source) or a jar's
 * sources are there.
 *
 * <p>JShell documents the call whose argument list the cursor is in; a front end sends the cursor on or after a
 * name, so a name without its parenthesis is also tried as a call ({@code Math.max} → {@code Math.max(}) and as
 * itself (a class, a variable). The call comes first, so {@code new ArrayList} shows the constructors.
 */
public final class Inspection {
    /** JShell's form of a variable's documentation: {@code name:type}. */
    private static final Pattern VARIABLE = Pattern.compile("([\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*):(.+)");

    private Inspection() {}

    /** The text to show, or empty when nothing at the cursor is known. */
    public static Optional<String> at(String code, int cursor, JShell shell) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        int at = Math.max(0, Math.min(cursor, code.length()));
        int end = at;
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
            end++;
        }
        String upToName = code.substring(0, end);
        boolean onName = end > 0 && Character.isJavaIdentifierPart(code.charAt(end - 1));
        // A name as a call first: "new ArrayList" means its constructors more than the class.
        List<SourceCodeAnalysis.Documentation> docs = onName
                ? analysis.documentation(upToName + "(", end + 1, true) : List.of();
        if (docs.isEmpty()) {
            docs = analysis.documentation(code, at, true);
        }
        if (docs.isEmpty() && onName) {
            docs = analysis.documentation(upToName, end, true);
        }
        if (docs.isEmpty()) {
            return Optional.empty();
        }
        List<String> blocks = new ArrayList<>();
        for (SourceCodeAnalysis.Documentation doc : docs) {
            String text = signature(doc.signature(), shell);
            if (doc.javadoc() != null && !doc.javadoc().isBlank()) {
                text += "\n\n" + doc.javadoc().strip();
            }
            blocks.add(text);
        }
        boolean withJavadoc = docs.stream().anyMatch(d -> d.javadoc() != null && !d.javadoc().isBlank());
        return Optional.of(String.join(withJavadoc ? "\n\n" : "\n", blocks));
    }

    /** A variable's {@code name:type} becomes {@code type name = value}; other signatures stay as JShell wrote them. */
    private static String signature(String signature, JShell shell) {
        Matcher m = VARIABLE.matcher(signature);
        if (!m.matches()) {
            return signature;
        }
        String name = m.group(1);
        String type = m.group(2);
        Optional<VarSnippet> variable = shell.variables()
                .filter(v -> v.name().equals(name) && shell.status(v).isActive())
                .reduce((first, second) -> second);
        if (variable.isEmpty()) {
            return type + " " + name;
        }
        String value;
        try {
            value = shell.varValue(variable.get());
        } catch (RuntimeException e) {
            return type + " " + name;
        }
        if (value.length() > 200) {
            value = value.substring(0, 200) + "…";
        }
        return type + " " + name + " = " + value;
    }
}
