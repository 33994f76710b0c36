package org.rramlab.sweep.spark;

import java.util.Map;
import org.rramlab.sweep.LocalSweep;
import org.rramlab.sweep.Sweep;
import org.rramlab.sweep.SweepFolder;
import org.rramlab.sweep.SweepProgress;

/**
 * {@code ./lab sweep SWEEP.json --spark MASTER}, and the main class of the cluster jar for {@code spark-submit}: the
 * same arguments as {@link Sweep}; without {@code --spark} (or under spark-submit, where the master comes from
 * {@code spark.master}) it takes the master spark-submit set, else runs on the local pool.
 */
public final class SparkSweepMain {
    private SparkSweepMain() {}

    public static void main(String[] args) {
        try {
            Sweep.Args a = Sweep.parse(args);
            String master = a.spark() != null ? a.spark() : System.getProperty("spark.master");
            SweepFolder f;
            if (master == null) {
                System.out.println("lab sweep: " + a.spec() + " -> " + a.out() + " (local pool)");
                f = LocalSweep.run(a.spec(), a.out(), a.workers(), SweepProgress.lines(System.out));
            } else {
                System.out.println("lab sweep: " + a.spec() + " -> " + a.out() + " on Spark " + master);
                f = SparkSweep.run(a.spec(), a.out(), master, withJars(master, a.conf()), SweepProgress.lines(System.out));
            }
            Sweep.report(f);
        } catch (IllegalArgumentException e) {
            System.err.println("lab sweep: " + e.getMessage());
            System.exit(2);
        }
    }

    /**
     * For a cluster master, the library's jars (this module, the library, its dependencies; not Spark) as
     * {@code spark.jars}, so that executors fetch them from the driver: {@code ./lab} names their folder in the system
     * property {@code rramlab.sweep.jars}. A {@code spark.jars} of the user's, local masters and spark-submit (which
     * ships its own jar) are left alone.
     */
    static Map<String, String> withJars(String master, Map<String, String> conf) {
        Map<String, String> c = new java.util.LinkedHashMap<>(conf);
        String dir = System.getProperty("rramlab.sweep.jars");
        if (master.startsWith("local") || dir == null || c.containsKey("spark.jars")) return c;
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of(dir))) {
            c.put("spark.jars", String.join(",", files.filter(p -> p.toString().endsWith(".jar")).sorted().map(p -> p.toUri().toString()).toList()));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("rramlab.sweep.jars = " + dir + ": cannot list the library's jars (" + e.getMessage() + ")");
        }
        return c;
    }
}
