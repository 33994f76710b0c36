package org.rramlab.train;

import java.io.PrintStream;

/**
 * Progress of a long run (an epoch, a sweep). Library code reports through this interface and never decides how it
 * is shown: in a notebook {@link ProgressBar} draws a bar updated in place; headless runs print one line per task.
 */
public interface Progress {

    /** A new task of {@code total} steps begins (e.g. "epoch 3/65", 1000 batches). */
    void start(String task, long total);

    /** {@code done} of {@code total} steps are done; {@code status} is a short text such as "loss 0.41". */
    void advance(long done, String status);

    /** The task ended; {@code summary} is its one-line result (e.g. "test acc 84.2 %, 21.3 s"). */
    void finish(String summary);

    /** Shows nothing. */
    static Progress none() {
        return new Progress() {
            @Override public void start(String task, long total) {}
            @Override public void advance(long done, String status) {}
            @Override public void finish(String summary) {}
        };
    }

    /** One line per finished task on the given stream: what headless runs and logs want. */
    static Progress lines(PrintStream out) {
        return new Progress() {
            private String task = "";
            @Override public void start(String task, long total) { this.task = task; }
            @Override public void advance(long done, String status) {}
            @Override public void finish(String summary) { out.println(task + ": " + summary); out.flush(); }
        };
    }
}
