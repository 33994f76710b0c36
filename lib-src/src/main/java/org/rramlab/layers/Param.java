package org.rramlab.layers;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One trainable tensor of a layer and its gradient (same shape). Optimisers update {@link #value()} from
 * {@link #grad()}; {@link #kind()} tells them (and reports) what the numbers mean.
 */
public final class Param {

    /** What a parameter is: edge-popup scores, plain trained weights, or batch-norm affine parameters. */
    public enum Kind { SCORE, WEIGHT, BN }

    private final String name;
    private final Kind kind;
    private final INDArray value;
    private final INDArray grad;

    public Param(String name, Kind kind, INDArray value) {
        this.name = Objects.requireNonNull(name, "name");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.value = Objects.requireNonNull(value, "value");
        this.grad = value.ulike();
        this.grad.assign(0);
    }

    public String name() { return name; }
    public Kind kind() { return kind; }
    /** The parameter itself; optimisers update it in place. */
    public INDArray value() { return value; }
    /** dLoss/dValue of the last backward pass (overwritten, not accumulated, by each backward). */
    public INDArray grad() { return grad; }
    public long size() { return value.length(); }

    @Override public String toString() {
        return name + " " + kind + " " + java.util.Arrays.toString(value.shape());
    }
}
