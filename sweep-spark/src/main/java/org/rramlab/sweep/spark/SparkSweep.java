package org.rramlab.sweep.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.rramlab.sweep.Cell;
import org.rramlab.sweep.CellResult;
import org.rramlab.sweep.CellRun;
import org.rramlab.sweep.SweepFolder;
import org.rramlab.sweep.SweepSpec;
import org.rramlab.train.Progress;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Runs a sweep on Apache Spark: every unfinished cell is one Spark job of one partition (one task), all submitted at
 * once, so Spark spreads them over its executors' cores and retries a failed task (up to {@code spark.task.maxFailures},
 * 4 on a cluster; {@code local[N,F]} for F tries locally). Each executor runs {@link CellRun} into
 * {@code <results>/cells/<id>/} (a path every executor reaches: the results folder must be on a shared file system), the
 * driver appends each cell as its job ends (the same {@link SweepFolder} as the local pool: CSV + JSON lines, resume by
 * cell id), and when the cells are done writes the results as Parquet ({@code results.parquet}, one file, through
 * Spark). The same cell gives the same numbers here as on the local pool (tested).
 */
public final class SparkSweep {
    private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|\\d+)(,\\d+)?])?");
    private static final Pattern STANDALONE = Pattern.compile("spark://([^:/]+):(\\d+)");

    private SparkSweep() {}

    /**
     * Runs the unfinished cells of {@code spec} into {@code out} on the Spark master {@code master}; {@code conf} adds
     * Spark settings (e.g. {@code spark.executor.memory}). An unreachable or unparseable master fails at once, naming the URL.
     */
    public static SweepFolder run(SweepSpec spec, Path out, String master, Map<String, String> conf, Progress progress) {
        return run(spec, out, master, conf, progress, null);
    }

    /** As above with what each task runs ({@code null}: {@link RunCell} into the results' cells folder); tests inject failures. */
    static SweepFolder run(SweepSpec spec, Path out, String master, Map<String, String> conf, Progress progress, Function<String, String> task) {
        checkMaster(master);
        Progress p = progress == null ? Progress.none() : progress;
        SweepFolder folder = SweepFolder.open(out.toAbsolutePath(), spec);
        List<Cell> todo = folder.remaining();
        int before = folder.finishedCount();
        SparkConf sc = new SparkConf().setMaster(master).setAppName("rramlab sweep " + spec.name())
                .set("spark.ui.showConsoleProgress", "false")
                .set("spark.executorEnv.OMP_NUM_THREADS", "1")
                .set("spark.executorEnv.OMP_WAIT_POLICY", "PASSIVE")
                .set("spark.scheduler.mode", "FIFO");
        String vector = "--add-modules jdk.incubator.vector";
        sc.set("spark.executor.extraJavaOptions", vector);
        for (String env : List.of("RRAMLAB_FASHION_MNIST", "RRAMLAB_FSDD", "RRAMLAB_DRIVE")) {   // where the data is, on every executor
            String v = System.getenv(env);
            if (v != null) sc.set("spark.executorEnv." + env, v);
        }
        if (master.startsWith("local")) {   // nothing to reach from elsewhere: loopback, no web UI (a Spark setting of conf wins)
            sc.set("spark.driver.bindAddress", "127.0.0.1").set("spark.driver.host", "127.0.0.1").set("spark.ui.enabled", "false");
        }
        if (conf != null) conf.forEach((k, v) -> sc.set(k, k.equals("spark.executor.extraJavaOptions") ? vector + " " + v : v));
        p.start(String.format(Locale.ROOT, "sweep %s: %d cells to run (%d of %d done before) on Spark %s", spec.name(), todo.size(), before,
                spec.cells().size(), master), todo.size());
        SparkSession spark;
        try {
            spark = SparkSession.builder().config(sc).getOrCreate();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--spark " + master + ": Spark did not start (" + e.getMessage() + ")", e);
        }
        try {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            Function<String, String> runCell = task != null ? task : new RunCell(folder.cellsDir().toString());
            Map<JavaFutureAction<List<String>>, Cell> jobs = new LinkedHashMap<>();
            for (Cell c : todo) {
                jsc.setJobDescription("cell " + c.id() + ": " + c.describe());
                jobs.put(jsc.parallelize(List.of(CellRun.task(c, spec.record())), 1).map(runCell).collectAsync(), c);
            }
            List<String> failures = new ArrayList<>();
            int done = 0;
            long start = System.nanoTime();
            while (!jobs.isEmpty()) {
                var finished = jobs.keySet().stream().filter(JavaFutureAction::isDone).toList();
                if (finished.isEmpty()) {
                    Thread.sleep(200);
                    continue;
                }
                for (JavaFutureAction<List<String>> f : finished) {
                    Cell c = jobs.remove(f);
                    try {
                        CellResult r = CellResult.fromJson(f.get().get(0), "Spark task of cell " + c.id());
                        folder.append(r);
                        var first = r.figures().entrySet().stream().findFirst();
                        p.advance(++done, c.describe() + first.map(e -> String.format(Locale.ROOT, ": %s %.4g", e.getKey(), e.getValue())).orElse(""));
                    } catch (ExecutionException e) {
                        folder.failed(c, e.getCause());
                        failures.add(c.id() + " (" + c.describe() + "): " + e.getCause().getMessage());
                        p.advance(++done, c.describe() + ": FAILED after Spark's retries");
                    }
                }
            }
            writeParquet(spark, folder);
            p.finish(String.format(Locale.ROOT, "%d cells in %.1f s on %s -> %s (results.csv, results.jsonl, results.parquet)", todo.size() - failures.size(),
                    (System.nanoTime() - start) / 1e9, master, out));
            if (!failures.isEmpty()) {
                throw new IllegalStateException("sweep " + spec.name() + ": " + failures.size() + " of " + todo.size() + " cells failed after Spark's "
                        + "retries (errors in " + folder.cellsDir() + "/<id>/error.txt; the others' results are kept, a rerun retries only these): "
                        + String.join("; ", failures));
            }
            return folder;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("sweep " + spec.name() + " interrupted; finished cells are kept, rerun to resume", e);
        } finally {
            spark.stop();
        }
    }

    /** Fails at once, naming the URL, for a master Spark cannot parse or a standalone master nobody answers at. */
    static void checkMaster(String master) {
        if (master == null || master.isBlank()) throw new IllegalArgumentException("--spark: expected a master URL: local[2], spark://host:7077, yarn, k8s://...");
        if (LOCAL.matcher(master).matches() || master.equals("yarn") || master.startsWith("k8s://")) return;
        var m = STANDALONE.matcher(master);
        if (!m.matches()) {
            throw new IllegalArgumentException("--spark " + master + ": not a Spark master URL; expected local, local[N], local[N,tries], local[*], "
                    + "spark://host:port, yarn or k8s://https://host:port");
        }
        String host = m.group(1);
        int port = Integer.parseInt(m.group(2));
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 5000);
        } catch (IOException e) {
            throw new IllegalArgumentException("--spark " + master + ": cannot reach the Spark master at " + host + ":" + port + " (" + e.getMessage()
                    + "); is it running? (start one with $SPARK_HOME/sbin/start-master.sh, a worker with start-worker.sh " + master + ")");
        }
    }

    /** The results table as Parquet, written by Spark into a temporary folder that then replaces {@code results.parquet}. */
    static void writeParquet(SparkSession spark, SweepFolder folder) {
        Table t = folder.table();
        List<StructField> fields = new ArrayList<>();
        for (Column<?> c : t.columns()) {
            DataType type = switch (c.type().name()) {
                case "DOUBLE" -> DataTypes.DoubleType;
                case "LONG" -> DataTypes.LongType;
                case "INTEGER" -> DataTypes.IntegerType;
                default -> DataTypes.StringType;
            };
            fields.add(DataTypes.createStructField(c.name(), type, true));
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < t.rowCount(); i++) {
            Object[] v = new Object[t.columnCount()];
            for (int j = 0; j < t.columnCount(); j++) {
                Object x = t.column(j).get(i);
                v[j] = x instanceof Double d && d.isNaN() ? null : x;
            }
            rows.add(RowFactory.create(v));
        }
        Path target = folder.dir().resolve("results.parquet"), tmp = folder.dir().resolve(".results.parquet.tmp");
        try {
            deleteTree(tmp);
            spark.createDataFrame(rows, new StructType(fields.toArray(StructField[]::new))).coalesce(1).write().mode(SaveMode.Overwrite)
                    .parquet(tmp.toUri().toString());
            deleteTree(target);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("results.parquet in " + folder.dir() + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(x);
        }
    }

    /** What an executor runs: one cell task (JSON) into the shared cells folder, the result back as JSON. */
    static final class RunCell implements Function<String, String> {
        private final String cellsDir;

        RunCell(String cellsDir) {
            this.cellsDir = cellsDir;
        }

        @Override
        public String call(String task) {
            // a Spark task owns one core (spark.task.cpus = 1): its products stay on its thread
            return org.rramlab.simd.Parallel.serially(() -> CellRun.run(task, cellsDir));
        }
    }
}
