package org.rramlab.prune;

/**
 * How edges are pruned: the fraction of each layer's edges kept (top-k of |score|) and the flip limit.
 *
 * @param keepFraction fraction of edges kept per layer, in (0, 1]
 * @param flipLimit    hardware-aware flip limit ({@link FlipLimit#NONE} for the plain top-k)
 */
public record PruneConfig(double keepFraction, FlipLimit flipLimit) {

    public PruneConfig {
        TopK.checkKeepFraction(keepFraction);
        if (flipLimit == null) throw new IllegalArgumentException("flipLimit: expected a FlipLimit (FlipLimit.NONE for none), got null");
    }

    /** The authors' scripts: keep 50 %, no flip limit. */
    public static PruneConfig paper() { return new PruneConfig(0.5, FlipLimit.NONE); }

    /** Keep 50 % with the Fashion-MNIST flip limit. */
    public static PruneConfig paperWithFlipLimit() { return new PruneConfig(0.5, FlipLimit.fashionMnist()); }

    public PruneConfig withFlipLimit(FlipLimit limit) { return new PruneConfig(keepFraction, limit); }
}
