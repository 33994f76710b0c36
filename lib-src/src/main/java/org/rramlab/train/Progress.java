package org.rramlab.train;

import java.io.PrintStream;

/**
 * Progress of a long run (an epoch, a sweep). Library code reports through this interface and never decides how it
 * is shown: in a notebook {@code org.rramlab.notebook.ProgressBar} draws a bar updated in place; headless runs print
 * one line per task. {@link #display()} is the display a run uses when it is not given one: lines on standard output,
 * unless a display layer above (the notebook helpers) installed its own with {@link #useDisplay}.
 */
public interface Progress {

    /** Where {@link #display()} comes from; the notebook layer replaces it (training never imports display code). */
    java.util.concurrent.atomic.AtomicReference<java.util.function.Supplier<Progress>> DISPLAY =
            new java.util.concurrent.atomic.AtomicReference<>(() -> lines(System.out));

    /** A new progress display of the kind installed: a bar in a notebook, lines headless. */
    static Progress display() {
        return DISPLAY.get().get();
    }

    /** Installs how {@link #display()} shows progress (called by the notebook helpers when they load). */
    static void useDisplay(java.util.function.Supplier<Progress> factory) {
        if (factory == null) throw new IllegalArgumentException("factory: expected a Supplier<Progress>, got null");
        DISPLAY.set(factory);
    }

    /**
     * This display, named (e.g. {@code "fashion, quick"}): a display that draws one bar per run shows the name on
     * it. Lines and silent displays ignore it.
     */
    default Progress named(String name) {
        return this;
    }

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
