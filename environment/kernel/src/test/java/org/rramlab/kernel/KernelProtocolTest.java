package org.rramlab.kernel;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drives one kernel subprocess over the real Jupyter wire protocol, as a notebook front end would. */
class KernelProtocolTest extends KernelSession {

    @Test
    void lastExpressionValueIsTheResult() {
        KernelClient.Execution run = kernel.execute("int a = 20;\na + 22");
        assertEquals("ok", run.status());
        assertEquals("42", run.result("text/plain"));
    }

    @Test
    void statementsAndDeclarationsGiveNoResult() {
        KernelClient.Execution run = kernel.execute("int unused = 1;\nSystem.out.print(\"\");");
        assertEquals("ok", run.status());
        assertTrue(run.ofType("execute_result").isEmpty());
    }

    @Test
    void aCellEndingInPrintfShowsWhatItPrintedAndNoStream() {
        KernelClient.Execution run = kernel.execute("System.out.printf(\"%d cells%n\", 42)");
        assertEquals("ok", run.status());
        assertEquals("42 cells\n", run.stream("stdout"));
        assertTrue(run.ofType("execute_result").isEmpty(), "no java.io.PrintStream@... result");
    }

    @Test
    void stdoutAndStderrAreStreamed() {
        KernelClient.Execution run = kernel.execute("System.out.println(\"to out\"); System.err.println(\"to err\");");
        assertEquals("ok", run.status());
        assertEquals("to out\n", run.stream("stdout"));
        assertEquals("to err\n", run.stream("stderr"));
    }

    @Test
    void compileErrorShowsMessageAndSnippet() {
        KernelClient.Execution run = kernel.execute("int n = \"text\";");
        assertEquals("error", run.status());
        JsonObject error = run.error();
        assertEquals("CompilationException", error.get("ename").getAsString());
        String trace = run.traceback();
        assertTrue(trace.contains("incompatible types"), trace);
        assertTrue(trace.contains("int n = \"text\";"), trace);
        assertEquals("ok", kernel.execute("1").status());
    }

    @Test
    void runtimeExceptionIsReportedWithUserStackAndKernelLives() {
        KernelClient.Execution run = kernel.execute(
                "int divide(int a, int b) { return a / b; }\nint zero = 0;\ndivide(1, zero)");
        assertEquals("error", run.status());
        String value = run.error().get("evalue").getAsString();
        assertTrue(value.startsWith("java.lang.ArithmeticException: / by zero"), value);
        String trace = run.traceback();
        assertTrue(trace.contains("at divide (snippet #"), trace);
        assertTrue(!trace.contains("org.rramlab.kernel.execution"), "kernel frames leak into: " + trace);
        assertTrue(kernel.isAlive());
        assertEquals("3", kernel.execute("divide(9, 3)").result("text/plain"));
    }

    @Test
    void missingJarsFolderIsAClearError() {
        KernelClient.Execution run = kernel.execute("%jars no/such/folder/");
        assertEquals("error", run.status());
        String value = run.error().get("evalue").getAsString();
        assertTrue(value.contains("no/such/folder/") && value.contains("does not exist"), value);
        KernelClient.Execution missingFile = kernel.execute("%load nothing-here.jsh");
        assertTrue(missingFile.error().get("evalue").getAsString().contains("nothing-here.jsh"));
    }

    @Test
    void jarsMagicAddsEveryJarOfAFolderAndLoadRunsAScript() throws Exception {
        Path libs = Files.createDirectories(work.resolve("libs"));
        writeGreeterJar(libs.resolve("greeter.jar"));
        Files.writeString(work.resolve("setup.jsh"), "String greeting = new demo.Greeter().hello(\"lab\");\n");
        KernelClient.Execution run = kernel.execute("%jars libs/\n%load setup.jsh\ngreeting");
        assertEquals("ok", run.status(), run.traceback());
        assertEquals("hello lab", run.result("text/plain"));
    }

    @Test
    void jarsTakesGlobsAndClasspathTakesClassFolders() throws Exception {
        Path globbed = Files.createDirectories(work.resolve("globbed"));
        writeJar(globbed.resolve("shout.jar"), "demo2", "Shout", "public static String of(String s) { return s.toUpperCase(); }");
        KernelClient.Execution glob = kernel.execute("%jars globbed/*.jar\ndemo2.Shout.of(\"ok\")");
        assertEquals("OK", glob.result("text/plain"), glob.traceback());

        Path classes = compile("demo3", "Twice", "public static int of(int n) { return 2 * n; }");
        KernelClient.Execution folder = kernel.execute("%classpath " + classes + "\ndemo3.Twice.of(21)");
        assertEquals("42", folder.result("text/plain"), folder.traceback());
        assertTrue(kernel.execute("%jars globbed/*.zip").error().get("evalue").getAsString()
                .contains("no jar found at 'globbed/*.zip'"));
    }

    @Test
    void bufferedImageIsShownAsPng() throws IOException {
        KernelClient.Execution run = kernel.execute(
                "var img = new java.awt.image.BufferedImage(7, 5, java.awt.image.BufferedImage.TYPE_INT_RGB);\n"
                        + "img.setRGB(2, 3, 0xff0000);\nimg");
        BufferedImage png = decodePng(run.result("image/png"));
        assertEquals(7, png.getWidth());
        assertEquals(5, png.getHeight());
        assertEquals(0xff0000, png.getRGB(2, 3) & 0xffffff);
        assertEquals("[image 7x5]", run.result("text/plain"));
    }

    @Test
    void xchartChartIsShownAsPng() throws IOException {
        KernelClient.Execution run = kernel.execute(
                "var chart = new org.knowm.xchart.XYChartBuilder().width(320).height(240).title(\"t\").build();\n"
                        + "chart.addSeries(\"s\", new double[]{1, 2, 3}, new double[]{3, 1, 2});\nchart");
        assertEquals("ok", run.status(), run.traceback());
        BufferedImage png = decodePng(run.result("image/png"));
        assertEquals(320, png.getWidth());
        assertEquals(240, png.getHeight());
    }

    @Test
    void tablesawTableIsShownAsHtmlWithRowLimit() {
        KernelClient.Execution run = kernel.execute(
                "var t = tech.tablesaw.api.Table.create(\"sizes\",\n"
                        + "    tech.tablesaw.api.IntColumn.create(\"n\", java.util.stream.IntStream.range(0, 60).toArray()),\n"
                        + "    tech.tablesaw.api.StringColumn.create(\"label\", java.util.stream.IntStream.range(0, 60)"
                        + ".mapToObj(i -> \"<r\" + i + \">\").toArray(String[]::new)));\nt");
        assertEquals("ok", run.status(), run.traceback());
        String html = run.result("text/html");
        assertNotNull(html);
        assertTrue(html.contains("<caption") && html.contains("sizes"), html);
        assertTrue(html.contains("<th") && html.contains(">label</th>"), html);
        assertTrue(html.contains("&lt;r49&gt;") && !html.contains("&lt;r50&gt;"), "50 rows shown");
        assertTrue(html.contains("10 more rows"), html);
        assertNotNull(run.result("text/plain"));
    }

    @Test
    void displayAndUpdateDisplayShareAnId() {
        KernelClient.Execution run = kernel.execute(
                "String id = display(\"first\");\nupdateDisplay(id, \"second\");\nid");
        assertEquals("ok", run.status(), run.traceback());
        List<JsonObject> shown = run.ofType("display_data");
        List<JsonObject> updated = run.ofType("update_display_data");
        assertEquals(1, shown.size());
        assertEquals(1, updated.size());
        String id = shown.get(0).getAsJsonObject("content").getAsJsonObject("transient").get("display_id").getAsString();
        assertEquals(id, updated.get(0).getAsJsonObject("content").getAsJsonObject("transient")
                .get("display_id").getAsString());
        assertEquals("second", updated.get(0).getAsJsonObject("content").getAsJsonObject("data")
                .get("text/plain").getAsString());
        assertEquals(id, run.result("text/plain"));
        KernelClient.Execution html = kernel.execute("display(\"<b>x</b>\", \"text/plain\")");
        assertEquals("ok", html.status(), html.traceback());
    }

    @Test
    void interruptStopsARunawayLoopAndTheKernelGoesOn() throws Exception {
        kernel.execute("long before = 7;");
        KernelClient.Execution run = kernel.executeInterrupting("long spins = 0;\nwhile (true) { spins++; }");
        assertEquals("error", run.status());
        assertEquals("CellInterruptedException", run.error().get("ename").getAsString());
        // The interrupt must not linger: a sleep in the next cell runs normally.
        KernelClient.Execution next = kernel.execute("Thread.sleep(5);\nbefore + 1");
        assertEquals("8", next.result("text/plain"), next.traceback());
    }

    @Test
    void interruptEndsASleepingCell() throws Exception {
        KernelClient.Execution run = kernel.executeInterrupting("Thread.sleep(60_000);");
        assertEquals("CellInterruptedException", run.error().get("ename").getAsString());
        assertEquals("ok", kernel.execute("Thread.sleep(5);").status());
    }

    @Test
    void cellsShareOneWorkerThreadSoThreadLocalsPersist() {
        // ND4J keeps its random generator per thread: a seed set in one cell must hold in the next.
        kernel.execute("ThreadLocal<String> local = new ThreadLocal<>();\nlocal.set(\"kept\");\n"
                + "long worker = Thread.currentThread().getId();");
        KernelClient.Execution run = kernel.execute("local.get() + \" \" + (Thread.currentThread().getId() == worker)");
        assertEquals("kept true", run.result("text/plain"), run.traceback());
    }

    @Test
    void completionSuggestsMembers() {
        JsonObject reply = kernel.complete("System.out.prin", 15);
        List<String> matches = KernelClient.strings(reply.getAsJsonArray("matches"));
        assertTrue(matches.contains("println("), matches.toString());
        assertEquals(11, reply.get("cursor_start").getAsInt());
        assertEquals(15, reply.get("cursor_end").getAsInt());
    }

    @Test
    void unknownMagicNamesTheKnownOnes() {
        JsonObject error = kernel.execute("%mvn foo:bar:1").error();
        assertNotNull(error);
        String message = error.get("evalue").getAsString();
        assertTrue(message.contains("unknown magic %mvn") && message.contains("%jars, %classpath, %load, %maven"),
                message);
        String cell = kernel.execute("%%html\n<b>x</b>").error().get("evalue").getAsString();
        assertTrue(cell.contains("unknown cell magic %%html") && cell.contains("%%time"), cell);
        assertNull(kernel.execute("int quiet = 0;").error());
    }

    private static BufferedImage decodePng(String base64) throws IOException {
        assertNotNull(base64, "no image/png in the result");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(base64.strip())));
        assertNotNull(image, "image/png data does not decode");
        return image;
    }

    /** Compiles {@code demo.Greeter} and packs it into a jar, so %jars has something new to load. */
    private void writeGreeterJar(Path jar) throws IOException {
        writeJar(jar, "demo", "Greeter", "public String hello(String n) { return \"hello \" + n; }");
    }

    private void writeJar(Path jar, String pkg, String name, String body) throws IOException {
        TestJars.jar(work, jar, pkg, name, body);
    }

    private Path compile(String pkg, String name, String body) throws IOException {
        return TestJars.compile(work, pkg, name, body);
    }
}
