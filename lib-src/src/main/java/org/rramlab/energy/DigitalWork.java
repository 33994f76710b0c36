package org.rramlab.energy;

/**
 * Element-wise digital work a layer does per inference, outside the analogue multiply. Counts are elements, not
 * operations; {@link #operations()} turns them into operations with the per-element costs below.
 *
 * @param activations elements through an activation (ReLU)
 * @param pooled      elements read by pooling (each one compare)
 * @param normalised  elements through batch norm (folded to one scale and one shift)
 * @param quantised   elements quantised before a DAC (scale, round, clip)
 * @param elementwise any other one-operation element work (upsampling, averaging, recurrent additions)
 */
public record DigitalWork(long activations, long pooled, long normalised, long quantised, long elementwise) {

    /** Batch norm folded into scale and shift. */
    public static final int OPS_PER_NORMALISED = 2;
    /** Quantisation: scale, round, clip. */
    public static final int OPS_PER_QUANTISED = 3;

    public static final DigitalWork NONE = new DigitalWork(0, 0, 0, 0, 0);

    public DigitalWork {
        if (activations < 0 || pooled < 0 || normalised < 0 || quantised < 0 || elementwise < 0) {
            throw new IllegalArgumentException("digital work counts: activations " + activations + ", pooled " + pooled
                    + ", normalised " + normalised + ", quantised " + quantised + ", elementwise " + elementwise
                    + ": expected all >= 0");
        }
    }

    /** Digital operations per inference. */
    public long operations() {
        return activations + pooled + OPS_PER_NORMALISED * normalised + OPS_PER_QUANTISED * quantised + elementwise;
    }
}
