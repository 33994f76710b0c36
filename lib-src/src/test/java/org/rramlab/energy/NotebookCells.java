package org.rramlab.energy;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.VarSnippet;

/**
 * Runs a notebook's Java cells in JShell inside the test JVM, the way the IJava-style kernel does (JShell with a
 * local execution engine), until the project's kernel can run notebooks in the test suite. Magic lines ({@code %jars})
 * are skipped: the test class path already holds the library. A cell's value is drawn as the kernel would show it:
 * a chart rendered to an image, a table printed, so display errors fail the test too.
 */
final class NotebookCells {

    private NotebookCells() {}

    /** The notebook as parsed JSON. */
    static JsonNode read(Path ipynb) throws IOException {
        return new ObjectMapper().readTree(ipynb.toFile());
    }

    /** Source of each code cell, in order. */
    static List<String> codeCells(JsonNode notebook) {
        List<String> cells = new ArrayList<>();
        for (JsonNode cell : notebook.get("cells")) {
            if (cell.get("cell_type").asText().equals("code")) {
                JsonNode src = cell.get("source");
                cells.add(src.isArray() ? joinLines(src) : src.asText());
            }
        }
        return cells;
    }

    /** Evaluates every code cell; fails naming the cell and snippet on a compile error or an exception. */
    static List<String> run(List<String> cells) {
        List<String> lastValues = new ArrayList<>();
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                shell.addToClasspath(entry);
            }
            SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
            for (int i = 0; i < cells.size(); i++) {
                String remaining = cells.get(i).lines().filter(l -> !l.startsWith("%"))
                        .collect(Collectors.joining("\n"));
                String last = "";
                String lastTempVar = null;
                while (!remaining.isBlank()) {
                    SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
                    assertTrue(info.completeness().isComplete(), "cell " + i + ": incomplete code: " + remaining);
                    for (SnippetEvent e : shell.eval(info.source())) {
                        if (e.status() == Snippet.Status.REJECTED) {
                            fail("cell " + i + ": does not compile: " + info.source() + "\n" + shell.diagnostics(
                                    e.snippet()).map(d -> d.getMessage(null)).collect(Collectors.joining("\n")));
                        }
                        if (e.exception() != null) {
                            throw new AssertionError("cell " + i + ": threw while running: " + info.source(),
                                    e.exception());
                        }
                        if (e.value() != null) {
                            last = e.value();
                        }
                        lastTempVar = e.snippet() instanceof VarSnippet v
                                && v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND ? v.name() : null;
                    }
                    remaining = info.remaining();
                }
                if (lastTempVar != null) {
                    render(shell, i, lastTempVar);
                }
                lastValues.add(last);
            }
        }
        return lastValues;
    }

    /** Draws a chart value to an image and prints a table value, as the kernel's renderer does. */
    private static void render(JShell shell, int cell, String var) {
        String code = "{ Object value = " + var + "; "
                + "if (value instanceof org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) "
                + "org.knowm.xchart.BitmapEncoder.getBufferedImage(chart); "
                + "else if (value instanceof tech.tablesaw.api.Table table) table.printAll(); }";
        for (SnippetEvent e : shell.eval(code)) {
            if (e.status() == Snippet.Status.REJECTED) {
                fail("cell " + cell + ": render snippet rejected: " + shell.diagnostics(e.snippet())
                        .map(d -> d.getMessage(null)).collect(Collectors.joining("\n")));
            }
            if (e.exception() != null) {
                throw new AssertionError("cell " + cell + ": its value cannot be displayed", e.exception());
            }
        }
    }

    private static String joinLines(JsonNode lines) {
        StringBuilder sb = new StringBuilder();
        lines.forEach(l -> sb.append(l.asText()));
        return sb.toString();
    }
}
