package org.rramlab.kernel.execution;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Caps what one cell may print. A cell that prints without end (a log line in a tight loop, a huge array's
 * {@code toString}) would otherwise send every byte to the browser, which then stops responding long before the
 * kernel does. Past {@link #limitBytes} of stdout and stderr together, further output of that cell is dropped: one
 * note says so when it starts, one at the end of the cell says how much was dropped; the cell itself runs on.
 *
 * <p>The kernel installs {@link #out()} and {@link #err()} as {@code System.out} / {@code System.err} for every cell
 * and calls {@link #startCell()} / {@link #endCell()} around it. The streams are the same objects for every cell,
 * so a stream a cell kept in a variable goes on working in later cells.
 */
public final class OutputLimit {
    /** What one cell may print, unless {@code -Drramlab.kernel.outputLimitMiB=N} says otherwise. */
    public static final long DEFAULT_LIMIT_BYTES = 8L << 20;

    private final PrintStream stdout;
    private final PrintStream stderr;
    private final long limitBytes;
    private final PrintStream out;
    private final PrintStream err;
    private long printed;
    private long dropped;

    /** {@code stdout} and {@code stderr} are the streams that reach the notebook. */
    public OutputLimit(PrintStream stdout, PrintStream stderr, long limitBytes) {
        this.stdout = stdout;
        this.stderr = stderr;
        this.limitBytes = limitBytes;
        this.out = new PrintStream(new Capped(stdout), true, StandardCharsets.UTF_8);
        this.err = new PrintStream(new Capped(stderr), true, StandardCharsets.UTF_8);
    }

    /** The limit from {@code -Drramlab.kernel.outputLimitMiB}, else {@link #DEFAULT_LIMIT_BYTES}. */
    public static long configuredLimit() {
        String mib = System.getProperty("rramlab.kernel.outputLimitMiB");
        if (mib == null || mib.isBlank()) {
            return DEFAULT_LIMIT_BYTES;
        }
        try {
            return (long) (Double.parseDouble(mib.strip()) * (1 << 20));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-Drramlab.kernel.outputLimitMiB=" + mib + " is not a number of MiB", e);
        }
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    public synchronized void startCell() {
        printed = 0;
        dropped = 0;
    }

    /** Ends the cell's count; notes on stderr how much it dropped, if anything. */
    public void endCell() {
        // Flush before taking this object's lock: a thread printing holds its stream's lock while it asks for ours.
        out.flush();
        err.flush();
        synchronized (this) {
            if (dropped > 0) {
                stderr.println("rramlab kernel: " + mib(dropped) + " of this cell's output were dropped (it printed "
                        + mib(printed) + " in all; the limit is " + mib(limitBytes) + " a cell)");
                stderr.flush();
            }
            // Output after the cell ended (a background thread) counts towards the next cell.
            printed = 0;
            dropped = 0;
        }
    }

    /** How many bytes of {@code len} may still go out; notes the first time the limit cuts output. */
    private synchronized int allow(int len) {
        long room = Math.max(0, limitBytes - printed);
        int allowed = (int) Math.min(room, len);
        if (allowed < len && dropped == 0) {
            // Say so on the real stderr, not through the cap: this note must always get through.
            stdout.flush();
            stderr.println();
            stderr.println("rramlab kernel: this cell has printed " + mib(limitBytes) + ", the most one cell may"
                    + " print; the rest of its output is dropped so that the notebook stays responsive (the cell"
                    + " goes on running). Write large output to a file instead.");
            stderr.flush();
        }
        printed += len;
        dropped += len - allowed;
        return allowed;
    }

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20));
    }

    /** Passes bytes through to {@code target} while the cell's budget lasts. */
    private final class Capped extends OutputStream {
        private final PrintStream target;

        Capped(PrintStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) {
            if (allow(1) == 1) {
                target.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            int allowed = allow(len);
            if (allowed > 0) {
                target.write(b, off, allowed);
            }
        }

        @Override
        public void flush() {
            target.flush();
        }
    }
}
