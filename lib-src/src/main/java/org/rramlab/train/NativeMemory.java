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
    private static final Path STAT = Path.of("/proc/self/stat");
    private static final Path MAPS = Path.of("/proc/self/maps");
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
     * Minor page faults of the process since it started (/proc/self/stat): each is a page the kernel mapped (and, for
     * fresh memory, zeroed) on first touch. A training step whose freed arrays the allocator keeps for the next step
     * adds few; one whose allocator hands them back to the kernel adds one per 4 kB of its arrays. -1 where
     * {@code /proc/self/stat} does not exist (not Linux).
     */
    public static long minorFaults() {
        if (!Files.isReadable(STAT)) return -1;
        try {
            return statField(Files.readString(STAT), 10);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + STAT, e);
        }
    }

    /**
     * The C allocator that serves ND4J's native arrays in this process: "jemalloc" when its library is mapped (./lab
     * preloads it, environment/setup/common.sh), otherwise "glibc malloc" on Linux, "unknown" elsewhere. Read from
     * the process's own memory map, not from the environment, so it says what is loaded rather than what was asked.
     */
    public static String allocator() {
        if (!Files.isReadable(MAPS)) return "unknown";
        try (var lines = Files.lines(MAPS)) {
            return lines.anyMatch(l -> l.contains("/libjemalloc")) ? "jemalloc" : "glibc malloc";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + MAPS, e);
        }
    }

    /**
     * Field {@code n} (1-based, as proc(5) numbers them) of a /proc stat line. The command name (field 2) is
     * parenthesised and may hold spaces, so fields are counted from its closing parenthesis.
     */
    public static long statField(String stat, int n) {
        int close = stat.lastIndexOf(')');
        if (close < 0 || n < 3) throw new IllegalArgumentException("/proc stat: expected 'pid (name) state ...' and a field >= 3, got field " + n + " of '" + stat + "'");
        String[] f = stat.substring(close + 2).trim().split(" ");
        if (f.length < n - 2) throw new IllegalArgumentException("/proc stat: expected at least " + n + " fields, got " + (f.length + 2));
        return Long.parseLong(f[n - 3]);
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
