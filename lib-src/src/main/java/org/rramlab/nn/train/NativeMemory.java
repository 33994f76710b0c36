package org.rramlab.nn.train;

/**
 * Keeps a long ND4J run's memory bounded. ND4J frees an array's native buffer only when the Java object is garbage
 * collected; the heap holds nothing but small handles, so the JVM sees no reason to collect while native memory
 * grows by every temporary of every step (a base-8 U-Net run reached 6 GB resident, the paper-size one 12.8 GB).
 * Asking for a collection when the process's resident size passes a budget keeps it near the budget.
 *
 * <p>Freed native memory is not always given back to the system, so the resident size can stay above the budget
 * after a collection; the next collection then waits until it has grown by another quarter of the budget, instead
 * of collecting on every step.
 */
public final class NativeMemory {
    /** 3 GB: room for the paper-size U-Net's activations at batch 64, well under the 8 GB target. */
    public static final long DEFAULT_BUDGET_BYTES = 3L << 30;

    private static long floor;   // resident size after the last collection

    private NativeMemory() {}

    /** Runs a garbage collection when the resident set size exceeds the budget (see the class comment); returns whether it did. */
    public static synchronized boolean collectIfAbove(long budgetBytes) {
        long rss = org.bytedeco.javacpp.Pointer.physicalBytes();
        if (rss <= Math.max(budgetBytes, floor + budgetBytes / 4)) return false;
        System.gc();
        floor = org.bytedeco.javacpp.Pointer.physicalBytes();
        return true;
    }
}
