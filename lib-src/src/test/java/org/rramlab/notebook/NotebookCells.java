package org.rramlab.notebook;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * Runs a notebook's Java cells in JShell inside the test JVM, as the kernel does (JShell, local execution engine),
 * so a library test can check what a notebook prints and records without starting Jupyter (the real-kernel run of
 * every notebook is environment/setup/run_notebooks.py). Magic lines ({@code %jars}) are skipped: the test class
 * path already holds the library. A cell's last value is drawn as the kernel would show it (a chart rendered to an
 * image, a table printed), so display errors fail too. The profile is whatever the caller set (property or env).
 */
public final class NotebookCells {

    /** What one code cell did: its printed output and the text of its last value ("" when none). */
    public record Cell(String printed, String lastValue) {}

    private NotebookCells() {}

    /** The notebook file, from lib-src (where surefire runs) or the repository root. */
    public static Path locate(String notebook) {
        for (Path p : new Path[]{Path.of("../notebooks", notebook), Path.of("notebooks", notebook)}) {
            if (Files.exists(p)) {
                return p;
            }
        }
        throw new AssertionError("notebook " + notebook + " not found from " + Path.of("").toAbsolutePath());
    }

    /** The notebook as parsed JSON. */
    public static JsonNode read(Path ipynb) throws IOException {
        return new ObjectMapper().readTree(ipynb.toFile());
    }

    /** Source of each code cell, in order. */
    public static List<String> codeCells(JsonNode notebook) {
        List<String> cells = new ArrayList<>();
        for (JsonNode cell : notebook.get("cells")) {
            if (cell.get("cell_type").asText().equals("code")) {
                JsonNode src = cell.get("source");
                cells.add(src.isArray() ? joinLines(src) : src.asText());
            }
        }
        return cells;
    }

    /**
     * Evaluates every code cell of {@code ipynb}; fails naming the cell and snippet on a compile error or an
     * exception, or when a cell was committed with outputs. Each non-blank output is echoed, tagged with its cell.
     */
    public static List<Cell> run(Path ipynb) throws IOException {
        JsonNode nb = read(ipynb);
        for (JsonNode cell : nb.get("cells")) {
            if (cell.get("cell_type").asText().equals("code")) {
                assertTrue(cell.path("outputs").isEmpty(), ipynb + ": a cell is committed with outputs");
            }
        }
        String name = ipynb.getFileName().toString();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream captured = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        List<Cell> cells = new ArrayList<>();
        List<String> sources = codeCells(nb);
        try (JShell shell = JShell.builder().executionEngine("local").out(captured).err(captured).build()) {
            String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            for (String entry : cp.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    shell.addToClasspath(entry);
                }
            }
            for (int i = 0; i < sources.size(); i++) {
                String where = name + " code cell " + i;
                bytes.reset();
                PrintStream stdout = System.out;
                System.setOut(captured);   // the local engine runs user code in this JVM: its System.out is ours
                String last;
                try {
                    last = eval(shell, sources.get(i), where);
                } finally {
                    System.setOut(stdout);
                }
                String printed = bytes.toString(StandardCharsets.UTF_8);
                if (!printed.isBlank()) {
                    System.out.print("[" + where + "] " + printed);
                }
                cells.add(new Cell(printed, last));
            }
        }
        return cells;
    }

    /** Evaluates one cell snippet by snippet; returns its last value, after drawing it as the kernel would. */
    private static String eval(JShell shell, String cell, String where) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String remaining = cell.lines().filter(l -> !l.strip().startsWith("%")).collect(Collectors.joining("\n"));
        String last = "";
        String lastTempVar = null;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            assertTrue(info.completeness().isComplete(), where + ": incomplete code: " + remaining);
            for (SnippetEvent e : shell.eval(info.source())) {
                if (e.status() == Snippet.Status.REJECTED) {
                    fail(where + ": does not compile: " + info.source().strip() + " -> " + shell.diagnostics(
                            e.snippet()).map(d -> d.getMessage(null)).collect(Collectors.joining("; ")));
                }
                if (e.exception() != null) {
                    throw new AssertionError(where + ": threw while running: " + info.source().strip(), e.exception());
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
            render(shell, where, lastTempVar);
        }
        return last;
    }

    /** Draws a chart value to an image and prints a table value, as the kernel's renderer does. */
    private static void render(JShell shell, String where, String var) {
        String code = "{ Object value = " + var + "; "
                + "if (value instanceof org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) "
                + "org.knowm.xchart.BitmapEncoder.getBufferedImage(chart); "
                + "else if (value instanceof tech.tablesaw.api.Table table) table.printAll(); }";
        for (SnippetEvent e : shell.eval(code)) {
            if (e.status() == Snippet.Status.REJECTED) {
                fail(where + ": render snippet rejected: " + shell.diagnostics(e.snippet())
                        .map(d -> d.getMessage(null)).collect(Collectors.joining("\n")));
            }
            if (e.exception() != null) {
                throw new AssertionError(where + ": its value cannot be displayed", e.exception());
            }
        }
    }

    private static String joinLines(JsonNode lines) {
        StringBuilder sb = new StringBuilder();
        lines.forEach(l -> sb.append(l.asText()));
        return sb.toString();
    }
}
