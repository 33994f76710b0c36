package org.rramlab.nn.train;

/**
 * Keeps a long ND4J run's memory bounded. ND4J frees an array's native buffer only when the Java object is garbage
 * collected; the heap holds nothing but small handles, so the JVM sees no reason to collect while native memory
 * grows by every temporary of every step (a base-8 U-Net run reached 6 GB resident). Asking for a collection when
 * the process's resident size passes a budget keeps it near the budget. Freed native memory is not always given
 * back to the system, so the resident size can stay above the budget: callers check every few steps, not every one.
 */
public final class NativeMemory {
    /** 3 GB: room for the paper-size U-Net's activations at batch 64, well under the 8 GB target. */
    public static final long DEFAULT_BUDGET_BYTES = 3L << 30;

    private NativeMemory() {}

    /** Steps between checks. */
    public static final int EVERY = 8;

    /**
     * On every {@link #EVERY}-th {@code step}, runs a garbage collection when the resident set size exceeds
     * {@code budgetBytes}; returns whether it did.
     */
    public static boolean collectIfAbove(long step, long budgetBytes) {
        if (step % EVERY != 0 || org.bytedeco.javacpp.Pointer.physicalBytes() <= budgetBytes) return false;
        System.gc();
        return true;
    }
}
