package org.rramlab.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keeps a long ND4J run's memory bounded, and measures it. ND4J frees an array's native buffer only when the Java
 * object is garbage collected (or {@code close()}d); the heap holds nothing but small handles, so the JVM sees no
 * reason to collect while native memory grows by every temporary of every step (a base-8 U-Net run reached 6 GB
 * resident, the paper-size one 12.8 GB). Asking for a collection when the process's resident size passes a budget
 * keeps it near the budget.
 *
 * <p>Freed native memory is not always given back to the system, so the resident size can stay above the budget
 * after a collection; the next collection then waits until it has grown by another quarter of the budget, instead
 * of collecting on every step.
 *
 * <p>Measuring: ND4J 1.0.0-M2.1 on CPU does not count plain arrays anywhere (JavaCPP's {@code Pointer.totalBytes()}
 * and ND4J's allocation tracker stay near 0 while gigabytes are allocated, measured); they show only in the
 * process's resident size. So the honest peak is the kernel's high-water mark, {@link #peakResidentBytes()}.
 */
public final class NativeMemory {
    /**
     * 3 GB: room for the paper-size U-Net's activations at batch 64, well under the 8 GB target; the system property
     * {@code rramlab.nativeBudgetMb} sets another (in MB), e.g. to see how much of a run's resident size waits for a
     * collection.
     */
    public static final long DEFAULT_BUDGET_BYTES = Long.getLong("rramlab.nativeBudgetMb", 3L << 10) << 20;

    private static final Path STATUS = Path.of("/proc/self/status");
    private static long floor;   // resident size after the last collection

    private NativeMemory() {}

    /** Runs a garbage collection when the resident set size exceeds the budget (see the class comment); returns whether it did. */
    public static synchronized boolean collectIfAbove(long budgetBytes) {
        long rss = residentBytes();
        if (rss <= Math.max(budgetBytes, floor + budgetBytes / 4)) return false;
        System.gc();
        floor = residentBytes();
        return true;
    }

    /** Current resident set size of the process, bytes. */
    public static long residentBytes() {
        return org.bytedeco.javacpp.Pointer.physicalBytes();
    }

    /**
     * Peak resident set size of the process since it started (the kernel's {@code VmHWM}), bytes: exact, unlike
     * sampling, which misses short peaks. -1 where {@code /proc/self/status} does not exist (not Linux).
     */
    public static long peakResidentBytes() {
        if (!Files.isReadable(STATUS)) return -1;
        try {
            return statusBytes(Files.readAllLines(STATUS), "VmHWM");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + STATUS, e);
        }
    }

    /**
     * Native bytes ND4J accounts for: its workspaces and JavaCPP-tracked pointers. Plain arrays are not included in
     * ND4J 1.0.0-M2.1 on CPU (see the class comment).
     */
    public static long nd4jAccountedBytes() {
        return Nd4j.getMemoryManager().allocatedMemory(0);
    }

    /** The value of a "{@code Field:   123 kB}" line of a /proc status file, in bytes. */
    static long statusBytes(List<String> lines, String field) {
        for (String line : lines) {
            if (!line.startsWith(field + ":")) continue;
            String[] parts = line.substring(field.length() + 1).trim().split("\\s+");
            if (parts.length != 2 || !parts[1].equals("kB")) {
                throw new IllegalArgumentException("/proc status field " + field + ": expected '<number> kB', got '" + line + "'");
            }
            return Long.parseLong(parts[0]) * 1024;
        }
        throw new IllegalArgumentException("/proc status: no field " + field + " among " + lines.size() + " lines");
    }
}
