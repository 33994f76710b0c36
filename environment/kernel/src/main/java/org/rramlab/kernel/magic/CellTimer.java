package org.rramlab.kernel.magic;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * {@code %time code} and {@code %%time} (as in IPython and JJava): runs the code, then prints its wall-clock time
 * and the CPU time the kernel process used meanwhile, all threads together (ND4J's native threads too), e.g.
 * {@code Wall time: 1.24 s, CPU time: 2.31 s (kernel process, all threads)}. The time is printed also when the code
 * fails or is interrupted; the code's value is the result as without {@code %time}.
 */
public final class CellTimer {
    /** Code to time. */
    @FunctionalInterface
    public interface Body {
        Object run() throws Exception;
    }

    private CellTimer() {}

    public static Object time(Body body, PrintStream out) throws Exception {
        long cpu0 = processCpuNanos();
        long wall0 = System.nanoTime();
        try {
            return body.run();
        } finally {
            long wall = System.nanoTime() - wall0;
            long cpu1 = processCpuNanos();
            out.println("Wall time: " + format(wall)
                    + (cpu0 < 0 || cpu1 < 0 ? "" : ", CPU time: " + format(cpu1 - cpu0) + " (kernel process, all threads)"));
        }
    }

    /** 850 µs, 12.3 ms, 1.24 s, 2 min 5.3 s. */
    static String format(long nanos) {
        double s = nanos / 1e9;
        if (s < 1e-3) {
            return String.format(Locale.ROOT, "%.0f µs", nanos / 1e3);
        }
        if (s < 1) {
            return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        }
        if (s < 60) {
            return String.format(Locale.ROOT, "%.2f s", s);
        }
        return String.format(Locale.ROOT, "%d min %.1f s", (long) (s / 60), s % 60);
    }

    /** CPU time of this JVM process so far, or -1 where the platform does not say. */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
