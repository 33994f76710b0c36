package org.rramlab.notebook;

import org.rramlab.train.Progress;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * {@link Progress} for people: in a notebook one bar per run, updated in place (the run's name, task, done/total,
 * percentage, elapsed time, ETA, status) with the last finished task's line under it; when the run is over only one
 * line stays, the last finished task's (for an experiment: its headline figures) and the run's total time. Per-epoch
 * figures belong in the run's tables and charts, not in 30 lines of log. Headless: one line per finished task, like
 * {@link Progress#lines}. Redraws are throttled to {@value #MIN_REDRAW_MILLIS} ms (about 5 per second) because
 * each one is a Jupyter message and a training loop may report thousands of steps.
 *
 * <pre>{@code var progress = ProgressBar.create();   // picks notebook or headless
 * trainer.fit(model, data, progress);}</pre>
 */
public final class ProgressBar implements Progress {
    static final long MIN_REDRAW_MILLIS = 200;
    private static final int BAR_CELLS = 30;

    private final Show.Target target;
    private final PrintStream lines;
    private final LongSupplier nanoClock;

    private String lastFinished = "";
    private int tasksFinished;
    private String name = "";
    private long runStartNanos = -1;
    private String displayId;
    private String task = "";
    private long total;
    private long done;
    private String status = "";
    private long startNanos;
    private long lastDrawNanos;

    private ProgressBar(Show.Target target, PrintStream lines, LongSupplier nanoClock) {
        this.target = target;
        this.lines = lines;
        this.nanoClock = nanoClock;
    }

    /** A bar in the notebook if a kernel runs in this JVM, else lines on standard output. */
    public static ProgressBar create() {
        return Show.inNotebook() ? new ProgressBar(Show.target(), null, System::nanoTime) : headless(System.out);
    }

    /** One line per finished task on {@code out}: {@code "task: summary"}. */
    public static ProgressBar headless(PrintStream out) {
        return new ProgressBar(null, out, System::nanoTime);
    }

    /** A bar drawn on {@code target} with the given clock (tests). */
    static ProgressBar drawingOn(Show.Target target, LongSupplier nanoClock) {
        return new ProgressBar(target, null, nanoClock);
    }

    /** Names the bar (e.g. the preset and profile of a run); every line it draws starts with the name. */
    @Override
    public synchronized ProgressBar named(String name) {
        this.name = name == null ? "" : name;
        return this;
    }

    @Override
    public synchronized void start(String task, long total) {
        if (total < 0) {
            throw new IllegalArgumentException("total: " + total + " steps for task '" + task + "'; expected >= 0");
        }
        this.task = task;
        this.total = total;
        this.done = 0;
        this.status = "";
        this.startNanos = nanoClock.getAsLong();
        if (runStartNanos < 0) runStartNanos = startNanos;
        draw(true);
    }

    @Override
    public synchronized void advance(long done, String status) {
        this.done = done;
        this.status = status == null ? "" : status;
        draw(false);
    }

    @Override
    public synchronized void finish(String summary) {
        String line = task + ": " + summary;
        if (lines != null) {
            lines.println(line);
            lines.flush();
            return;
        }
        lastFinished = line;
        tasksFinished++;
        task = "";
        draw(true);
    }

    private void draw(boolean force) {
        if (target == null) {
            return;
        }
        long now = nanoClock.getAsLong();
        if (!force && displayId != null && now - lastDrawNanos < MIN_REDRAW_MILLIS * 1_000_000) {
            return;
        }
        lastDrawNanos = now;
        Show.Rich view = new Show.Rich(text(now), html(now), null);
        if (displayId == null) {
            displayId = target.display(view);
        } else {
            target.update(displayId, view);
        }
    }

    /** {@code "epoch 3 [#########.........]  300/1000  30.0 %  0:12 < 0:28  loss 0.41"} */
    String barLine(long now) {
        double fraction = total == 0 ? 1 : Math.min(1, done / (double) total);
        int filled = (int) Math.round(fraction * BAR_CELLS);
        return String.format(Locale.ROOT, "%s%s [%s%s] %d/%d %5.1f %% %s < %s %s", prefix(), task, "#".repeat(filled),
                ".".repeat(BAR_CELLS - filled), done, total, 100 * fraction, clock(now - startNanos),
                eta(now), status).stripTrailing();
    }

    private String eta(long now) {
        if (done <= 0 || total <= 0) {
            return "?";
        }
        long elapsed = now - startNanos;
        return clock((long) (elapsed * (double) (total - done) / done));
    }

    /** Running: the bar, then the last finished line; over: that line and the run's time. */
    private String text(long now) {
        if (task.isEmpty()) {
            return doneLine(now);
        }
        return lastFinished.isEmpty() ? barLine(now) : barLine(now) + "\n" + prefix() + lastFinished;
    }

    private String doneLine(long now) {
        return prefix() + lastFinished + "  (" + (tasksFinished > 1 ? tasksFinished + " steps, " : "") + clock(now - runStartNanos) + ")";
    }

    private String prefix() {
        return name.isEmpty() ? "" : name + " · ";
    }

    private String html(long now) {
        StringBuilder html = new StringBuilder("<div style=\"font-family:monospace;font-size:12px\">");
        if (task.isEmpty()) {
            html.append("<div>").append(Tables.escape(doneLine(now))).append("</div>");
        } else {
            double fraction = total == 0 ? 1 : Math.min(1, done / (double) total);
            html.append("<div style=\"display:flex;align-items:center;gap:8px\"><span>").append(Tables.escape(prefix() + task))
                    .append("</span><div style=\"width:240px;height:12px;background:#e6e6e6;border-radius:3px\">")
                    .append("<div style=\"width:").append(String.format(Locale.ROOT, "%.1f", 100 * fraction))
                    .append("%;height:12px;background:#0072B2;border-radius:3px\"></div></div><span>")
                    .append(String.format(Locale.ROOT, "%d/%d %.1f %% %s &lt; %s %s", done, total, 100 * fraction,
                            clock(now - startNanos), eta(now), Tables.escape(status)))
                    .append("</span></div>");
            if (!lastFinished.isEmpty()) {
                html.append("<div style=\"color:#666\">").append(Tables.escape(lastFinished)).append("</div>");
            }
        }
        return html.append("</div>").toString();
    }

    /** Nanoseconds as {@code m:ss} (or {@code h:mm:ss}). */
    static String clock(long nanos) {
        long s = Math.max(0, nanos) / 1_000_000_000L;
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
