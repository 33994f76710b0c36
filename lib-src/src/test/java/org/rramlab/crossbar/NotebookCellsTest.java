package org.rramlab.crossbar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Runs the code cells of the device and crossbar notebooks in JShell, in this JVM, with the test class path and the
 * ci profile: what the Java kernel does, without the kernel. Magic lines ({@code %jars ...}) are skipped since the
 * library is already on the class path. A cell fails the test when a snippet is rejected or throws.
 */
class NotebookCellsTest {

    @Test
    void deviceStochasticityNotebookRuns() throws Exception {
        List<String> out = run("01-device-stochasticity.ipynb");
        assertTrue(out.stream().anyMatch(s -> s.startsWith("profile ")), "the profile line is printed");
        assertTrue(out.stream().anyMatch(s -> s.contains("write-verify costs")), String.join("\n", out));
    }

    @Test
    void crossbarNotebookRuns() throws Exception {
        List<String> out = run("02-crossbar.ipynb");
        assertTrue(out.stream().anyMatch(s -> s.contains("4-bit DAC alone")), String.join("\n", out));
    }

    /** Evaluates every code cell; returns each cell's printed output. */
    private static List<String> run(String notebook) throws Exception {
        Path file = locate(notebook);
        JsonNode nb = new ObjectMapper().readTree(file.toFile());
        assertEquals("java", nb.path("metadata").path("kernelspec").path("name").asText(), "kernelspec");
        String previous = System.getProperty("rramlab.profile");
        if (previous == null && System.getenv("RRAMLAB_PROFILE") == null) {
            System.setProperty("rramlab.profile", "ci");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, "UTF-8");
        List<String> outputs = new ArrayList<>();
        try (JShell shell = JShell.builder().executionEngine("local").out(out).err(out).build()) {
            String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            for (String entry : cp.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    shell.addToClasspath(entry);
                }
            }
            int index = 0;
            for (JsonNode cell : nb.path("cells")) {
                index++;
                if (!"code".equals(cell.path("cell_type").asText())) {
                    continue;
                }
                assertTrue(cell.path("outputs").isEmpty(), notebook + " cell " + index + " is committed with outputs");
                String source = source(cell);
                String code = source.lines().filter(l -> !l.strip().startsWith("%")).collect(Collectors.joining("\n"));
                bytes.reset();
                PrintStream stdout = System.out;
                System.setOut(out);   // the local engine runs user code in this JVM: its System.out is ours
                try {
                    eval(shell, code, notebook + " cell " + index);
                } finally {
                    System.setOut(stdout);
                }
                outputs.add(bytes.toString("UTF-8"));
                if (!outputs.get(outputs.size() - 1).isBlank()) {
                    System.out.print("[" + notebook + " cell " + index + "] " + outputs.get(outputs.size() - 1));
                }
            }
        } finally {
            if (previous == null) {
                System.clearProperty("rramlab.profile");
            }
        }
        return outputs;
    }

    private static void eval(JShell shell, String code, String where) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String remaining = code;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            String snippet = info.source() == null ? remaining : info.source();
            for (SnippetEvent e : shell.eval(snippet)) {
                if (e.status() == Snippet.Status.REJECTED) {
                    String why = shell.diagnostics(e.snippet()).map(d -> d.getMessage(null)).collect(Collectors.joining("; "));
                    fail(where + ": rejected: " + snippet.strip() + " -> " + why);
                }
                if (e.exception() != null) {
                    fail(where + ": threw " + e.exception() + " in: " + snippet.strip());
                }
            }
            remaining = info.source() == null ? "" : info.remaining();
        }
    }

    private static String source(JsonNode cell) {
        JsonNode s = cell.path("source");
        if (s.isArray()) {
            StringBuilder b = new StringBuilder();
            s.forEach(line -> b.append(line.asText()));
            return b.toString();
        }
        return s.asText();
    }

    private static Path locate(String notebook) {
        for (Path p : new Path[]{Path.of("../notebooks", notebook), Path.of("notebooks", notebook)}) {
            if (Files.exists(p)) {
                return p;
            }
        }
        throw new AssertionError("notebook " + notebook + " not found from " + Path.of("").toAbsolutePath());
    }
}
