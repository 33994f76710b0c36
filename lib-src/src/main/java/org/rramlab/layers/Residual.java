package org.rramlab.layers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A residual unit: {@code out = main(x) + shortcut(x)}, the shortcut the identity (null) or a layer, usually the 1×1
 * projection (strided convolution + batch norm) that matches the main path's channels and stride. The ReLU after the
 * sum is not part of the unit (put it after, as ResNet does).
 *
 * <p>Backward: the output gradient goes down both paths and their input gradients add up.
 */
public final class Residual implements Layer {
    private final Layer main;
    private final Layer shortcut;   // null: identity
    private final boolean mainDisposable, shortcutDisposable;   // whether their outputs can be freed after the sum

    /** {@code shortcut} null: the identity (input and output must have the same shape). */
    public Residual(Layer main, Layer shortcut) {
        if (main == null) throw new IllegalArgumentException("Residual: main path must not be null (the shortcut may be: identity)");
        this.main = main;
        this.shortcut = shortcut;
        this.mainDisposable = outputDisposable(main);
        this.shortcutDisposable = shortcut != null && outputDisposable(shortcut);
    }

    /**
     * Whether a path's output is dead once the sum is formed: when its last layer is a batch norm or a convolution,
     * neither of which keeps its output for backward. (Left to the collector, the paths' outputs were ~1 GB of the
     * ResNet-20 benchmark's resident size.)
     */
    private static boolean outputDisposable(Layer path) {
        Layer last = path;
        while (last instanceof Sequential s) last = s.children().get(s.children().size() - 1);
        return last instanceof BatchNorm || last instanceof MaskedConv2d;
    }

    /** An identity shortcut. */
    public Residual(Layer main) { this(main, null); }

    @Override public INDArray forward(INDArray x, boolean training) {
        INDArray a = main.forward(x, training);
        INDArray b = shortcut == null ? x : shortcut.forward(x, training);
        if (!java.util.Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException("residual: main path gives " + java.util.Arrays.toString(a.shape()) + ", shortcut "
                    + (shortcut == null ? "(identity) " : "") + java.util.Arrays.toString(b.shape())
                    + "; expected equal shapes (a projection shortcut matches channels and stride)");
        }
        // a new array: a path's output may be what its last layer keeps for backward (a ReLU's output)
        INDArray sum = a.add(b);
        if (mainDisposable && !Buffers.sameBuffer(a, x)) Buffers.free(a);
        if (shortcutDisposable && !Buffers.sameBuffer(b, x)) Buffers.free(b);
        return sum;
    }

    @Override public INDArray backward(INDArray gradOut) {
        INDArray gMain = main.backward(gradOut);
        INDArray gShort = shortcut == null ? gradOut : shortcut.backward(gradOut);
        if (gMain == null || gShort == null) {
            throw new IllegalStateException("residual: a path returned no input gradient; only a network's first layer may skip it");
        }
        if (Buffers.sameBuffer(gMain, gradOut) || Buffers.sameBuffer(gMain, gShort)) return gMain.add(gShort);
        gMain.addi(gShort);
        if (shortcut != null) Buffers.freeUnlessShared(gShort, gradOut);
        return gMain;
    }

    @Override public List<Param> params() {
        List<Param> all = new ArrayList<>(main.params());
        if (shortcut != null) all.addAll(shortcut.params());
        return Collections.unmodifiableList(all);
    }

    @Override public List<Layer> children() { return shortcut == null ? List.of(main) : List.of(main, shortcut); }

    public Layer main() { return main; }

    /** The projection, or null for the identity. */
    public Layer shortcut() { return shortcut; }

    @Override public String describe() {
        return "[" + main.describe() + " + " + (shortcut == null ? "identity" : shortcut.describe()) + "]";
    }
}
