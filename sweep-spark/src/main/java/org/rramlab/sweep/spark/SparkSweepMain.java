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
                f = SparkSweep.run(a.spec(), a.out(), master, Map.of(), SweepProgress.lines(System.out));
            }
            Sweep.report(f);
        } catch (IllegalArgumentException e) {
            System.err.println("lab sweep: " + e.getMessage());
            System.exit(2);
        }
    }
}
