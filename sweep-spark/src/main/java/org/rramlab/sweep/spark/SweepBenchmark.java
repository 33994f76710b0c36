package org.rramlab.sweep.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
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
 * {@code ./lab sweep --bench [CELLS] [ROUNDS] [TRAIN_SIZE]}: the same sweep of single-threaded cells (the notebook's
 * quick MLP cell: TRAIN_SIZE training and 1,000 test images, 2 epochs; default 4 cells, 2 rounds, 5,000 images) on the
 * local pool with 1 worker, with 2 workers, and on Spark {@code local[2]}, alternated round by round, each into a fresh
 * folder, after one warm-up round that is not counted (class loading, JIT, the data in the page cache). Prints per
 * configuration the median wall time, throughput, the cells' own run seconds, the overhead per cell (wall × workers /
 * cells − the cell's own seconds; for Spark without its fixed cost per sweep) and Spark's fixed cost per sweep (start-up,
 * Parquet, stop: the same sweep run again with every cell finished), with the load average. CPU seconds per cell (the
 * worker thread's, which with OMP_NUM_THREADS=1 is all of a cell's computing) do not depend on the load: two workers
 * on two idle cores would give 2 × (CPU per cell with 1 worker) / (CPU per cell with 2) times one worker's throughput.
 */
public final class SweepBenchmark {
    private SweepBenchmark() {}

    public static void main(String[] args) throws IOException {
        int cells = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int train = args.length > 2 ? Integer.parseInt(args[2]) : 5000;
        ExperimentSpec base = Presets.get("fashion-mlp", Profile.QUICK).with("task.trainSize", train).with("task.testSize", 1000);
        long[] s = new long[cells];
        for (int i = 0; i < cells; i++) s[i] = i + 1;
        SweepSpec sweep = SweepSpec.over(base).name("bench").seeds(s).record(Recorded.FINAL, Recorded.SECONDS).build();
        System.out.printf(Locale.ROOT, "sweep benchmark: %d cells of %s, %d rounds; OMP_NUM_THREADS=%s; load %s%n", cells, base, rounds,
                System.getenv("OMP_NUM_THREADS"), load());
        Map<String, List<double[]>> runs = new LinkedHashMap<>();   // config -> [wall, sum of cell seconds, startup]
        Path tmp = Files.createTempDirectory("sweep-bench");
        try {
            for (int r = -1; r < rounds; r++) {
                for (String config : List.of("pool, 1 worker", "pool, 2 workers", "Spark local[2]")) {
                    Path out = tmp.resolve(r + "-" + config.replaceAll("[^a-z0-9]", ""));
                    String before = load();
                    long t0 = System.nanoTime(), p0 = processCpuNanos();
                    double startup = 0;
                    SweepFolder f;
                    if (config.startsWith("Spark")) {
                        f = SparkSweep.run(sweep, out, "local[2]", Map.of(), Progress.none());
                        long s0 = System.nanoTime();
                        SparkSweep.run(sweep, out, "local[2]", Map.of(), Progress.none());   // every cell finished: the fixed cost
                        startup = (System.nanoTime() - s0) / 1e9;
                    } else {
                        f = LocalSweep.run(sweep, out, config.contains("2") ? 2 : 1, Progress.none());
                    }
                    double wall = (System.nanoTime() - t0) / 1e9 - startup;
                    double processCpu = (processCpuNanos() - p0) / 1e9;
                    double own = f.results().stream().mapToDouble(x -> x.figures().get("seconds")).sum();
                    double cpu = f.results().stream().mapToDouble(x -> x.figures().get("cpu_seconds")).sum();
                    if (r >= 0) runs.computeIfAbsent(config, k -> new ArrayList<>()).add(new double[] {wall, own, startup, cpu});
                    System.out.printf(Locale.ROOT, "%s  %-16s wall %6.1f s  cells' own %6.1f s  (%.1f s, %.1f CPU s on its thread per cell; process %.1f CPU s per cell)%s  load %s -> %s  final %s%n",
                            r < 0 ? "warm-up (not counted)" : "round " + (r + 1), config, wall, own, own / cells, cpu / cells, processCpu / cells,
                            startup > 0 ? String.format(Locale.ROOT, "  Spark fixed cost %.1f s", startup) : "", before, load(),
                            f.results().stream().map(CellResult::figures)
                                    .map(m -> String.format(Locale.ROOT, "%.4f", m.get("final"))).toList());
                }
            }
        } finally {
            try (Stream<Path> w = Files.walk(tmp)) {
                for (Path p : w.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
        System.out.println();
        System.out.println("| configuration | wall per round, s (median; Spark without its fixed cost) | cells per minute | cell's own run, s | CPU s per cell (its thread) | overhead per cell, s | Spark fixed cost per sweep, s |");
        System.out.println("|---|---|---|---|---|---|---|");
        double oneWorker = Double.NaN, oneWorkerCpu = Double.NaN;
        for (var e : runs.entrySet()) {
            double wall = median(e.getValue(), 0), own = median(e.getValue(), 1) / cells, startup = median(e.getValue(), 2),
                    cpu = median(e.getValue(), 3) / cells;
            int workers = e.getKey().contains("1 worker") ? 1 : 2;
            double perMinute = cells / wall * 60;
            if (workers == 1) oneWorker = perMinute;
            double overhead = wall * workers / cells - own;
            if (workers == 1) oneWorkerCpu = cpu;
            System.out.printf(Locale.ROOT, "| %s | %.1f | %.2f%s | %.1f | %.2f%s | %.2f | %s |%n", e.getKey(), wall, perMinute,
                    workers == 1 ? "" : String.format(Locale.ROOT, " (%.2f× one worker)", perMinute / oneWorker), own, cpu,
                    workers == 1 ? "" : String.format(Locale.ROOT, " (on 2 idle cores: %.2f× one worker)", 2 * oneWorkerCpu / cpu), overhead,
                    startup > 0 ? String.format(Locale.ROOT, "%.1f", startup) : "—");
        }
        System.out.println("load average at the end: " + load());
    }

    /** CPU time of this whole JVM (every thread, native included). */
    private static long processCpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    private static double median(List<double[]> v, int k) {
        double[] x = v.stream().mapToDouble(a -> a[k]).sorted().toArray();
        return x.length % 2 == 1 ? x[x.length / 2] : (x[x.length / 2 - 1] + x[x.length / 2]) / 2;
    }

    private static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "n/a";
        }
    }
}
