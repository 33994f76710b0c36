package org.rramlab.layers;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A layer whose backward can write dLoss/dInput over the gradient it is given, instead of into a fresh array (a fresh
 * activation-sized array per layer and step costs the kernel's page clearing). {@link Sequential} calls it only with
 * gradients made by its next layer, which nobody else holds; never with its caller's gradient, which a residual block
 * or the loss may still read.
 */
interface OverwritesGradient {
    /** As {@link Layer#backward}, but may return {@code gradOut} itself, overwritten. */
    INDArray backwardOverwriting(INDArray gradOut);
}
