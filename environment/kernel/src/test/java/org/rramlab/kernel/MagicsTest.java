package org.rramlab.kernel;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code %maven}, {@code %mavenRepo}, {@code %time}, {@code %%time}, {@code %load} of a notebook and
 * {@code clearOutput()}, in a kernel whose Maven local repository is a fresh folder: what {@code %maven} resolves
 * here it really fetched, from a file repository this test writes or from Maven Central.
 */
class MagicsTest extends KernelSession {
    @Override
    List<String> jvmArgs() {
        return List.of("-Dmaven.repo.local=" + work.resolve("local-repo"));
    }

    @Test
    void mavenResolvesTransitivelyFromAMavenRepo() throws IOException {
        Path repo = TestJars.repositoryWithTransitiveDependency(work);
        KernelClient.Execution run = kernel.execute("%mavenRepo testrepo " + repo.toUri() + "\n"
                + "%maven org.rramlab.test:greeting:1.0\n"
                + "demo.Greeting.text()", Duration.ofSeconds(60));
        assertEquals("ok", run.status(), run.traceback());
        assertEquals("hello from a transitive dependency", run.result("text/plain"));
        String out = run.stream("stdout");
        assertTrue(out.contains("%maven: added 2 jars: greeting-1.0.jar, words-1.0.jar"), out);
        assertTrue(Files.exists(work.resolve("local-repo/org/rramlab/test/words/1.0/words-1.0.jar")),
                "the dependency landed in the local repository");
        // The dependency alone is usable too, and asking again adds nothing.
        KernelClient.Execution again = kernel.execute("%maven org.rramlab.test:greeting:1.0\ndemo.Words.greeting()");
        assertEquals("ok", again.status(), again.traceback());
        assertTrue(again.stream("stdout").contains("nothing new to add"), again.stream("stdout"));
    }

    @Test
    void mavenResolvesFromMavenCentral() {
        // commons-text needs commons-lang3: both must come, with their parent POMs, from Central.
        KernelClient.Execution run = kernel.execute("%maven org.apache.commons:commons-text:1.12.0\n"
                + "org.apache.commons.text.WordUtils.capitalize(\"pruned random memory\") + \" / \""
                + " + org.apache.commons.lang3.StringUtils.reverse(\"abc\")", Duration.ofSeconds(120));
        assertEquals("ok", run.status(), "Maven Central must be reachable for this test: " + run.traceback());
        assertEquals("Pruned Random Memory / cba", run.result("text/plain"));
        String out = run.stream("stdout");
        assertTrue(out.contains("downloaded commons-text-1.12.0.jar") && out.contains("from central"), out);
        assertTrue(out.contains("commons-lang3-"), "the transitive dependency: " + out);
    }

    @Test
    void unknownArtifactNamesWhatIsMissingAndWhere() {
        KernelClient.Execution run = kernel.execute("%maven org.rramlab.nonexistent:no-such-artifact:0.0.1",
                Duration.ofSeconds(120));
        assertEquals("error", run.status());
        assertEquals("MagicException", run.error().get("ename").getAsString());
        String message = run.error().get("evalue").getAsString();
        assertTrue(message.contains("cannot resolve org.rramlab.nonexistent:no-such-artifact:0.0.1"), message);
        assertTrue(message.contains("is not in central (https://repo.maven.apache.org/maven2/)"), message);
        assertTrue(message.contains("Check the group, artifact and version"), message);
        assertEquals("ok", kernel.execute("1 + 1").status());
    }

    @Test
    void noNetworkIsAClearErrorAndTheKernelGoesOn() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort(); // free again once closed: nothing listens there
        }
        // Central replaced (by its id) with an address where nothing answers: what a machine without network sees.
        KernelClient.Execution run = kernel.execute("%mavenRepo central http://127.0.0.1:" + closed + "/maven2/\n"
                + "%maven org.example:not-cached-anywhere:1.0", Duration.ofSeconds(120));
        try {
            assertEquals("error", run.status());
            String message = run.error().get("evalue").getAsString();
            assertTrue(message.contains("could not reach central (http://127.0.0.1:" + closed + "/maven2/)"), message);
            assertTrue(message.contains("Connect"), "names the connection failure: " + message);
            assertTrue(message.contains("No network? Check this machine's connection or proxy"), message);
        } finally {
            kernel.execute("%mavenRepo central https://repo.maven.apache.org/maven2/");
        }
        assertEquals("2", kernel.execute("1 + 1").result("text/plain"));
    }

    @Test
    void malformedCoordinatesAndRepositoriesAreClearErrors() {
        String message = kernel.execute("%maven commons-text").error().get("evalue").getAsString();
        assertTrue(message.contains("'commons-text' is not a Maven coordinate")
                && message.contains("expected group:artifact:version"), message);
        String empty = kernel.execute("%maven").error().get("evalue").getAsString();
        assertTrue(empty.contains("%maven: no argument"), empty);
        String repo = kernel.execute("%mavenRepo only-an-id").error().get("evalue").getAsString();
        assertTrue(repo.contains("expected an id and a URL"), repo);
        String scheme = kernel.execute("%mavenRepo x ftp://example.org/repo").error().get("evalue").getAsString();
        assertTrue(scheme.contains("is not an http, https or file URL"), scheme);
        assertEquals("ok", kernel.execute("int stillAlive = 1;").status());
    }

    @Test
    void timeLineMagicPrintsWallAndCpuTimeAndKeepsTheValue() {
        KernelClient.Execution run = kernel.execute("%time java.util.stream.IntStream.range(0, 3).map(i -> {"
                + " try { Thread.sleep(100); } catch (InterruptedException e) {} return i; }).sum()");
        assertEquals("ok", run.status(), run.traceback());
        assertEquals("3", run.result("text/plain"));
        double wall = wallSeconds(run.stream("stdout"));
        assertTrue(wall >= 0.25 && wall < 30, "three 100 ms sleeps took " + wall + " s");
        assertTrue(run.stream("stdout").contains("CPU time: "), run.stream("stdout"));
    }

    @Test
    void timeCellMagicTimesTheWholeCellAndAlsoAFailure() {
        KernelClient.Execution run = kernel.execute("%%time\nint t = 6;\nThread.sleep(50);\nt * 7");
        assertEquals("ok", run.status(), run.traceback());
        assertEquals("42", run.result("text/plain"));
        assertTrue(wallSeconds(run.stream("stdout")) >= 0.04);

        KernelClient.Execution failed = kernel.execute("%%time\nInteger.parseInt(\"x\")");
        assertEquals("error", failed.status());
        assertTrue(failed.stream("stdout").startsWith("Wall time: "), failed.stream("stdout"));
        String nothing = kernel.execute("%time").error().get("evalue").getAsString();
        assertTrue(nothing.contains("%time: nothing to time"), nothing);
    }

    private static double wallSeconds(String out) {
        Matcher m = Pattern.compile("Wall time: ([0-9.]+) (µs|ms|s)").matcher(out);
        assertTrue(m.find(), "no wall time in: " + out);
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "µs" -> value / 1e6;
            case "ms" -> value / 1e3;
            default -> value;
        };
    }

    @Test
    void loadRunsTheCodeCellsOfANotebook() throws IOException {
        Files.writeString(work.resolve("helpers.ipynb"), """
                {"cells": [
                  {"cell_type": "markdown", "metadata": {}, "source": ["# Helpers\\n", "not code"]},
                  {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": null,
                   "source": ["int twice(int n) {\\n", "    return 2 * n;\\n", "}"]},
                  {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": null,
                   "source": "String fromNotebook = \\"loaded\\";"}
                 ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
                """);
        KernelClient.Execution run = kernel.execute("%load helpers.ipynb\nfromNotebook + \" \" + twice(21)");
        assertEquals("ok", run.status(), run.traceback());
        assertEquals("loaded 42", run.result("text/plain"));
        Files.writeString(work.resolve("broken.ipynb"), "{\"cells\": 3}");
        String broken = kernel.execute("%load broken.ipynb").error().get("evalue").getAsString();
        assertTrue(broken.contains("broken.ipynb is not a readable notebook"), broken);
    }

    @Test
    void clearOutputClearsWhatTheCellShowedSoFar() {
        KernelClient.Execution run = kernel.execute("System.out.println(\"first\");\nclearOutput();\n"
                + "System.out.println(\"second\");");
        assertEquals("ok", run.status(), run.traceback());
        List<String> types = run.messages().stream()
                .map(m -> m.getAsJsonObject("header").get("msg_type").getAsString()).toList();
        int clear = types.indexOf("clear_output");
        assertTrue(clear > 0, types.toString());
        JsonObject content = run.messages().get(clear).getAsJsonObject("content");
        assertFalse(content.get("wait").getAsBoolean());
        assertEquals("stream", types.get(clear - 1));
        assertEquals("stream", types.get(clear + 1));
    }
}
