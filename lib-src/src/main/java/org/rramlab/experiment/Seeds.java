package org.rramlab.experiment;

/**
 * Every seed of a run, derived from the spec's one seed in this one place. Each purpose gets its own stream, so
 * changing the shuffling does not change the cells, and a sweep's seed axis moves all of them together.
 * <ul>
 *   <li>{@link #model()}: the layers' weights and scores (the network builders derive one per layer);</li>
 *   <li>{@link #macro()}: the arrays' cells (forming draws, RESET levels, read noise);</li>
 *   <li>{@link #shuffle()}: batch order, augmentation, the validation split (the trainer's seed);</li>
 *   <li>{@link #split()}: a task's own random train/test split (spoken digits);</li>
 *   <li>{@link #data()}: generated data and sampled patches (the synthetic fundus, retina patches);</li>
 *   <li>{@link #baseline(int)}: the k-th programming of the baseline's trained weights (write noise, verify pulses).</li>
 * </ul>
 */
public record Seeds(long seed) {

    public long model() { return derive(1); }

    public long macro() { return derive(2); }

    public long shuffle() { return derive(3); }

    public long split() { return derive(4); }

    public long data() { return derive(5); }

    public long baseline(int programming) { return derive(1000L + programming); }

    /** SplitMix64 of (seed, purpose): independent-looking, small positive streams for every purpose. */
    private long derive(long purpose) {
        long z = seed * 0x9E3779B97F4A7C15L + purpose * 0xC2B2AE3D27D4EB4FL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 1) % 1_000_000_007L;   // small: builders multiply layer seeds by 16 or 64
    }
}
