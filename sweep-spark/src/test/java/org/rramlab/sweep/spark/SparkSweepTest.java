package org.rramlab.sweep.spark;

import static org.junit.jupiter.api.Assertions.*;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rramlab.experiment.ExperimentSpec;
import org.rramlab.experiment.Presets;
import org.rramlab.experiment.Profile;
import org.rramlab.sweep.CellResult;
import org.rramlab.sweep.LocalSweep;
import org.rramlab.sweep.Recorded;
import org.rramlab.sweep.SweepFolder;
import org.rramlab.sweep.SweepSpec;
import org.rramlab.train.Progress;

/**
 * The Spark runner against the local pool on one tiny sweep: on {@code local[2]}, and on a standalone master with one
 * worker started here as separate JVMs on 127.0.0.1 (and stopped after). Same numbers, same results files, Parquet.
 */
class SparkSweepTest {
    /** Loopback only, no web UI. */
    static final Map<String, String> LOOPBACK = Map.of("spark.driver.bindAddress", "127.0.0.1", "spark.driver.host", "127.0.0.1",
            "spark.ui.enabled", "false");

    @TempDir static Path dir;
    static SweepSpec sweep;
    static SweepFolder local;

    /** Two cells of about a second each: the MLP, 200 training and 100 test images, one epoch, seeds 1 and 2. */
    @BeforeAll static void runLocally() {
        ExperimentSpec tiny = Presets.get("fashion-mlp", Profile.CI).with("task.trainSize", 200).with("task.testSize", 100)
                .with("network.hidden", 64).withEpochs(1);
        sweep = SweepSpec.over(tiny).name("tiny").values("prune.keepFraction", 0.4).seeds(1, 2)
                .record(Recorded.FINAL, Recorded.BEST, Recorded.FLIPS, Recorded.ENERGY, Recorded.SECONDS).build();
        local = LocalSweep.run(sweep, dir.resolve("local"), 2, Progress.none());
    }

    @Test void localTwoGivesTheLocalPoolsNumbersAndParquet() throws Exception {
        SweepFolder f = SparkSweep.run(sweep, dir.resolve("spark-local"), "local[2]", LOOPBACK, Progress.none());
        assertSameNumbers(local, f);
        assertTrue(Files.isRegularFile(f.dir().resolve("results.csv")) && Files.isRegularFile(f.dir().resolve("results.jsonl")));
        SparkSession s = SparkSession.builder().master("local[1]").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.driver.host", "127.0.0.1").config("spark.ui.enabled", "false").getOrCreate();
        try {
            var parquet = s.read().parquet(f.dir().resolve("results.parquet").toString());
            assertEquals(2, parquet.count());
            assertTrue(List.of(parquet.columns()).containsAll(List.of("cell", "prune.keepFraction", "seed", "final", "flips", "library", "spec")));
            assertEquals("double", parquet.schema().apply("final").dataType().typeName());
        } finally {
            s.stop();
        }
        // a second run finds every cell finished
        long[] steps = {0};
        SparkSweep.run(sweep, dir.resolve("spark-local"), "local[2]", LOOPBACK, new Progress() {
            @Override public void start(String task, long total) { steps[0] = total; }
            @Override public void advance(long done, String status) {}
            @Override public void finish(String summary) {}
        });
        assertEquals(0, steps[0], "resumed: nothing left to run");
    }

    @Test void aFailedTaskIsRetriedBySpark() {
        Path out = dir.resolve("retried");
        // every task's first attempt fails; local[2,2] gives each task two attempts
        SweepFolder f = SparkSweep.run(sweep, out, "local[2,2]", LOOPBACK, Progress.none(),
                new FailFirstAttempt(new SparkSweep.RunCell(out.toAbsolutePath().resolve("cells").toString())));
        assertSameNumbers(local, f);
    }

    /** A task that fails on its first attempt, then runs the cell. */
    static final class FailFirstAttempt implements org.apache.spark.api.java.function.Function<String, String> {
        private final SparkSweep.RunCell cell;

        FailFirstAttempt(SparkSweep.RunCell cell) {
            this.cell = cell;
        }

        @Override
        public String call(String task) {
            if (org.apache.spark.TaskContext.get().attemptNumber() == 0) throw new IllegalStateException("injected failure of a first attempt");
            return cell.call(task);
        }
    }

    @Test void badMastersAreNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> SparkSweep.run(sweep, dir.resolve("bad"), "sprak://x", LOOPBACK, null));
        assertTrue(e.getMessage().contains("--spark sprak://x: not a Spark master URL"), e.getMessage());
        int port = freePort();
        e = assertThrows(IllegalArgumentException.class, () -> SparkSweep.run(sweep, dir.resolve("bad"), "spark://127.0.0.1:" + port, LOOPBACK, null));
        assertTrue(e.getMessage().contains("cannot reach the Spark master at 127.0.0.1:" + port), e.getMessage());
        assertFalse(Files.exists(dir.resolve("bad")), "nothing written for a master that is not there");
    }

    @Test void standaloneMasterAndWorkerGiveTheSameNumbers() throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path home = dir.resolve("spark-home");
        Files.createDirectories(home.resolve("jars"));   // an empty Spark home: every jar comes from the class path
        Files.writeString(home.resolve("RELEASE"), "rramlab test Spark home\n");
        int masterPort = freePort(), masterUi = freePort(), workerPort = freePort(), workerUi = freePort();
        List<Process> started = new ArrayList<>();
        try {
            started.add(jvm(cp, home, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", "" + masterPort, "--webui-port",
                    "" + masterUi));
            waitFor(() -> aliveWorkers(masterUi) >= 0, Duration.ofSeconds(90), "the master to answer on 127.0.0.1:" + masterUi, started);
            started.add(jvm(cp, home, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--port", "" + workerPort, "--webui-port",
                    "" + workerUi, "--cores", "2", "--memory", "3g", "--work-dir", dir.resolve("worker").toString(), "spark://127.0.0.1:" + masterPort));
            waitFor(() -> aliveWorkers(masterUi) >= 1, Duration.ofSeconds(90), "the worker to register with the master", started);
            Map<String, String> conf = new LinkedHashMap<>(LOOPBACK);
            conf.put("spark.executor.extraClassPath", cp);
            conf.put("spark.executor.memory", "2g");
            SweepFolder f = SparkSweep.run(sweep, dir.resolve("standalone"), "spark://127.0.0.1:" + masterPort, conf, Progress.none());
            assertSameNumbers(local, f);
            assertTrue(Files.isDirectory(f.dir().resolve("results.parquet")));
            try (var apps = Files.list(dir.resolve("worker"))) {
                assertTrue(apps.anyMatch(a -> a.getFileName().toString().startsWith("app-")), "the cells ran in an executor the worker started");
            }
        } finally {
            for (int i = started.size() - 1; i >= 0; i--) stop(started.get(i));
        }
    }

    private static void assertSameNumbers(SweepFolder expected, SweepFolder got) {
        assertEquals(expected.results().size(), got.results().size());
        for (int i = 0; i < expected.results().size(); i++) {
            CellResult a = expected.results().get(i), b = got.results().get(i);
            assertEquals(a.id(), b.id());
            for (String k : a.figures().keySet()) {
                if (k.endsWith("seconds")) continue;   // wall and CPU time differ run to run
                assertEquals(a.figures().get(k), b.figures().get(k), 0, "cell " + a.id() + ": " + k + " on Spark as on the local pool");
            }
        }
    }

    private static Process jvm(String cp, Path home, String main, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-cp", cp));
        cmd.addAll(List.of(System.getProperty("rramlab.spark.java.options", "").split(" ")).stream().filter(s -> !s.isBlank()).toList());
        cmd.add(main);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(main.substring(main.lastIndexOf('.') + 1) + ".log").toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return pb.start();
    }

    private static void stop(Process p) {
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        try {
            if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The master's count of alive workers from its JSON page, or -1 while it does not answer. */
    private static int aliveWorkers(int uiPort) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + uiPort + "/json/").toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(2000);
            String body = new String(c.getInputStream().readAllBytes());
            var m = java.util.regex.Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)").matcher(body);
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException e) {
            return -1;
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier ok, Duration limit, String what, List<Process> started) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        while (!ok.getAsBoolean()) {
            for (Process p : started) {
                if (!p.isAlive()) fail("waiting for " + what + ": a Spark JVM exited (" + p.exitValue() + "); logs in " + dir);
            }
            if (System.nanoTime() > end) fail("waited " + limit.toSeconds() + " s for " + what + "; logs in " + dir);
            Thread.sleep(500);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
