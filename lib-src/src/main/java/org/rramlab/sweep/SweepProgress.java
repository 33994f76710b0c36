package org.rramlab.sweep;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.rramlab.train.Progress;

/**
 * Headless progress of a sweep: one line per finished cell with cells done / total, elapsed time and time left
 * (from the mean time per cell so far, times the cells left, divided by nothing: workers are already in the mean).
 * <pre>sweep keep-x-noise: 5/12 cells, 1m10s, ~1m38s left · prune.keepFraction=0.3, seed=2: final 0.726</pre>
 * Notebooks use their progress bar instead, which shows the same.
 */
public final class SweepProgress implements Progress {
    private final PrintStream out;
    private final LongSupplier nanos;
    private String task = "";
    private long total;
    private long startNanos;

    SweepProgress(PrintStream out, LongSupplier nanos) {
        this.out = out;
        this.nanos = nanos;
    }

    /** Lines on {@code out}. */
    public static SweepProgress lines(PrintStream out) {
        return new SweepProgress(out, System::nanoTime);
    }

    @Override
    public synchronized void start(String task, long total) {
        this.task = task;
        this.total = total;
        this.startNanos = nanos.getAsLong();
        out.println(task);
        out.flush();
    }

    @Override
    public synchronized void advance(long done, String status) {
        out.println(line(done, status));
        out.flush();
    }

    /** The line for {@code done} cells: "name: done/total cells, elapsed, ~left · status". */
    synchronized String line(long done, String status) {
        double elapsed = (nanos.getAsLong() - startNanos) / 1e9;
        String left = done <= 0 ? "" : ", ~" + duration(elapsed / done * (total - done)) + " left";
        return String.format(Locale.ROOT, "%s: %d/%d cells, %s%s%s", task.replaceFirst(":.*", ""), done, total, duration(elapsed),
                done >= total ? "" : left, status == null || status.isEmpty() ? "" : " · " + status);
    }

    @Override
    public synchronized void finish(String summary) {
        out.println(task.replaceFirst(":.*", "") + ": " + summary);
        out.flush();
    }

    static String duration(double s) {
        long t = Math.round(s);
        if (t < 60) return t + "s";
        if (t < 3600) return (t / 60) + "m" + String.format(Locale.ROOT, "%02d", t % 60) + "s";
        return (t / 3600) + "h" + String.format(Locale.ROOT, "%02d", (t % 3600) / 60) + "m";
    }
}
