package org.rramlab.sweep;

import java.nio.file.Files;
import java.nio.file.Path;
import org.rramlab.experiment.Profile;

/**
 * {@code ./lab sweep}: runs a sweep headlessly, one line per finished cell with the time left.
 * <pre>
 *   ./lab sweep SWEEP.json [--profile ci|quick|paper] [--out DIR] [--workers N] [--spark MASTER [--conf key=value ...]]
 * </pre>
 * Locally by default, on {@code --workers} threads (default: the cores); {@code --spark local[2]} or
 * {@code --spark spark://host:7077} runs the same cells on Spark (the sweep-spark module; {@code ./lab} picks its main
 * for that). The results folder defaults to {@code target/sweeps/<name>-<profile>-<hash>}: the same sweep goes to the
 * same folder, so a killed sweep started again resumes, and a sweep with more values or seeds computes only the new cells.
 */
public final class Sweep {
    private Sweep() {}

    /** The parsed command line. {@code spark} is null for the local pool; {@code conf}: Spark settings ({@code --conf k=v}). */
    public record Args(SweepSpec spec, Path out, int workers, String spark, java.util.Map<String, String> conf) {}

    public static void main(String[] args) {
        try {
            Args a = parse(args);
            if (a.spark() != null) {
                throw new IllegalArgumentException("--spark " + a.spark() + ": the Spark runner is in the sweep-spark module; run it through ./lab sweep");
            }
            System.out.println("lab sweep: " + a.spec() + " -> " + a.out());
            SweepFolder f = LocalSweep.run(a.spec(), a.out(), a.workers(), SweepProgress.lines(System.out));
            report(f);
        } catch (IllegalArgumentException e) {
            System.err.println("lab sweep: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Prints the mean ± sd of the first recorded figure per point and where the results are. */
    public static void report(SweepFolder f) {
        String first = f.spec().recordedColumns().get(0);
        System.out.println(SweepTables.readable(SweepTables.meanSd(f, first), first).printAll());
        System.out.println("results: " + f.dir().resolve("results.csv") + " and results.jsonl (one row per cell, with provenance); cells in "
                + f.cellsDir());
    }

    /** Parses {@code SWEEP.json [--profile P] [--out DIR] [--workers N] [--spark MASTER]}. */
    public static Args parse(String[] args) {
        if (args.length == 0 || args[0].startsWith("--")) {
            throw new IllegalArgumentException("expected a sweep file, e.g. ./lab sweep notebooks/sweeps/keep-x-read-noise.json");
        }
        Path file = Path.of(args[0]);
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException(args[0] + ": no such file");
        Profile profile = null;
        Path out = null;
        int workers = LocalSweep.defaultWorkers();
        String spark = null;
        java.util.Map<String, String> conf = new java.util.LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--profile" -> { profile = Profile.parse(need(a, value), "--profile"); i++; }
                case "--out" -> { out = Path.of(need(a, value)); i++; }
                case "--workers" -> {
                    try {
                        workers = Integer.parseInt(need(a, value));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--workers " + value + ": expected a whole number >= 1");
                    }
                    if (workers < 1) throw new IllegalArgumentException("--workers " + value + ": expected a whole number >= 1");
                    i++;
                }
                case "--spark" -> { spark = need(a, value); i++; }
                case "--conf" -> {
                    String kv = need(a, value);
                    int eq = kv.indexOf('=');
                    if (eq <= 0 || !kv.startsWith("spark.")) {
                        throw new IllegalArgumentException("--conf " + kv + ": expected a Spark setting spark.key=value, e.g. --conf spark.executor.memory=4g");
                    }
                    conf.put(kv.substring(0, eq), kv.substring(eq + 1));
                    i++;
                }
                default -> throw new IllegalArgumentException("unknown argument '" + a + "': expected --profile, --out, --workers, --spark or --conf");
            }
        }
        if (!conf.isEmpty() && spark == null) throw new IllegalArgumentException("--conf: Spark settings need --spark MASTER");
        SweepSpec spec = SweepSpec.read(file, profile == null ? Profile.current() : profile, profile != null);
        return new Args(spec, out != null ? out : LocalSweep.defaultFolder(spec), workers, spark, java.util.Map.copyOf(conf));
    }

    private static String need(String option, String value) {
        if (value == null) throw new IllegalArgumentException(option + ": expects a value");
        return value;
    }
}
