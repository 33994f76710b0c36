package org.rramlab.prune;

/**
 * The hardware-aware flip limit: a mask bit may change only if its score moved, since the bit last changed, by at
 * least {@code limit} relative to the score it had then: |s − s_ref| ≥ limit·|s_ref|. Fewer flips mean fewer SET/RESET
 * pulses on the array. The limit starts at {@code start} and falls linearly to {@code end} in {@code steps} steps;
 * the trainer takes one step each time the best test accuracy improves (the authors' schedule).
 *
 * <p>The reading "relative to the score at the bit's last change" is ours: the public scripts' exact reference point
 * was not documented; see docs/pruning-and-training.md.
 */
public record FlipLimit(double start, double end, int steps) {

    /** No limit: the mask is the exact top-k every step. */
    public static final FlipLimit NONE = new FlipLimit(0, 0, 0);

    public FlipLimit {
        if (!(start >= 0) || !(end >= 0)) throw new IllegalArgumentException("flip limit start/end: expected >= 0, got " + start + " / " + end);
        if (end > start) throw new IllegalArgumentException("flip limit end " + end + ": expected <= start " + start);
        if (steps < 0) throw new IllegalArgumentException("flip limit steps: expected >= 0, got " + steps);
    }

    /** Fashion-MNIST: 0.01 falling to 0.007 in 15 steps. */
    public static FlipLimit fashionMnist() { return new FlipLimit(0.01, 0.007, 15); }

    /** Spoken digits: 0.009 falling to 0.007 in 15 steps. */
    public static FlipLimit spokenDigits() { return new FlipLimit(0.009, 0.007, 15); }

    /** DRIVE: a constant 0.001. */
    public static FlipLimit drive() { return new FlipLimit(0.001, 0.001, 0); }

    public boolean enabled() { return start > 0; }

    /** The limit after {@code step} schedule steps. */
    public double at(int step) {
        if (steps == 0) return start;
        double t = Math.min(1.0, Math.max(0, step) / (double) steps);
        return start + (end - start) * t;
    }
}
