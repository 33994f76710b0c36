package org.rramlab.kernel;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bad input of issue 19: each gives a clear message, and the kernel stays alive and answers the next cell.
 */
class BadInputTest extends KernelSession {
    @Override
    List<String> jvmArgs() {
        return List.of("-Xmx2g");
    }

    private void assertAnswersTheNextCell() {
        assertTrue(kernel.isAlive(), "the kernel process is alive");
        KernelClient.Execution next = kernel.execute("int next = 40;\nnext + 2");
        assertEquals("42", next.result("text/plain"), next.traceback());
    }

    @Test
    void mavenWithAMalformedCoordinate() {
        KernelClient.Execution run = kernel.execute("%maven org.apache.commons/commons-text/1.12.0");
        assertEquals("error", run.status());
        String message = run.error().get("evalue").getAsString();
        assertTrue(message.startsWith("%maven: 'org.apache.commons/commons-text/1.12.0' is not a Maven coordinate"),
                message);
        assertTrue(message.contains("e.g. org.apache.commons:commons-text:1.12.0"), message);
        assertAnswersTheNextCell();
    }

    @Test
    void aCellThatNeverEndsIsInterrupted() throws InterruptedException {
        KernelClient.Execution run = kernel.executeInterrupting("long n = 0;\nwhile (true) { n++; }");
        assertEquals("error", run.status());
        assertEquals("CellInterruptedException", run.error().get("ename").getAsString());
        assertTrue(run.error().get("evalue").getAsString().toLowerCase().contains("interrupt"),
                run.error().get("evalue").getAsString());
        assertAnswersTheNextCell();
    }

    @Test
    void aCellThatPrintsOneHundredMegabytes() {
        KernelClient.Execution run = kernel.execute("String mb = \"x\".repeat(1 << 20);\n"
                + "for (int i = 0; i < 100; i++) System.out.print(mb);\n"
                + "\"printed\"", Duration.ofSeconds(120));
        assertEquals("ok", run.status(), run.traceback());
        assertEquals("\"printed\"".replace("\"", ""), run.result("text/plain").replace("\"", ""),
                "the cell ran to its end");
        int received = run.stream("stdout").length();
        assertEquals(8 << 20, received, "stdout stops at the 8 MiB limit");
        String err = run.stream("stderr");
        assertTrue(err.contains("this cell has printed 8.0 MiB, the most one cell may print"), err);
        assertTrue(err.contains("92.0 MiB of this cell's output were dropped"), err);
        assertAnswersTheNextCell();
        KernelClient.Execution small = kernel.execute("System.out.println(\"the limit is per cell\");");
        assertEquals("the limit is per cell\n", small.stream("stdout"));
    }

    @Test
    void loadOfAMissingFile() {
        KernelClient.Execution run = kernel.execute("%load no/such/setup.jsh");
        assertEquals("error", run.status());
        String message = run.error().get("evalue").getAsString();
        assertTrue(message.contains("%load: file 'no/such/setup.jsh' does not exist (looked at "), message);
        assertAnswersTheNextCell();
    }
}
